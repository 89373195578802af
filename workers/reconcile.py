"""The outbox reconciler: a lost Redis or a killed worker must not lose a summary.

A pending outbox row whose job is missing (Redis flushed), finished or failed without confirming, or
stuck "started" past its timeout (the worker died) is enqueued again. Double delivery is prevented
downstream: the job skips delivered rows and adapters upsert by call SID.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Callable

from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus

from app.storage import outbox
from app.storage.database import Database
from app.storage.records import SUMMARY
from app.storage.voicemail import VOICEMAIL

from .queues import enqueue_summary, enqueue_voicemail, summary_job_id, voicemail_job_id

log = logging.getLogger(__name__)
ALIVE = {JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


def _abandoned(job: Job, now: datetime, grace: timedelta) -> bool:
    started = job.started_at or job.enqueued_at
    if started is None:
        return True
    if started.tzinfo is None:
        started = started.replace(tzinfo=timezone.utc)
    limit = timedelta(seconds=job.timeout or 180) + grace
    return now - started > limit


def _forget(queue: Queue, job: Job) -> None:
    """Drop a dead job and any "started" entry a killed worker left behind, so its id can be used again."""
    registry = queue.started_job_registry
    stale = [f"{jid}:{eid}" for jid, eid in registry.get_job_and_execution_ids(cleanup=False) if jid == job.id]
    if stale:
        queue.connection.zrem(registry.key, *stale)
    job.delete()


def reconcile(db: Database, queue: Queue, *, now: datetime | None = None, settle: timedelta = timedelta(seconds=30),
              grace: timedelta = timedelta(seconds=60)) -> dict[str, int]:
    """Returns counts: checked, requeued, in_flight (summaries and voicemail callback tasks together)."""
    now = now or datetime.now(timezone.utc)
    counts = {"checked": 0, "requeued": 0, "in_flight": 0}
    for kind, (job_id_of, enqueue) in JOBS.items():
        _reconcile_kind(db, queue, kind, job_id_of, enqueue, counts, now, settle, grace)
    return counts


def _reconcile_kind(db: Database, queue: Queue, kind: str, job_id_of: Callable[[str], str],
                    enqueue: Callable[[Queue, str], Job | None], counts: dict[str, int], now: datetime,
                    settle: timedelta, grace: timedelta) -> None:
    for entry in outbox.list_entries(db, "pending", older_than=settle, now=now, kind=kind):
        counts["checked"] += 1
        jid = job_id_of(entry.call_sid)
        try:
            job = Job.fetch(jid, connection=queue.connection, serializer=queue.serializer)
        except NoSuchJobError:
            job = None
        if job is not None:
            status = job.get_status(refresh=False)
            if status in ALIVE or (status == JobStatus.STARTED and not _abandoned(job, now, grace)):
                counts["in_flight"] += 1
                continue
            _forget(queue, job)
        if enqueue(queue, entry.call_sid) is not None:
            counts["requeued"] += 1
            log.warning("reconciler re-enqueued the %s of %s", kind, entry.call_sid)
            db.audit("outbox_requeued", entry.call_sid, kind=kind,
                     previous=None if job is None else str(job.get_status(refresh=False)))


JOBS: dict[str, tuple[Callable[[str], str], Callable[[Queue, str], Job | None]]] = {
    SUMMARY: (summary_job_id, enqueue_summary), VOICEMAIL: (voicemail_job_id, enqueue_voicemail)}
"""Per outbox kind: the job id of a call's job, and how to queue it."""


def retry_failed(db: Database, queue: Queue, call_sid: str, kind: str = SUMMARY) -> bool:
    """The staff "retry" button: a failed summary (or voicemail task) becomes pending and is queued again."""
    if kind not in JOBS or not outbox.reset_for_retry(db, call_sid, kind=kind):
        return False
    job_id_of, enqueue = JOBS[kind]
    try:
        Job.fetch(job_id_of(call_sid), connection=queue.connection, serializer=queue.serializer).delete()
    except NoSuchJobError:
        pass
    enqueue(queue, call_sid)
    db.audit("outbox_retry", call_sid, kind=kind)
    return True
