"""Finished calls into SQL: the record, its turns and an outbox row, in one transaction, once per call SID."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .database import Database, _jsonable, as_utc
from .models import CallRecord, CallTurn, OutboxEntry

SUMMARY = "call_summary"
_COLUMNS = ("call_sid", "caller", "called", "started_at", "ended_at", "outcome", "call_type", "language", "sentiment")


class RecordError(ValueError):
    """A call record is missing what storage needs (the message names the field)."""


def parse_time(value: Any) -> datetime | None:
    """ISO-8601 string or datetime -> aware UTC datetime; None or '' -> None."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise RecordError(f"{value!r} is not an ISO-8601 time") from None
    return as_utc(parsed)


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _turn(seq: int, turn: dict[str, Any]) -> CallTurn:
    esc = turn.get("escalate")
    return CallTurn(
        seq=seq, role=str(turn.get("role") or "caller")[:16], text=str(turn.get("text") or ""),
        at=parse_time(turn.get("at")), intent=turn.get("intent"), confidence=_float(turn.get("confidence")),
        escalate=None if esc in (None, False, "none") else str(esc)[:32],
        data=_jsonable({k: v for k, v in turn.items() if k not in {"role", "text", "at", "intent", "confidence", "escalate"}}),
    )


def record_call(db: Database, record: dict[str, Any]) -> bool:
    """Store a finished call and queue its summary; returns False when this call SID was already stored."""
    sid = record.get("call_sid")
    if not sid or not isinstance(sid, str):
        raise RecordError("the call record has no call_sid")
    escalation = record.get("escalation") or {}
    profile = record.get("profile") or {}
    row = CallRecord(
        call_sid=sid, caller=record.get("caller"), called=record.get("called"),
        started_at=parse_time(record.get("started_at")), ended_at=parse_time(record.get("ended_at")),
        outcome=record.get("outcome"), call_type=record.get("call_type"), language=record.get("language"),
        sentiment=_float(record.get("sentiment")),
        escalation_reason=escalation.get("reason") if isinstance(escalation, dict) else None,
        duplicate_records=bool(isinstance(profile, dict) and profile.get("duplicate_records")),
        data=_jsonable({k: v for k, v in record.items() if k not in _COLUMNS and k != "turns"}),
    )
    row.turns = [_turn(i, t) for i, t in enumerate(record.get("turns") or []) if isinstance(t, dict)]
    try:
        with db.session() as s:
            if s.scalar(select(CallRecord.id).where(CallRecord.call_sid == sid)) is not None:
                return False
            s.add(row)
            s.add(OutboxEntry(kind=SUMMARY, call_sid=sid, status="pending"))
    except IntegrityError:
        return False  # another process stored the same call at the same moment
    return True


def load_call(db: Database, call_sid: str) -> dict[str, Any] | None:
    """The stored call in the engine's record shape (columns, extra JSON and turns merged back)."""
    with db.session() as s:
        row = s.scalar(select(CallRecord).where(CallRecord.call_sid == call_sid))
        if row is None:
            return None
        out: dict[str, Any] = dict(row.data or {})
        for name in _COLUMNS:
            value = getattr(row, name)
            out[name] = as_utc(value).isoformat() if isinstance(value, datetime) else value
        out["turns"] = [
            {**(t.data or {}), "role": t.role, "text": t.text, "at": as_utc(t.at).isoformat() if t.at else None,
             "intent": t.intent, "confidence": t.confidence, "escalate": t.escalate}
            for t in row.turns
        ]
        out["transcript_purged"] = row.transcript_purged_at is not None
        return out


def now_utc() -> datetime:
    return datetime.now(timezone.utc)
