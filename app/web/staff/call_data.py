"""Reading calls for the staff pages: live ones from Redis, finished ones from SQL, plus the caller's CRM record."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.integrations.crm.phones import to_e164
from app.storage.database import as_utc
from app.storage.keys import InvalidKeyError
from app.storage.models import CallRecord, Contact
from app.storage.records import load_call

from .services import StaffServices

log = logging.getLogger(__name__)


class LiveDataUnavailable(Exception):
    """Redis could not be read; the page says so instead of showing an empty board."""


@dataclass(frozen=True)
class FoundCall:
    data: dict[str, Any]
    source: str  # "live" (Redis) or "record" (SQL)


def _decode(raw: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def live_calls(svc: StaffServices) -> list[dict[str, Any]]:
    """Every call whose state is still in Redis (finished ones included; the view decides what is live)."""
    store = svc.calls
    try:
        sids = store.list_active()
        raws = store.redis.mget([store.keys.call_state(sid) for sid in sids]) if sids else []
    except Exception as exc:  # noqa: BLE001 - redis errors of every kind
        raise LiveDataUnavailable(f"live call data unavailable ({type(exc).__name__})") from exc
    states = [_decode(raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw) for raw in raws]
    return [s for s in states if s is not None]


def find_call(svc: StaffServices, call_sid: str) -> FoundCall | None:
    """The live state when Redis still has it (richer and current), else the stored record."""
    try:
        live = _decode(svc.calls.load(call_sid))
    except InvalidKeyError:
        return None
    except Exception as exc:  # noqa: BLE001 - Redis down: a finished call is still in SQL
        log.warning("call page for %s: Redis unavailable (%s)", call_sid, type(exc).__name__)
        live = None
    if live is not None:
        return FoundCall(live, "live")
    record = load_call(svc.db, call_sid)
    return FoundCall(record, "record") if record is not None else None


def contacts_for(svc: StaffServices, number: str | None) -> list[Contact]:
    """The built-in CRM's contacts with this number (several when records are duplicated)."""
    e164 = to_e164(number)
    if e164 is None:
        return []
    with svc.db.session() as s:
        return list(s.scalars(select(Contact).where(Contact.phone_e164 == e164).order_by(Contact.id)))


def recent_calls(svc: StaffServices, number: str | None, *, exclude: str | None = None,
                 limit: int = 10) -> list[dict[str, Any]]:
    """The caller's latest finished calls, newest first."""
    if not number:
        return []
    query = (select(CallRecord).where(CallRecord.caller == number)
             .order_by(CallRecord.ended_at.desc(), CallRecord.id.desc()).limit(limit + 1))
    with svc.db.session() as s:
        rows = [r for r in s.scalars(query) if r.call_sid != exclude][:limit]
        return [record_row(r, svc) for r in rows]


def record_row(row: CallRecord, svc: StaffServices) -> dict[str, Any]:
    """A stored call as a table row (times in the business's zone)."""
    ended = as_utc(row.ended_at) or as_utc(row.started_at)
    started = as_utc(row.started_at)
    data = row.data or {}
    return {"call_sid": row.call_sid, "caller": row.caller or "", "outcome": row.outcome or "",
            "call_type": row.call_type or "", "escalation_reason": row.escalation_reason or "",
            "mode": data.get("mode") or "live", "name": (data.get("profile") or {}).get("name") or "",
            "when": ended.astimezone(svc.zone).strftime("%Y-%m-%d %H:%M") if ended else "",
            "duration_s": int((as_utc(row.ended_at) - started).total_seconds())
            if started and row.ended_at else None}
