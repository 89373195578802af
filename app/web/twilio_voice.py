"""Twilio's voice webhooks: the incoming call, status callbacks and the fallback that always reaches people."""
from __future__ import annotations

import json
import logging
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

from flask import Blueprint, Response, abort, current_app, request

from app.integrations.twilio import twiml
from app.runtime.transfer import transfer_twiml

from .twilio_setup import TwilioWeb, stream_url

log = logging.getLogger(__name__)
blueprint = Blueprint("twilio", __name__, url_prefix="/twilio")
EXTENSION = "frontdesk_twilio"


def web() -> TwilioWeb:
    return current_app.extensions[EXTENSION]


def xml(document: str) -> Response:
    return Response(document, mimetype="application/xml")


def check_signature() -> None:
    """403 and nothing else unless X-Twilio-Signature matches (JSON bodies are checked as raw text)."""
    checker = web().checker
    if checker is None:
        return
    is_json = (request.mimetype or "").endswith("json")
    params: Any = request.get_data(as_text=True) if is_json else request.form.to_dict(flat=True)
    query = request.query_string.decode("latin-1")
    if not checker.is_valid(request.path, query, params, request.headers):
        log.warning("rejected %s: bad or missing Twilio signature", request.path)
        abort(403)


@blueprint.post("/fallback")
def fallback() -> Response:
    """Twilio calls this when /twilio/voice fails: dial the front desk; touches no Redis, SQL or flows."""
    check_signature()
    numbers = web().fallback_numbers
    return xml(twiml.dial_response(numbers, say="Please hold while I connect you.", timeout=25))


@blueprint.post("/status")
def status() -> Response:
    check_signature()
    log.info("call %s status %s", request.form.get("CallSid"), request.form.get("CallStatus"))
    return xml(twiml.empty_response())


@blueprint.post("/voice")
def voice() -> Response:
    """Route the call before any audio: people for VIPs, failed flows and on-call nights; else the stream."""
    check_signature()
    state = web()
    call_sid, caller, called = request.form.get("CallSid", ""), request.form.get("From"), request.form.get("To")
    if not call_sid.startswith("CA"):
        abort(400, "CallSid is missing")
    flows = state.flows
    if flows is None or state.runtime is None:
        log.error("call %s: flows unavailable (%s); dialling the front desk", call_sid, state.flows_error)
        return xml(twiml.dial_response(state.fallback_numbers, say="Please hold while I connect you.", timeout=25))
    profile = lookup(state, caller)
    if profile is not None and profile.vip:
        target = flows.escalation.target_for("vip", flows.staff.front_desk)
        return xml(transfer_twiml(flows, target, say=None))
    after_hours = is_after_hours(state)
    if after_hours and flows.business.after_hours == "on_call" and flows.staff.on_call \
            and not any(ct.after_hours and ct.mode == "live" for ct in flows.call_types.values()):
        return xml(transfer_twiml(flows, flows.staff.on_call, say=None))
    parameters = {
        "token": state.stream_token(call_sid), "from": caller or "", "to": called or "",
        "after_hours": "1" if after_hours else "0",
        "profile": json.dumps(asdict(profile), separators=(",", ":")) if profile else "",
    }
    url = stream_url(state.settings.public_url, request.host)
    return xml(twiml.stream_response(url, parameters))


def lookup(state: TwilioWeb, caller: str | None) -> Any:
    """The CRM's profile of the caller, or None when unknown, failing or slower than the budget."""
    if state.lookup is None or not caller:
        return None
    runtime = state.runtime
    try:
        if runtime is None:
            return state.lookup(caller)
        future = runtime.pool.submit(state.lookup, caller)
        return future.result(timeout=state.lookup_budget_s)
    except Exception as exc:  # noqa: BLE001 - includes the timeout: the call goes on without a profile
        log.warning("caller lookup skipped: %s", type(exc).__name__)
        return None


def is_after_hours(state: TwilioWeb) -> bool:
    from app.engine.hours import is_open

    now = state.clock() if state.clock else datetime.now(timezone.utc)
    try:
        return not is_open(state.flows.business, now)
    except Exception:  # noqa: BLE001 - a bad hours table must not stop the call
        log.exception("could not work out opening hours; treating the office as open")
        return False

