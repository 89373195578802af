"""RQ queues and job ids: JSON-serialised jobs whose ids derive from what they are about."""
from __future__ import annotations

import hashlib
import re
from typing import Any

from rq import Queue, Retry
from rq.exceptions import DuplicateJobError
from rq.job import Job
from rq.serializers import JSONSerializer

SUMMARIES, FOLLOWUPS, MAINTENANCE = "summaries", "followups", "maintenance"
KINDS = (SUMMARIES, FOLLOWUPS, MAINTENANCE)
_SAFE = re.compile(r"^[A-Za-z0-9_\-]{1,100}$")
# Retry for crashes inside the job (bugs, a database hiccup); CRM errors are retried by the job itself.
CRASH_RETRY = Retry(max=3, interval=[10, 60, 300])
SUMMARY_TIMEOUT = 120


def queue_name(namespace: str, kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown queue {kind!r}; use one of {KINDS}")
    return f"{namespace}-{kind}"


def make_queue(redis: Any, kind: str = SUMMARIES, namespace: str = "frontdesk") -> Queue:
    return Queue(queue_name(namespace, kind), connection=redis, serializer=JSONSerializer)


def job_id(prefix: str, key: str) -> str:
    """`<prefix>-<key>` when the key is id-safe, else `<prefix>-<sha256 prefix>` (stable either way)."""
    if _SAFE.match(key):
        return f"{prefix}-{key}"
    return f"{prefix}-{hashlib.sha256(key.encode()).hexdigest()[:40]}"


def summary_job_id(call_sid: str) -> str:
    return job_id("summary", call_sid)


def enqueue_summary(queue: Queue, call_sid: str) -> Job | None:
    """Queue `push_call_summary(call_sid)` once; None when a job for this call is already queued or running."""
    return _enqueue_once(queue, "workers.jobs.push_call_summary", call_sid, summary_job_id(call_sid),
                         f"call summary {call_sid}")


def voicemail_job_id(call_sid: str) -> str:
    return job_id("voicemail", call_sid)


def enqueue_voicemail(queue: Queue, call_sid: str) -> Job | None:
    """Queue `push_voicemail_task(call_sid)` once (on the summaries queue); None when already queued."""
    return _enqueue_once(queue, "workers.jobs.push_voicemail_task", call_sid, voicemail_job_id(call_sid),
                         f"voicemail callback task {call_sid}")


def _enqueue_once(queue: Queue, func: str, call_sid: str, jid: str, description: str) -> Job | None:
    """A CRM write for one call, under a job id derived from it (a duplicate is refused by RQ)."""
    try:
        return queue.enqueue(func, call_sid, job_id=jid, unique=True, retry=CRASH_RETRY, job_timeout=SUMMARY_TIMEOUT,
                             result_ttl=24 * 3600, failure_ttl=7 * 24 * 3600, description=description)
    except DuplicateJobError:
        return None


RECONCILE_EVERY, PURGE_EVERY = 300, 24 * 3600


def schedule_maintenance(redis: Any, namespace: str = "frontdesk", now: float | None = None) -> list[str]:
    """Put the next reconciler and retention runs on the schedule (ids per time slot: one per slot overall)."""
    import time
    from datetime import datetime, timezone

    queue = make_queue(redis, MAINTENANCE, namespace)
    now = time.time() if now is None else now
    scheduled = []
    for func, every in (("workers.jobs.reconcile_outbox", RECONCILE_EVERY), ("workers.jobs.purge_expired", PURGE_EVERY),
                        ("workers.dispatch.reconcile_followups", RECONCILE_EVERY)):
        slot = int(now // every) + 1
        when = datetime.fromtimestamp(slot * every, tz=timezone.utc)
        try:
            queue.enqueue_at(when, func, job_id=job_id(func.rsplit(".", 1)[1], str(slot)), unique=True,
                             result_ttl=every * 2)
            scheduled.append(func)
        except DuplicateJobError:
            pass
    return scheduled
