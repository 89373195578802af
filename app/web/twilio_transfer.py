"""Twilio's webhooks during a warm transfer: staff legs (whisper, accept, status) and the conference."""
from __future__ import annotations

import logging
import re

from flask import Blueprint, Response, abort, request

from app.integrations.twilio.twiml import empty_response, hangup_response
from app.runtime.warm_transfer import WarmTransfer

from .twilio_voice import check_signature, web

log = logging.getLogger(__name__)
blueprint = Blueprint("twilio_transfer", __name__, url_prefix="/twilio/transfer")
_CALL_SID = re.compile(r"^CA[0-9a-fA-F]{32}$")


def xml(document: str) -> Response:
    return Response(document, mimetype="application/xml")


def warm() -> WarmTransfer:
    runtime = web().runtime
    transfers = runtime.transfers if runtime is not None else None
    if not isinstance(transfers, WarmTransfer):
        abort(404, "warm transfers are not configured")
    return transfers


def call_sid() -> str:
    sid = request.args.get("call", "")
    if not _CALL_SID.match(sid):
        abort(400, "the 'call' query parameter is not a call SID")
    return sid


def member_id(transfers: WarmTransfer) -> str:
    member = request.args.get("member", "")
    if transfers.flows.staff.member(member) is None:
        abort(400, "the 'member' query parameter names no staff member")
    return member


@blueprint.post("/whisper")
def whisper() -> Response:
    check_signature()
    transfers = warm()
    return xml(transfers.whisper(call_sid(), member_id(transfers)))


@blueprint.post("/accept")
def accept() -> Response:
    check_signature()
    transfers = warm()
    return xml(transfers.accept(call_sid(), member_id(transfers), request.form.get("Digits", "")))


@blueprint.post("/leg-status")
def leg_status() -> Response:
    check_signature()
    transfers = warm()
    transfers.leg_status(call_sid(), member_id(transfers), request.form.get("CallStatus", ""))
    return xml(empty_response())


@blueprint.post("/conference")
def conference() -> Response:
    check_signature()
    warm().conference_event(call_sid(), request.form.get("StatusCallbackEvent", ""), request.form.get("CallSid"))
    return xml(empty_response())


@blueprint.post("/after")
def after() -> Response:
    """The caller's <Dial> ended: the conference is over (staff hung up), so the call ends too."""
    check_signature()
    return xml(hangup_response())
