"""CRM pushes that failed for good, shown to operators with a retry that goes back through the worker queue."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.storage import outbox
from app.storage.models import CallRecord, OutboxEntry
from app.storage.records import SUMMARY
from app.storage.voicemail import VOICEMAIL
from workers.reconcile import retry_failed

from .services import StaffServices


WHAT = {SUMMARY: "summary", VOICEMAIL: "voicemail callback task"}


def failed_pushes(svc: StaffServices, limit: int = 500) -> list[dict[str, Any]]:
    """Failed summaries and voicemail tasks, oldest first, with enough of the call to recognise it."""
    entries = outbox.list_entries(svc.db, "failed", limit=limit, kind=None)
    sids = [e.call_sid for e in entries]
    with svc.db.session() as s:
        calls = {r.call_sid: r for r in s.scalars(select(CallRecord).where(CallRecord.call_sid.in_(sids)))} if sids else {}
    rows = []
    for entry in entries:
        call = calls.get(entry.call_sid)
        rows.append({"call_sid": entry.call_sid, "kind": entry.kind, "what": WHAT.get(entry.kind, entry.kind),
                     "attempts": entry.attempts, "error": entry.last_error or "",
                     "updated": entry.updated_at.astimezone(svc.zone).strftime("%Y-%m-%d %H:%M") if entry.updated_at else "",
                     "caller": (call.caller or "") if call else "", "call_type": (call.call_type or "") if call else "",
                     "outcome": (call.outcome or "") if call else ""})
    return rows


def outbox_counts(svc: StaffServices) -> dict[str, int]:
    with svc.db.session() as s:
        return {status: int(n) for status, n in
                s.execute(select(OutboxEntry.status, func.count()).group_by(OutboxEntry.status))}


def retry_push(svc: StaffServices, call_sid: str, actor: str, kind: str = SUMMARY) -> bool:
    """Queue the push again (the worker's own retry path); False when it is not a failed push."""
    if not retry_failed(svc.db, svc.summaries_queue(), call_sid, kind):
        return False
    svc.db.audit("crm_retry_requested", call_sid, by=actor, kind=kind)
    return True
