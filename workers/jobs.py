"""Job functions RQ runs. Each takes ids, reloads state, and is safe to run twice."""
from __future__ import annotations

import logging
from typing import Any, Callable

from rq import Retry

from app.integrations.crm.base import PermanentCrmError, TemporaryCrmError
from app.storage import outbox
from app.storage.records import SUMMARY, load_call
from app.storage.voicemail import VOICEMAIL, voicemail_detail

from . import runtime
from .callbacks import callback_task_for, voicemail_task_for
from .summary import build_summary

log = logging.getLogger(__name__)


def push_call_summary(call_sid: str) -> Any:
    """Write the call's summary (and its callback task, if the caller awaits one) into the CRM once.

    Temporary failures are retried, permanent ones parked for staff; both writes are idempotent (keyed by
    the call SID), so a retry after the summary went through only adds what is missing.
    """
    rt = runtime.current()
    before = outbox.begin_attempt(rt.db, call_sid)
    if before is None:
        record = load_call(rt.db, call_sid)
        if record is None:
            log.error("push_call_summary: no stored call %s; nothing to send", call_sid)
            return {"call_sid": call_sid, "status": "unknown_call"}
        outbox.ensure_entry(rt.db, call_sid)
        before = outbox.begin_attempt(rt.db, call_sid)
    if before is None or before.status == "delivered":
        return {"call_sid": call_sid, "status": "already_delivered"}
    attempt = before.attempts + 1
    record = load_call(rt.db, call_sid)
    if record is None:
        outbox.mark_error(rt.db, call_sid, "the call record is missing", permanent=True)
        return {"call_sid": call_sid, "status": "failed"}
    summary = build_summary(record, rt.summarizer)
    task = callback_task_for(record, summary.contact_id)

    def write() -> str:
        remote_id = rt.crm.upsert_call_summary(summary)
        if task is not None:
            rt.crm.create_callback_task(task)
        return remote_id

    return _deliver(rt, call_sid, attempt, write, SUMMARY, "CRM push")


def _deliver(rt: Any, call_sid: str, attempt: int, write: Callable[[], str], kind: str, what: str) -> Any:
    """Run one attempt of an outbox row's CRM write: delivered, retried later (temporary errors, up to
    max_attempts) or parked for staff (permanent errors), with the outcome in the outbox and audit log."""
    tagged = {} if kind == SUMMARY else {"kind": kind}
    try:
        remote_id = write()
    except TemporaryCrmError as exc:
        if attempt >= rt.max_attempts:
            outbox.mark_error(rt.db, call_sid, f"gave up after {attempt} attempts: {exc}", permanent=True, kind=kind)
            rt.db.audit("crm_push_failed", call_sid, error=str(exc), attempts=attempt, **tagged)
            return {"call_sid": call_sid, "status": "failed"}
        delay = rt.retry_delay(attempt, exc.retry_after)
        outbox.mark_error(rt.db, call_sid, f"attempt {attempt}: {exc}; retrying in {delay}s", permanent=False, kind=kind)
        log.warning("%s for %s failed (%s); retry in %ss", what, call_sid, exc, delay)
        return Retry(max=rt.max_attempts + 1, interval=delay)
    except PermanentCrmError as exc:
        outbox.mark_error(rt.db, call_sid, str(exc), permanent=True, kind=kind)
        rt.db.audit("crm_push_failed", call_sid, error=str(exc), attempts=attempt, permanent=True, **tagged)
        return {"call_sid": call_sid, "status": "failed"}
    outbox.mark_delivered(rt.db, call_sid, remote_id, kind=kind)
    rt.db.audit("crm_push", call_sid, remote_id=remote_id, adapter=getattr(rt.crm, "name", "?"), attempts=attempt,
                **tagged)
    return {"call_sid": call_sid, "status": "delivered", "remote_id": remote_id}


def push_voicemail_task(call_sid: str) -> Any:
    """Create the callback task for a voicemail in the CRM once (keyed by the call SID), retried like
    a summary. The call's record, when it is stored, adds the caller's name and why they called."""
    rt = runtime.current()
    before = outbox.begin_attempt(rt.db, call_sid, kind=VOICEMAIL)
    if before is None:
        log.error("push_voicemail_task: no voicemail owed for %s", call_sid)
        return {"call_sid": call_sid, "status": "unknown_call"}
    if before.status == "delivered":
        return {"call_sid": call_sid, "status": "already_delivered"}
    attempt = before.attempts + 1
    voicemail = voicemail_detail(rt.db, call_sid)
    if voicemail is None:
        outbox.mark_error(rt.db, call_sid, "the voicemail's audit entry is missing", permanent=True, kind=VOICEMAIL)
        return {"call_sid": call_sid, "status": "failed"}
    record = load_call(rt.db, call_sid)
    task = voicemail_task_for(call_sid, voicemail, record, ((record or {}).get("profile") or {}).get("contact_id"))
    return _deliver(rt, call_sid, attempt, lambda: rt.crm.create_callback_task(task), VOICEMAIL, "CRM voicemail task")


def reconcile_outbox() -> dict[str, int]:
    """Scheduled: re-enqueue whatever the outbox says is not confirmed and RQ no longer holds."""
    from .queues import SUMMARIES, make_queue
    from .reconcile import reconcile

    from .queues import schedule_maintenance

    rt = runtime.current()
    counts = reconcile(rt.db, make_queue(rt.redis, SUMMARIES, rt.namespace), now=rt.clock())
    schedule_maintenance(rt.redis, rt.namespace)
    return counts


def send_followup(followup: dict[str, Any]) -> dict[str, Any]:
    from .followups import deliver

    return deliver(runtime.current(), followup)


def purge_expired() -> dict[str, int]:
    from .retention import purge

    from .queues import schedule_maintenance

    rt = runtime.current()
    counts = purge(rt.db, days=rt.retention_days, now=rt.clock(), recordings_dir=rt.recordings_dir)
    schedule_maintenance(rt.redis, rt.namespace)
    return counts
