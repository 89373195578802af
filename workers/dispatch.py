"""Hands follow-ups to RQ, keeping each in SQL first, and the reconciler that finishes the job when Redis was down.

`FollowupDispatcher.followup()` writes the row (app/storage/followup_outbox.py), then schedules the RQ job.
If Redis is unreachable the row stays pending and the failure is logged; `reconcile()` (every 5 minutes,
on the maintenance queue) schedules pending rows, and queued rows whose job Redis has lost.
"""
from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from typing import Any

from redis.exceptions import RedisError
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from app.storage import followup_outbox
from app.storage.database import Database
from app.storage.followup_outbox import FOLLOWUP, Planned
from app.storage.records import parse_time

from .followups import FollowUp, followup_job_id, schedule_followup
from .queues import FOLLOWUPS, make_queue

log = logging.getLogger(__name__)
TOO_LATE = timedelta(hours=12)
"""A follow-up found unscheduled this long after its send time is dropped (and audited), not sent late."""


class FollowupDispatcher:
    """One per process; safe to share between threads (each call opens its own SQL session)."""

    def __init__(self, db: Database, redis: Any, namespace: str = "frontdesk") -> None:
        self.db, self.redis, self.namespace = db, redis, namespace
        followup_outbox.ensure_table(db)

    def followup(self, f: FollowUp) -> bool:
        """Keep, then schedule; True when RQ has it now (False: kept for the reconciler, or planned before)."""
        if not followup_outbox.add(self.db, f.key, FOLLOWUP, asdict(f), f.call_sid):
            return False
        planned = followup_outbox.get(self.db, f.key)
        return planned is not None and self.schedule(planned)

    def schedule(self, planned: Planned) -> bool:
        """Give one row's job to RQ; a Redis failure is logged and leaves the row pending."""
        try:
            schedule_followup(make_queue(self.redis, FOLLOWUPS, self.namespace), FollowUp(**planned.payload))
        except (RedisError, OSError) as exc:
            log.warning("follow-up %s kept in SQL, not scheduled (Redis: %s); the reconciler will retry",
                        planned.key, exc)
            followup_outbox.mark_error(self.db, planned.key, f"Redis unavailable: {exc}")
            return False
        followup_outbox.mark_queued(self.db, planned.key)
        return True


def _job_status(redis: Any, planned: Planned) -> JobStatus | None:
    try:
        job = Job.fetch(followup_job_id(planned.job_key), connection=redis, serializer=JSONSerializer)
        return job.get_status(refresh=False)
    except Exception:  # noqa: BLE001 - a missing or unreadable job is a lost job
        return None


def reconcile(db: Database, redis: Any, namespace: str = "frontdesk", *, now: datetime | None = None,
              settle: timedelta = timedelta(seconds=30)) -> dict[str, int]:
    """Schedule what RQ does not hold; counts: checked, scheduled, in_flight, expired, failed."""
    now = now or datetime.now(timezone.utc)
    dispatcher = FollowupDispatcher(db, redis, namespace)
    counts = dict.fromkeys(("checked", "scheduled", "in_flight", "expired", "failed"), 0)
    for planned in followup_outbox.open_rows(db, now=now, settle=settle):
        counts["checked"] += 1
        status = _job_status(redis, planned) if planned.status == "queued" else None
        if status == JobStatus.FAILED:
            followup_outbox.finish(db, planned.job_key, "failed", "sending failed after retries; see the worker log")
            db.audit("followup_failed", planned.payload.get("to"), key=planned.key)
            counts["failed"] += 1
        elif status == JobStatus.FINISHED:
            followup_outbox.finish(db, planned.job_key, "done")
        elif status is not None:
            counts["in_flight"] += 1
        elif (parse_time(planned.payload.get("send_at")) or now) < now - TOO_LATE:
            followup_outbox.finish(db, planned.job_key, "failed", "lost before sending; too late to send now")
            db.audit("followup_expired", planned.payload.get("to"), key=planned.key, send_at=planned.payload.get("send_at"))
            counts["expired"] += 1
        elif dispatcher.schedule(planned):
            db.audit("followup_rescheduled", planned.payload.get("to"), key=planned.key, previous=planned.status)
            counts["scheduled"] += 1
    return counts


def reconcile_followups() -> dict[str, int]:
    """The maintenance job: runs with the worker's runtime, then puts the next maintenance run on the schedule."""
    from . import runtime
    from .queues import schedule_maintenance

    rt = runtime.current()
    counts = reconcile(rt.db, rt.redis, rt.namespace)
    schedule_maintenance(rt.redis, rt.namespace)
    return counts
