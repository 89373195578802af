"""The TwiML for each routing decision: the bot's stream, a shadowed dial, or people at once.

Built with twilio's VoiceResponse. The bot's <Connect><Stream> is followed by a dial of the front
desk: Twilio only reaches it when the socket closes without the call having been moved (a crash,
a refused stream), so even then the caller reaches a person instead of silence.
"""
from __future__ import annotations

import json
from dataclasses import asdict

from twilio.twiml.voice_response import Connect, Start, Stream, VoiceResponse

from app.engine.routing import RoutingDecision
from app.flows.schema import localize
from app.runtime.transfer import append_dial

from .routed_records import IncomingCall, keep_pending, record_person_route
from .twilio_setup import PersonRoute, TwilioWeb

SHADOW_STREAM = "frontdesk-shadow"


def stream_parameters(web: TwilioWeb, call: IncomingCall, decision: RoutingDecision) -> dict[str, str]:
    """What the media socket learns at `start`: the per-call token, the caller, the routing."""
    profile = json.dumps(asdict(call.profile), separators=(",", ":")) if call.profile else ""
    return {
        "token": web.stream_token(call.call_sid), "from": call.caller or "", "to": call.called or "",
        "after_hours": "1" if decision.after_hours else "0", "mode": decision.mode,
        "call_types": decision.call_types_parameter(), "profile": profile,
    }


def _add_parameters(stream: Stream, parameters: dict[str, str]) -> None:
    for name, value in parameters.items():
        if value:
            stream.parameter(name=name, value=value)


def answer(web: TwilioWeb, call: IncomingCall, decision: RoutingDecision, url: str) -> VoiceResponse:
    """The whole answer to the voice webhook for this decision (and the record it needs)."""
    if decision.route == "person":
        return to_people(web, call, decision)
    store = web.runtime.store if web.runtime is not None else None
    if store is not None:
        keep_pending(store, call, decision)
    if decision.route == "shadow":
        return shadow_response(web, call, decision, url)
    return bot_response(web, call, decision, url)


def bot_response(web: TwilioWeb, call: IncomingCall, decision: RoutingDecision, url: str) -> VoiceResponse:
    """<Connect><Stream> to the bot, then (only if the socket drops unmoved) the front desk."""
    response = VoiceResponse()
    connect = Connect()
    _add_parameters(connect.stream(url=url), stream_parameters(web, call, decision))
    response.append(connect)
    language = call.language(web.flows)
    sorry = localize(web.flows.business.messages.system_failure, language)
    return append_dial(response, web.flows, web.flows.staff.front_desk, sorry, language, web.settings.public_url)


def shadow_response(web: TwilioWeb, call: IncomingCall, decision: RoutingDecision, url: str) -> VoiceResponse:
    """People take the call as they would without Frontdesk; a one-way fork lets the bot listen."""
    response = VoiceResponse()
    start = Start()
    _add_parameters(start.stream(url=url, track="inbound_track", name=SHADOW_STREAM),
                    stream_parameters(web, call, decision))
    response.append(start)
    language = call.language(web.flows)
    return append_dial(response, web.flows, decision.target or web.flows.staff.front_desk, None, language,
                       web.settings.public_url)


def to_people(web: TwilioWeb, call: IncomingCall, decision: RoutingDecision) -> VoiceResponse:
    """Straight to the decision's target through the transfer, which keeps the record when it can."""
    language = call.language(web.flows)
    route = PersonRoute(call_sid=call.call_sid, caller=call.caller, called=call.called,
                        target=decision.target or web.flows.staff.front_desk, reason=decision.reason,
                        language=language, profile=call.profile)
    response = web.connect_to_person(route, VoiceResponse())
    if web.person_router is None and web.runtime is not None:  # a plain dial keeps no record of its own
        record_person_route(web.runtime.store, call, decision)
    return response
