"""The SQL outbox: what still has to reach the CRM, and what staff must look at."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from .database import Database, as_utc
from .models import OutboxEntry
from .records import SUMMARY


@dataclass(frozen=True)
class OutboxState:
    """A read-only copy of one outbox row."""

    call_sid: str
    status: str
    attempts: int
    last_error: str | None
    remote_id: str | None
    updated_at: datetime | None
    kind: str = SUMMARY


def _state(row: OutboxEntry) -> OutboxState:
    return OutboxState(row.call_sid, row.status, row.attempts, row.last_error, row.remote_id, as_utc(row.updated_at),
                       row.kind or SUMMARY)


def get_entry(db: Database, call_sid: str, kind: str = SUMMARY) -> OutboxState | None:
    with db.session() as s:
        row = s.scalar(select(OutboxEntry).where(OutboxEntry.kind == kind, OutboxEntry.call_sid == call_sid))
        return _state(row) if row else None


def ensure_entry(db: Database, call_sid: str, kind: str = SUMMARY) -> None:
    """Create a pending row if none exists (for calls stored before the outbox row was written)."""
    with db.session() as s:
        if s.scalar(select(OutboxEntry.id).where(OutboxEntry.kind == kind, OutboxEntry.call_sid == call_sid)) is None:
            s.add(OutboxEntry(kind=kind, call_sid=call_sid, status="pending"))


def begin_attempt(db: Database, call_sid: str, kind: str = SUMMARY) -> OutboxState | None:
    """Count one delivery attempt; returns the row as it was before (None if unknown)."""
    with db.session() as s:
        row = s.scalar(select(OutboxEntry).where(OutboxEntry.kind == kind, OutboxEntry.call_sid == call_sid)
                       .with_for_update())
        if row is None:
            return None
        before = _state(row)
        if row.status != "delivered":
            row.attempts = (row.attempts or 0) + 1
        return before


def mark_delivered(db: Database, call_sid: str, remote_id: str | None, kind: str = SUMMARY) -> None:
    with db.session() as s:
        row = s.scalar(select(OutboxEntry).where(OutboxEntry.kind == kind, OutboxEntry.call_sid == call_sid))
        if row is not None:
            row.status, row.remote_id, row.last_error = "delivered", remote_id, None
            row.delivered_at = datetime.now(timezone.utc)


def mark_error(db: Database, call_sid: str, error: str, *, permanent: bool, kind: str = SUMMARY) -> None:
    """Record why the last attempt failed; `permanent` puts the row in front of staff with a retry button."""
    with db.session() as s:
        row = s.scalar(select(OutboxEntry).where(OutboxEntry.kind == kind, OutboxEntry.call_sid == call_sid))
        if row is not None and row.status != "delivered":
            row.last_error = error[:2000]
            if permanent:
                row.status = "failed"


def reset_for_retry(db: Database, call_sid: str, kind: str = SUMMARY) -> bool:
    """Staff pressed "retry": the row becomes pending again with a fresh attempt count."""
    with db.session() as s:
        row = s.scalar(select(OutboxEntry).where(OutboxEntry.kind == kind, OutboxEntry.call_sid == call_sid))
        if row is None or row.status == "delivered":
            return False
        row.status, row.attempts = "pending", 0
        return True


def list_entries(db: Database, status: str, *, older_than: timedelta | None = None,
                 now: datetime | None = None, kind: str | None = SUMMARY, limit: int = 500) -> list[OutboxState]:
    """Rows in one status, oldest first; `older_than` skips rows touched recently; kind None: every kind."""
    query = select(OutboxEntry).where(OutboxEntry.status == status)
    if kind is not None:
        query = query.where(OutboxEntry.kind == kind)
    if older_than is not None:
        cutoff = (now or datetime.now(timezone.utc)) - older_than
        query = query.where(OutboxEntry.updated_at <= cutoff)
    with db.session() as s:
        return [_state(r) for r in s.scalars(query.order_by(OutboxEntry.id).limit(limit))]
