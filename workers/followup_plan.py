"""What a finished request or a message taken on a call should lead to: a confirmation, a reminder, an acknowledgement.

Pure decisions (no I/O): the caller's words and the clock go in, FollowUps and task payloads come out.
Whether a text may actually go out (consent, STOP, quiet hours) is decided when it is due, by
`workers.followups.check`, so a later "no" or STOP always wins.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from app.integrations.crm.phones import to_e164

from .followup_texts import render_text
from .followups import FollowUp

CONSENT_SLOT = "sms_consent"
"""A yes_no slot of this name in a call type holds the caller's answer to the text-message question."""
CONFIRMATION_TEXT = {"request_booking": "booking_confirmation", "request_reschedule": "reschedule_confirmation"}
REMINDER_LEAD = timedelta(hours=24)
REMINDER_MIN_NOTICE = timedelta(hours=1)
DAY_ONLY_HOUR = 9
"""A requested day without a time counts as 9 am (business time) for the reminder."""


@dataclass(frozen=True)
class CallFacts:
    """What the planner needs to know about the call, copied from the session when the action happened."""

    call_sid: str
    caller: str | None
    language: str
    at: datetime
    business: str
    timezone: str
    callback_within: str
    after_hours: bool = False


@dataclass(frozen=True)
class RequestFacts:
    """A call type's completed action: its slots, how they were read back, and each slot's type."""

    action: str
    call_type: str
    slots: Mapping[str, Any]
    display: Mapping[str, str] = field(default_factory=dict)
    types: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ConsentAnswer:
    phone: str
    granted: bool
    wording: str


def recipient(request: RequestFacts, caller: str | None) -> str | None:
    """The number the caller gave in a phone slot, else the caller ID; E.164 or None."""
    for name, kind in request.types.items():
        if kind == "phone" and request.slots.get(name):
            number = to_e164(str(request.slots[name]))
            if number:
                return number
    return to_e164(caller) if caller else None


def consent_answer(request: RequestFacts, caller: str | None, questions: list[str],
                   bot_said: list[str]) -> ConsentAnswer | None:
    """The caller's yes or no to the consent question, with the wording they last heard; None if unanswered.

    `questions` are the question's rendered versions (prompt, then re-prompt); `bot_said` is what the
    bot said on the call, in order.
    """
    value = request.slots.get(CONSENT_SLOT)
    phone = recipient(request, caller)
    candidates = [q for q in questions if q]
    if not isinstance(value, bool) or phone is None or not candidates:
        return None
    for said in reversed(bot_said):
        heard = [q for q in candidates if q in said]
        if heard:
            return ConsentAnswer(phone, value, heard[-1])
    return ConsentAnswer(phone, value, candidates[0])


def appointment_time(value: Any, zone: str) -> datetime | None:
    """An ISO date-time slot value as an aware datetime; a bare date means 9 am there; else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if "T" not in value and " " not in value.strip():
        parsed = parsed.replace(hour=DAY_ONLY_HOUR, minute=0)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(zone))


def requested_time(request: RequestFacts) -> tuple[str | None, Any]:
    """The last filled date/time slot of the call type (the new time, for a reschedule): (name, value)."""
    names = [n for n, kind in request.types.items() if kind in ("datetime", "date") and request.slots.get(n)]
    return (names[-1], request.slots[names[-1]]) if names else (None, None)


def _key(facts: CallFacts, request: RequestFacts, purpose: str) -> str:
    digest = hashlib.sha256(json.dumps(dict(request.slots), sort_keys=True, default=str).encode()).hexdigest()[:10]
    return f"{facts.call_sid}-{request.action}-{digest}-{purpose}"


def _person(request: RequestFacts) -> str:
    names = [n for n, kind in request.types.items() if kind == "name" and request.slots.get(n)]
    return (request.display.get(names[0]) or str(request.slots[names[0]])) if names else ""


def request_followups(facts: CallFacts, request: RequestFacts) -> list[FollowUp]:
    """A confirmation of the request now, and a reminder a day before the requested time when it is known."""
    text_kind = CONFIRMATION_TEXT.get(request.action)
    to = recipient(request, facts.caller)
    if text_kind is None or to is None:
        return []
    slot, value = requested_time(request)
    when = (request.display.get(slot) or str(value)) if slot else ""
    words = {"business": facts.business, "callback_within": facts.callback_within, "when": when,
             "name": _person(request)}
    plans = [FollowUp(kind="booking_confirmation", to=to, body=render_text(text_kind, facts.language, **words),
                      send_at=facts.at.isoformat(), key=_key(facts, request, "confirm"), call_sid=facts.call_sid)]
    start = appointment_time(value, facts.timezone)
    if start is not None and start - REMINDER_LEAD >= facts.at + REMINDER_MIN_NOTICE:
        plans.append(FollowUp(kind="appointment_reminder", to=to,
                              body=render_text("appointment_reminder", facts.language, **words),
                              send_at=(start - REMINDER_LEAD).isoformat(), key=_key(facts, request, "reminder"),
                              call_sid=facts.call_sid))
    return plans


def after_hours_ack(facts: CallFacts, callback_number: str | None) -> FollowUp | None:
    """After hours, a text saying the message arrived; None in opening hours or without a usable number."""
    to = to_e164(callback_number) if callback_number else None
    if not facts.after_hours or to is None:
        return None
    body = render_text("after_hours_ack", facts.language, business=facts.business,
                       callback_within=facts.callback_within)
    return FollowUp(kind="after_hours_ack", to=to, body=body, send_at=facts.at.isoformat(),
                    key=f"{facts.call_sid}-message-ack", call_sid=facts.call_sid)
