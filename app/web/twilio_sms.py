"""Twilio's incoming-message webhook: STOP (and the other opt-out keywords) and START from people we text.

Point the number's "A message comes in" webhook at POST {PUBLIC_URL}/twilio/sms. Twilio itself answers
the standard keywords on long codes, so the reply here is empty TwiML; what matters is that the
follow-up worker sees the opt-out before its next text. With a Messaging Service's Advanced Opt-Out,
Twilio also sends `OptOutType` (STOP, START or HELP) for the operator's own keywords; it wins over the body.
"""
from __future__ import annotations

import logging
import threading

from flask import Blueprint, Response, abort, current_app, request
from twilio.twiml.messaging_response import MessagingResponse

from app.integrations.crm.phones import to_e164
from app.storage.consent import record_inbound_sms
from app.storage.database import Database

from .twilio_voice import check_signature, web

log = logging.getLogger(__name__)
blueprint = Blueprint("twilio_sms", __name__, url_prefix="/twilio")
DATABASE = "frontdesk.sms_database"
_lock = threading.Lock()


def database() -> Database:
    """The SQL database (opened on the first text, once per process)."""
    with _lock:
        if DATABASE not in current_app.extensions:
            current_app.extensions[DATABASE] = Database(web().settings.sql_url)
        return current_app.extensions[DATABASE]


@blueprint.post("/sms")
def incoming_sms() -> Response:
    check_signature()
    sender = to_e164(request.form.get("From"))
    if sender is None:
        abort(400, "From is missing or is not a phone number")
    body = request.form.get("Body") or ""
    opt_out_type = (request.form.get("OptOutType") or "").strip().upper()
    change = record_inbound_sms(database(), sender, opt_out_type if opt_out_type in ("STOP", "START") else body)
    if change:
        log.info("text from %s: %s (message %s)", sender, change, request.form.get("MessageSid"))
    return Response(str(MessagingResponse()), mimetype="application/xml")
