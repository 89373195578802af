"""Finished calls for the history page: filters from the query string, one page at a time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Mapping
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select

from app.engine.session import OUTCOMES
from app.storage.models import CallRecord

from .call_data import record_row
from .paging import Page, page_number
from .services import StaffServices

PER_PAGE = 25
CALL_KINDS = ("real", "test", "all")


@dataclass(frozen=True)
class HistoryFilter:
    """What the history page was asked for; unusable values are dropped (and reported), never fatal."""

    day_from: date | None = None
    day_to: date | None = None
    outcome: str | None = None
    call_type: str | None = None
    calls: str = "real"
    """"real" leaves out test calls placed from the Test call page; "test" shows only those; "all" both."""
    page: int = 1
    problems: tuple[str, ...] = ()

    def query_args(self) -> dict[str, str]:
        """The filter as query-string values, for the paging links."""
        args = {"from": self.day_from.isoformat() if self.day_from else "",
                "to": self.day_to.isoformat() if self.day_to else "",
                "outcome": self.outcome or "", "call_type": self.call_type or "",
                "calls": "" if self.calls == "real" else self.calls}
        return {k: v for k, v in args.items() if v}


def _day(raw: Any, label: str, problems: list[str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        problems.append(f"{label} date {str(raw)[:20]!r} is not a date like 2026-06-02; ignored")
        return None


def parse_filter(args: Mapping[str, Any], call_types: list[str]) -> HistoryFilter:
    problems: list[str] = []
    outcome = args.get("outcome") or None
    if outcome and outcome not in OUTCOMES:
        problems.append(f"unknown outcome {str(outcome)[:30]!r}; ignored")
        outcome = None
    call_type = args.get("call_type") or None
    if call_type and call_type not in call_types:
        problems.append(f"unknown call type {str(call_type)[:40]!r}; ignored")
        call_type = None
    calls = args.get("calls") or "real"
    if calls not in CALL_KINDS:
        problems.append(f"unknown choice of calls {str(calls)[:20]!r}; showing real calls")
        calls = "real"
    return HistoryFilter(_day(args.get("from"), "from", problems), _day(args.get("to"), "to", problems),
                         outcome, call_type, calls, page_number(args), tuple(problems))


def day_bounds(day_from: date | None, day_to: date | None, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
    """Local calendar days -> a UTC range [start, end): a day is the business's day, not UTC's."""
    start = datetime.combine(day_from, time.min, zone).astimezone(timezone.utc) if day_from else None
    end = datetime.combine(day_to + timedelta(days=1), time.min, zone).astimezone(timezone.utc) if day_to else None
    return start, end


def search_calls(svc: StaffServices, flt: HistoryFilter, per_page: int = PER_PAGE) -> Page[dict[str, Any]]:
    start, end = day_bounds(flt.day_from, flt.day_to, svc.zone)
    when = func.coalesce(CallRecord.ended_at, CallRecord.started_at, CallRecord.created_at)
    query = select(CallRecord)
    if start is not None:
        query = query.where(when >= start)
    if end is not None:
        query = query.where(when < end)
    if flt.outcome:
        query = query.where(CallRecord.outcome == flt.outcome)
    if flt.call_type:
        query = query.where(CallRecord.call_type == flt.call_type)
    mode = CallRecord.data["mode"].as_string()
    if flt.calls == "real":
        query = query.where(or_(mode.is_(None), mode != "test"))
    elif flt.calls == "test":
        query = query.where(mode == "test")
    with svc.db.session() as s:
        total = int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)
        page = Page([], min(flt.page, max(1, -(-total // per_page))), per_page, total)
        rows = s.scalars(query.order_by(when.desc(), CallRecord.id.desc()).offset(page.offset).limit(per_page))
        page.items = [record_row(r, svc) for r in rows]
    return page
