"""The callback a finished call leaves for staff: who to call back, at what number, and why.

A stored call record carries the message in one of two shapes: the engine's draft (`name`, `number`,
`reason`) or the TakeMessage fields (`caller_name`, `callback_number`, `message`); both are read here.
"""
from __future__ import annotations

from typing import Any

from app.integrations.crm.base import CallbackTask

AWAITING_CALLBACK = {"message_taken", "abandoned"}
"""A message taken, or a caller who hung up on hold before anyone picked up the transfer."""


def message_fields(rec: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(name, callback number, what the message says) of the call's message; Nones when there is none."""
    msg = rec.get("message") or {}
    if not isinstance(msg, dict):
        return None, None, None
    name = msg.get("caller_name") or msg.get("name")
    number = msg.get("callback_number") or msg.get("number")
    reason = msg.get("message") or msg.get("reason")
    return name or None, number or None, reason or None


def callback_task_for(rec: dict[str, Any], contact_id: str | None = None) -> CallbackTask | None:
    """The CRM task asking staff to call back, for calls that ended with the caller awaiting one."""
    if rec.get("outcome") not in AWAITING_CALLBACK:
        return None
    name, number, reason = message_fields(rec)
    number = number or rec.get("caller")
    who = name or (rec.get("profile") or {}).get("name") or number or "the caller"
    if rec.get("outcome") == "abandoned":
        transfer = rec.get("transfer") or {}
        return CallbackTask(key=f"callback-{rec.get('call_sid')}", phone=number,
                            title=f"Call back {who}: hung up on hold waiting for {transfer.get('target') or 'staff'}"[:300],
                            body=f"{transfer.get('brief') or ''}\nCall {rec.get('call_sid')}".strip(), contact_id=contact_id)
    body = "\n".join(line for line in (
        f"Message: {reason}" if reason else None,
        f"Callback number: {number}" if number else None,
        "Left after hours" if rec.get("after_hours") else None,
        f"Call {rec.get('call_sid')}",
    ) if line)
    return CallbackTask(key=f"callback-{rec.get('call_sid')}", phone=number, title=f"Call back {who}"[:300],
                        body=body, contact_id=contact_id)


def voicemail_task_for(call_sid: str, voicemail: dict[str, Any], rec: dict[str, Any] | None,
                       contact_id: str | None = None) -> CallbackTask:
    """The CRM task for a voicemail left after a dial nobody answered: whom to call back, and the recording."""
    rec = rec or {}
    name, number, _ = message_fields(rec)
    number = number or rec.get("caller") or voicemail.get("caller") or None
    who = name or (rec.get("profile") or {}).get("name") or number or "the caller"
    seconds = str(voicemail.get("seconds") or "").strip()
    transfer = rec.get("transfer") or {}
    body = "\n".join(line for line in (
        f"Recording: {voicemail.get('recording_url')}" if voicemail.get("recording_url") else None,
        f"Length: {seconds} s" if seconds else None,
        f"Callback number: {number}" if number else None,
        f"Why they called: {transfer.get('brief')}" if transfer.get("brief") else None,
        f"Call {call_sid}",
    ) if line)
    title = f"Call back {who}: left a voicemail" + (f" ({seconds} s)" if seconds else "")
    return CallbackTask(key=f"voicemail-{call_sid}", phone=number, title=title[:300], body=body, contact_id=contact_id)
