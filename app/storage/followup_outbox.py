"""Follow-ups and callback tasks kept in SQL until RQ has them, so a lost Redis loses none.

A row is written before the job is queued. It stays `pending` until RQ accepts the job, is `queued`
while RQ holds it, and ends `done` (sent, blocked or created) or `failed` (staff must look). The
reconciler re-queues `pending` rows, and `queued` rows whose job Redis no longer has.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .database import Database, _jsonable, as_utc
from .models import Base, utcnow

FOLLOWUP, CALLBACK_TASK = "followup", "callback_task"
OPEN_STATUSES = ("pending", "queued")


class PlannedJob(Base):
    """One follow-up or callback task; `key` is stable per call and purpose, `job_key` names the live RQ job."""

    __tablename__ = "followup_outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    job_key: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    call_sid: Mapped[str | None] = mapped_column(String(64), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


@dataclass(frozen=True)
class Planned:
    """A read-only copy of one row."""

    key: str
    job_key: str
    kind: str
    call_sid: str | None
    payload: dict[str, Any]
    status: str
    attempts: int
    last_error: str | None
    updated_at: datetime | None


_ready: "weakref.WeakSet[Database]" = weakref.WeakSet()


def ensure_table(db: Database) -> None:
    """Create the table on databases opened before this module was imported (once per Database)."""
    if db not in _ready:
        PlannedJob.__table__.create(db.engine, checkfirst=True)  # type: ignore[attr-defined]
        _ready.add(db)


def _copy(row: PlannedJob) -> Planned:
    return Planned(row.key, row.job_key, row.kind, row.call_sid, dict(row.payload or {}), row.status,
                   row.attempts or 0, row.last_error, as_utc(row.updated_at))


def add(db: Database, key: str, kind: str, payload: dict[str, Any], call_sid: str | None = None) -> bool:
    """Keep a new follow-up or task; False when this key was planned already (nothing changes)."""
    ensure_table(db)
    try:
        with db.session() as s:
            if s.scalar(select(PlannedJob.id).where(PlannedJob.key == key)) is not None:
                return False
            s.add(PlannedJob(key=key, job_key=key, kind=kind, call_sid=call_sid, payload=_jsonable(payload)))
    except IntegrityError:
        return False
    return True


def get(db: Database, key: str) -> Planned | None:
    ensure_table(db)
    with db.session() as s:
        row = s.scalar(select(PlannedJob).where(PlannedJob.key == key))
        return _copy(row) if row else None


def status_of(db: Database, job_key: str) -> str | None:
    """The status of the row whose live job is `job_key`; None for follow-ups scheduled without a row."""
    ensure_table(db)
    with db.session() as s:
        return s.scalar(select(PlannedJob.status).where(PlannedJob.job_key == job_key).limit(1))


def mark_queued(db: Database, key: str) -> None:
    _update(db, key, status="queued", last_error=None, count=True)


def mark_error(db: Database, key: str, error: str) -> None:
    """The job could not be queued (Redis down): the row stays pending for the reconciler."""
    _update(db, key, last_error=error[:2000], count=True)


def finish(db: Database, job_key: str, status: str = "done", error: str | None = None) -> None:
    """The job for `job_key` sent, blocked or created its item (done), or gave up (failed)."""
    ensure_table(db)
    with db.session() as s:
        for row in s.scalars(select(PlannedJob).where(PlannedJob.job_key == job_key)):
            row.status, row.last_error = status, (error or None)


def moved(db: Database, job_key: str, new_job_key: str, payload: dict[str, Any]) -> None:
    """A deferred follow-up now lives in a new job (a later send time)."""
    ensure_table(db)
    with db.session() as s:
        for row in s.scalars(select(PlannedJob).where(PlannedJob.job_key == job_key)):
            row.job_key, row.payload, row.status = new_job_key, _jsonable(payload), "queued"


def open_rows(db: Database, *, now: datetime | None = None, settle: timedelta = timedelta(seconds=30),
              limit: int = 500) -> list[Planned]:
    """Pending or queued rows untouched for `settle` (the queueing that wrote them may still be running)."""
    ensure_table(db)
    cutoff = (now or datetime.now(timezone.utc)) - settle
    query = (select(PlannedJob).where(PlannedJob.status.in_(OPEN_STATUSES), PlannedJob.updated_at <= cutoff)
             .order_by(PlannedJob.id).limit(limit))
    with db.session() as s:
        return [_copy(r) for r in s.scalars(query)]


def _update(db: Database, key: str, *, count: bool = False, **values: Any) -> None:
    ensure_table(db)
    with db.session() as s:
        row = s.scalar(select(PlannedJob).where(PlannedJob.key == key))
        if row is None:
            return
        for name, value in values.items():
            setattr(row, name, value)
        if count:
            row.attempts = (row.attempts or 0) + 1
        row.updated_at = utcnow()
