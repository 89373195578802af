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

from rq import Queue

from app.integrations.crm.phones import to_e164
from app.storage.consent import latest_consent, opt_out_reason
from app.storage.records import parse_time

from .queues import FOLLOWUPS, job_id, make_queue
from .quiet_hours import next_allowed
from .runtime import WorkerRuntime

KINDS = {"booking_confirmation", "appointment_reminder", "staff_callback_reminder", "after_hours_ack"}
STAFF_KINDS = {"staff_callback_reminder"}


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
                               job_id=job_id("followup", followup.key), unique=True, result_ttl=7 * 24 * 3600)
    except DuplicateJobError:
        return None
    return job.id


def check(rt: WorkerRuntime, f: FollowUp, now: datetime) -> tuple[str, str, datetime | None]:
    """('send'|'block'|'defer', reason, new time) for this follow-up at `now`."""
    to = to_e164(f.to) or f.to
    reason = opt_out_reason(rt.db, to)
    if reason:
        return "block", f"opted out ({reason})", None
    if f.kind not in STAFF_KINDS:
        channel = "voice_ai" if f.channel == "call" else "sms"
        granted, written, _ = latest_consent(rt.db, to, channel)
        if not granted:
            return "block", f"no recorded {channel} consent", None
        if f.channel == "call" and not written:
            return "block", "an AI-voice call needs written consent on record", None
    allowed = next_allowed(now, to, rt.business_timezone, f.channel)
    if allowed > now:
        return "defer", "quiet hours in the recipient's time zone (8 am - 9 pm)", allowed
    return "send", "ok", None


def deliver(rt: WorkerRuntime, payload: dict[str, Any]) -> dict[str, Any]:
    """The job body: check, then send, defer (re-schedule) or block, logging why."""
    f = FollowUp(**payload)
    now = rt.clock()
    verdict, reason, when = check(rt, f, now)
    if verdict == "block":
        rt.db.audit("followup_blocked", f.to, kind=f.kind, key=f.key, reason=reason)
        return {"status": "blocked", "reason": reason}
    if verdict == "defer":
        queue = make_queue(rt.redis, FOLLOWUPS, rt.namespace)
        deferred = FollowUp(**{**payload, "send_at": when.isoformat(), "key": f"{f.key}-d{int(when.timestamp())}"})
        schedule_followup(queue, deferred)
        rt.db.audit("followup_deferred", f.to, kind=f.kind, key=f.key, reason=reason, until=when.isoformat())
        return {"status": "deferred", "until": when.isoformat(), "reason": reason}
    assert rt.sender is not None
    sid = rt.sender.place_call(f.to, f.body) if f.channel == "call" else rt.sender.send_sms(f.to, f.body)
    rt.db.audit("followup_sent", f.to, kind=f.kind, key=f.key, channel=f.channel, provider_id=sid)
    return {"status": "sent", "id": sid}
