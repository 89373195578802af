"""Follow-ups (booking confirmations, reminders, staff callback reminders, after-hours acknowledgements).

Scheduled with RQ's enqueue_at. Right before sending, the job checks, in this order: the opt-out list
(STOP texts and do-not-call), recorded consent (written consent for an AI-voice call), and quiet
hours in the recipient's local time. Blocked and deferred messages are written to the audit log
with the reason; a deferral re-schedules the same follow-up for the next allowed time.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from rq import Queue, Retry

from app.integrations.crm.phones import to_e164
from app.storage import followup_outbox
from app.storage.consent import latest_consent, opt_out_reason
from app.storage.records import parse_time

from .queues import FOLLOWUPS, job_id, make_queue
from .quiet_hours import next_allowed
from .runtime import WorkerRuntime

KINDS = {"booking_confirmation", "appointment_reminder", "staff_callback_reminder", "after_hours_ack"}
STAFF_KINDS = {"staff_callback_reminder"}
TRANSACTIONAL_KINDS = {"after_hours_ack"}
"""One reply to a message the caller chose to leave, at the number they gave: no recorded "yes" needed,
but a recorded "no", STOP or do-not-call still blocks it."""
SEND_RETRY = Retry(max=3, interval=[30, 120, 600])


@dataclass(frozen=True)
class FollowUp:
    """One message to one person; `key` makes scheduling the same follow-up twice a no-op."""

    kind: str
    to: str
    body: str
    send_at: str
    key: str
    channel: str = "sms"  # sms | call (an AI-voice call)
    call_sid: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"follow-up kind {self.kind!r} is not one of {sorted(KINDS)}")
        if self.channel not in {"sms", "call"}:
            raise ValueError(f"follow-up channel {self.channel!r} must be 'sms' or 'call'")
        if to_e164(self.to) is None:
            raise ValueError(f"follow-up recipient {self.to!r} is not a phone number")


def schedule_followup(queue: Queue, followup: FollowUp) -> str | None:
    """enqueue_at the follow-up's time with an id derived from its key; None if already scheduled."""
    from rq.exceptions import DuplicateJobError

    when = parse_time(followup.send_at)
    try:
        job = queue.enqueue_at(when, "workers.jobs.send_followup", asdict(followup),
                               job_id=followup_job_id(followup.key), unique=True, result_ttl=7 * 24 * 3600,
                               retry=SEND_RETRY, description=f"{followup.kind} {followup.key}")
    except DuplicateJobError:
        return None
    return job.id


def followup_job_id(key: str) -> str:
    return job_id("followup", key)


def check(rt: WorkerRuntime, f: FollowUp, now: datetime) -> tuple[str, str, datetime | None]:
    """('send'|'block'|'defer', reason, new time) for this follow-up at `now`."""
    to = to_e164(f.to) or f.to
    reason = opt_out_reason(rt.db, to)
    if reason:
        return "block", f"opted out ({reason})", None
    if f.kind not in STAFF_KINDS:
        blocked = _consent_problem(rt, f, to)
        if blocked:
            return "block", blocked, None
    allowed = next_allowed(now, to, rt.business_timezone, f.channel)
    if allowed > now:
        return "defer", "quiet hours in the recipient's time zone (8 am - 9 pm)", allowed
    return "send", "ok", None


def _consent_problem(rt: WorkerRuntime, f: FollowUp, to: str) -> str | None:
    """Why consent does not allow this message, or None."""
    channel = "voice_ai" if f.channel == "call" else "sms"
    granted, written, asked_at = latest_consent(rt.db, to, channel)
    if f.kind in TRANSACTIONAL_KINDS and f.channel == "sms":
        return "the recipient declined texts" if asked_at is not None and not granted else None
    if not granted:
        return f"no recorded {channel} consent"
    if f.channel == "call" and not written:
        return "an AI-voice call needs written consent on record"
    return None


def deliver(rt: WorkerRuntime, payload: dict[str, Any]) -> dict[str, Any]:
    """The job body: check, then send, defer (re-schedule) or block, logging why."""
    f = FollowUp(**payload)
    if followup_outbox.status_of(rt.db, f.key) == "done":
        return {"status": "already_done"}  # a retried job whose message already went out
    now = rt.clock()
    verdict, reason, when = check(rt, f, now)
    if verdict == "block":
        rt.db.audit("followup_blocked", f.to, kind=f.kind, key=f.key, reason=reason)
        followup_outbox.finish(rt.db, f.key, "done", f"blocked: {reason}")
        return {"status": "blocked", "reason": reason}
    if verdict == "defer":
        queue = make_queue(rt.redis, FOLLOWUPS, rt.namespace)
        deferred = FollowUp(**{**payload, "send_at": when.isoformat(), "key": f"{f.key}-d{int(when.timestamp())}"})
        followup_outbox.moved(rt.db, f.key, deferred.key, asdict(deferred))
        schedule_followup(queue, deferred)
        rt.db.audit("followup_deferred", f.to, kind=f.kind, key=f.key, reason=reason, until=when.isoformat())
        return {"status": "deferred", "until": when.isoformat(), "reason": reason}
    assert rt.sender is not None
    sid = rt.sender.place_call(f.to, f.body) if f.channel == "call" else rt.sender.send_sms(f.to, f.body)
    rt.db.audit("followup_sent", f.to, kind=f.kind, key=f.key, channel=f.channel, provider_id=sid)
    followup_outbox.finish(rt.db, f.key, "done")
    return {"status": "sent", "id": sid}


def schedule_staff_callback_reminder(target: Any, call_sid: str, staff_phone: str, caller: str | None, reason: str,
                                     due: datetime, *, caller_name: str | None = None) -> str:
    """Text a staff member at `due` to call back a caller whose transfer nobody took; returns the key.

    `target` is an RQ Queue (the job is scheduled directly) or a FollowupDispatcher (kept in SQL first,
    so a lost Redis loses nothing). Staff reminders need no consent; opt-outs and quiet hours apply.
    """
    from .followup_texts import STAFF_CALLBACK

    body = STAFF_CALLBACK.format(who=caller_name or caller or "the caller", number=caller or "an unknown number",
                                 reason=reason or "not given", call_sid=call_sid)
    digits = "".join(ch for ch in staff_phone if ch.isdigit())
    f = FollowUp(kind="staff_callback_reminder", to=staff_phone, body=body, send_at=due.isoformat(),
                 key=f"{call_sid}-staff-{digits}", call_sid=call_sid)
    if isinstance(target, Queue):
        schedule_followup(target, f)
    else:
        target.followup(f)
    return f.key
