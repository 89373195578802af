"""Twilio's voice webhooks: the incoming call, status callbacks and the fallback that always reaches people."""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone
from typing import Any

from flask import Blueprint, Response, abort, current_app, request

from app.engine.routing import RoutingDecision, decide
from app.integrations.twilio import twiml
from app.storage.voicemail import keep_voicemail

from .routed_records import IncomingCall, finish_unstreamed, record_person_route
from .routing_twiml import answer
from .twilio_setup import TwilioWeb, stream_url

log = logging.getLogger(__name__)
blueprint = Blueprint("twilio", __name__, url_prefix="/twilio")
EXTENSION = "frontdesk_twilio"
FINAL_STATUSES = frozenset({"completed", "busy", "failed", "no-answer", "canceled"})


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
    return front_desk_dial(web())


def front_desk_dial(state: TwilioWeb) -> Response:
    """Ring the front desk (fallback numbers), then a voicemail: the answer when nothing else can be trusted."""
    return xml(twiml.dial_response(state.fallback_numbers, say="Please hold while I connect you.", timeout=25,
                                   voicemail=True, public_url=state.settings.public_url))


@blueprint.post("/voicemail")
def voicemail() -> Response:
    """A message left after a dial nobody answered (the recording stays in the Twilio account): kept
    in the audit log and owed to the CRM as a callback task, queued for the workers. Answers Twilio
    whatever fails, since the log line below and Twilio's copy of the recording remain."""
    check_signature()
    state = web()
    form = request.form
    call_sid, url = form.get("CallSid", ""), form.get("RecordingUrl", "")
    detail = {"recording_sid": form.get("RecordingSid", ""), "recording_url": url,
              "seconds": form.get("RecordingDuration", ""), "status": form.get("RecordingStatus", "")}
    log.warning("call %s: voicemail left for a callback: %s (%s s)", call_sid, url, detail["seconds"])
    store = state.runtime.store if state.runtime is not None else state.records
    database = getattr(store, "database", None)
    if database is None or not call_sid:
        return xml(twiml.empty_response())
    try:
        if detail["status"] != "completed" or not url:  # "absent" (nothing said) or "failed": logged only
            database.audit("voicemail", call_sid, **detail)
            return xml(twiml.empty_response())
        caller = _caller_of(store, call_sid)
        if caller:
            detail["caller"] = caller  # the callback carries no From; the live call state has it
        owed = keep_voicemail(database, call_sid, detail)
    except Exception:  # noqa: BLE001
        log.exception("call %s: could not keep the voicemail", call_sid)
        return xml(twiml.empty_response())
    on_voicemail = getattr(store, "on_voicemail", None)
    if owed and on_voicemail is not None:
        on_voicemail(call_sid)
    return xml(twiml.empty_response())


def _caller_of(store: Any, call_sid: str) -> str | None:
    load = getattr(store, "load", None)
    try:
        session = load(call_sid) if load is not None else None
    except Exception:  # noqa: BLE001 - Redis down: the task still names the call
        return None
    return getattr(session, "caller", None) or None


@blueprint.post("/status")
def status() -> Response:
    """Logs the status; at the call's last one, records it if its media stream never started."""
    check_signature()
    state = web()
    call_sid, call_status = request.form.get("CallSid", ""), request.form.get("CallStatus", "")
    log.info("call %s status %s", call_sid, call_status)
    if call_status in FINAL_STATUSES and call_sid.startswith("CA") and state.runtime is not None:
        try:
            finish_unstreamed(state.runtime.store, call_sid, now(state))
        except Exception:  # noqa: BLE001 - a status callback must still get its answer
            log.exception("call %s: could not check for a stream that never started", call_sid)
        caller_hung_up = getattr(state.runtime.transfers, "caller_hung_up", None)
        if caller_hung_up is not None:  # a caller gone before reaching the hold conference: stop ringing staff
            try:
                caller_hung_up(call_sid)
            except Exception:  # noqa: BLE001
                log.exception("call %s: could not settle its transfer after the hang-up", call_sid)
    return xml(twiml.empty_response())


@blueprint.post("/voice")
def voice() -> Response:
    """Route the call before any audio (see docs/routing.md): people, a shadowed dial, or the bot."""
    check_signature()
    state = web()
    call_sid = request.form.get("CallSid", "")
    if not call_sid.startswith("CA"):
        abort(400, "CallSid is missing")
    flows = state.flows
    if flows is None or state.runtime is None:
        log.error("call %s: flows unavailable (%s); dialling the front desk", call_sid, state.flows_error)
        record_without_flows(state, call_sid)
        return front_desk_dial(state)
    caller = request.form.get("From") or None
    call = IncomingCall(call_sid, caller, request.form.get("To") or None, lookup(state, caller), now(state))
    decision = decide_safely(flows, call)
    log.info("call %s routed: %s (%s) %s", call_sid, decision.route, decision.reason, decision.target or "")
    return xml(str(answer(state, call, decision, stream_url(state.settings.public_url, request.host))))


def record_without_flows(state: TwilioWeb, call_sid: str) -> None:
    """A call the broken flows sent to the front desk still gets its record (and its CRM summary)."""
    if state.records is None:
        return
    call = IncomingCall(call_sid, request.form.get("From") or None, request.form.get("To") or None, None, now(state))
    decision = RoutingDecision("person", "system_failure", False, "front_desk")
    evidence = f"flows unavailable: {state.flows_error or 'not loaded'}"
    # In the background: the store may be as broken as the flows, and the TwiML must not wait for it.
    threading.Thread(target=record_person_route, args=(state.records, call, decision, evidence),
                     name=f"record-{call_sid}", daemon=True).start()


def decide_safely(flows: Any, call: IncomingCall) -> RoutingDecision:
    """The routing decision; if it cannot be made (a bad hours table), the front desk takes the call."""
    try:
        return decide(flows, call.at, call.profile, call.call_sid)
    except Exception:  # noqa: BLE001 - a routing bug must not cost the caller
        log.exception("call %s: routing failed; sending the call to the front desk", call.call_sid)
        return RoutingDecision("person", "system_failure", False, flows.staff.front_desk)


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


def now(state: TwilioWeb) -> datetime:
    """The office clock (pinned in tests), always timezone-aware."""
    at = state.clock() if state.clock else datetime.now(timezone.utc)
    return at if at.tzinfo is not None else at.replace(tzinfo=timezone.utc)
