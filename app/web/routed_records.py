"""Call records for calls routed before the bot speaks, so none is lost.

A call sent straight to people by a plain dial is recorded at once. A call handed to a stream is
saved to Redis as "pending" first: the stream replaces that state when it starts, and if it never
starts, the call's final status callback records what is known (caller, route, target).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.engine.events import CallerProfile
from app.engine.routing import RoutingDecision, caller_language
from app.engine.session import CallSession, Escalation
from app.flows.schema import Flows

log = logging.getLogger(__name__)
PENDING = "pending"


@dataclass(frozen=True)
class IncomingCall:
    """What the voice webhook knows about a call before anything is said."""

    call_sid: str
    caller: str | None
    called: str | None
    profile: CallerProfile | None
    at: datetime

    def language(self, flows: Flows) -> str:
        """The caller's language from the CRM when the business speaks it, else English."""
        return caller_language(flows, self.profile) if self.profile is not None else "en"


def routed_session(call: IncomingCall, decision: RoutingDecision) -> CallSession:
    """The call as routing left it: who called, where it went and why."""
    profile = vars(call.profile).copy() if call.profile is not None else None
    return CallSession(call_sid=call.call_sid, caller=call.caller, called=call.called,
                       started_at=call.at.isoformat(), after_hours=decision.after_hours, mode=decision.mode,
                       call_types=list(decision.call_types), profile=profile, routing=decision.as_record())


def record_person_route(store: Any, call: IncomingCall, decision: RoutingDecision, evidence: str | None = None) -> None:
    """Store the finished record of a call dialled straight to people (nothing else will)."""
    session = routed_session(call, decision)
    session.ended_at, session.outcome = call.at.isoformat(), "transferred"
    session.escalation = Escalation(reason=decision.reason, evidence=evidence or f"routed before the bot: {decision.reason}",
                                    target=decision.target or "", at=call.at.isoformat())
    try:
        store.finish(session)
    except Exception:  # noqa: BLE001 - the caller is already on the way to people; the log keeps the SID
        log.exception("call %s: could not record the route to %s", call.call_sid, decision.target)


def keep_pending(store: Any, call: IncomingCall, decision: RoutingDecision) -> None:
    """Save the routed call before its stream starts (the stream's own state replaces it)."""
    session = routed_session(call, decision)
    session.routing = {**(session.routing or {}), "stream": PENDING}
    try:
        store.save(session)
    except Exception:  # noqa: BLE001 - the stream still runs and records the call itself
        log.exception("call %s: could not save the routed state", call.call_sid)


def finish_unstreamed(store: Any, call_sid: str, at: datetime) -> bool:
    """At the call's last status: record it if its stream never started. True when recorded here."""
    load = getattr(store, "load", None)
    session = load(call_sid) if load is not None else None
    if session is None or (session.routing or {}).get("stream") != PENDING:
        return False
    session.routing = {**(session.routing or {}), "stream": "never_started"}
    session.ended_at = at.isoformat()
    session.outcome = "transferred"  # the TwiML after the stream dials people
    store.finish(session)
    log.warning("call %s ended before its media stream started; recorded from its routing", call_sid)
    return True
