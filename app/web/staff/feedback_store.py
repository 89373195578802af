"""Staff reviews of calls in SQL: one per person per call, listed for operators and exported as CSV."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.storage.database import Database, as_utc
from app.storage.models import CallRecord
from app.storage.staff_models import ANSWER_CHOICES, CallFeedback, StaffUser

from .paging import Page

CSV_COLUMNS = ("call_sid", "reviewed_at", "reviewer", "detected_call_type", "call_type_right", "right_call_type",
               "should_have_escalated", "answer_right", "comment", "caller", "outcome")
_PHONE = re.compile(r"^\+\d{6,15}$")


@dataclass(frozen=True)
class Review:
    """What one person said about one call."""

    call_type_right: bool
    right_call_type: str | None
    should_have_escalated: bool
    answer_right: str
    comment: str

    def __post_init__(self) -> None:
        if self.answer_right not in ANSWER_CHOICES:
            raise ValueError(f"answer_right must be one of {ANSWER_CHOICES}")


def save_review(db: Database, call_sid: str, user_id: int, review: Review, detected_call_type: str | None) -> None:
    """Store or replace this person's review of the call (a double submit never makes two rows)."""
    for _ in range(2):
        try:
            with db.session() as s:
                row = s.scalar(select(CallFeedback).where(CallFeedback.call_sid == call_sid,
                                                          CallFeedback.user_id == user_id))
                if row is None:
                    row = CallFeedback(call_sid=call_sid, user_id=user_id)
                    s.add(row)
                row.detected_call_type = detected_call_type
                row.call_type_right, row.should_have_escalated = review.call_type_right, review.should_have_escalated
                row.right_call_type = None if review.call_type_right else review.right_call_type
                row.answer_right, row.comment = review.answer_right, review.comment.strip()[:5000]
            return
        except IntegrityError:
            continue  # the same person's other tab inserted first; update that row instead


def _row(fb: CallFeedback, user: StaffUser, record: CallRecord | None, zone: ZoneInfo) -> dict[str, Any]:
    at = as_utc(fb.updated_at or fb.created_at)
    return {"call_sid": fb.call_sid, "reviewed_at": at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if at else "",
            "reviewer": user.display_name or user.email, "detected_call_type": fb.detected_call_type or "",
            "call_type_right": "yes" if fb.call_type_right else "no", "right_call_type": fb.right_call_type or "",
            "should_have_escalated": "yes" if fb.should_have_escalated else "no", "answer_right": fb.answer_right,
            "comment": fb.comment or "", "caller": (record.caller or "") if record else "",
            "outcome": (record.outcome or "") if record else ""}


def _query():
    return (select(CallFeedback, StaffUser, CallRecord)
            .join(StaffUser, StaffUser.id == CallFeedback.user_id)
            .outerjoin(CallRecord, CallRecord.call_sid == CallFeedback.call_sid))


def reviews_for_call(db: Database, call_sid: str, zone: ZoneInfo) -> list[dict[str, Any]]:
    with db.session() as s:
        rows = s.execute(_query().where(CallFeedback.call_sid == call_sid).order_by(CallFeedback.created_at))
        return [_row(fb, user, rec, zone) for fb, user, rec in rows]


def review_page(db: Database, zone: ZoneInfo, page: int, per_page: int = 50) -> Page[dict[str, Any]]:
    with db.session() as s:
        total = int(s.scalar(select(func.count()).select_from(CallFeedback)) or 0)
        result = Page([], min(page, max(1, -(-total // per_page))), per_page, total)
        rows = s.execute(_query().order_by(CallFeedback.updated_at.desc(), CallFeedback.id.desc())
                         .offset(result.offset).limit(per_page))
        result.items = [_row(fb, user, rec, zone) for fb, user, rec in rows]
    return result


def all_reviews(db: Database, zone: ZoneInfo) -> list[dict[str, Any]]:
    with db.session() as s:
        return [_row(fb, u, r, zone) for fb, u, r in s.execute(_query().order_by(CallFeedback.id))]


def _safe_cell(value: Any) -> str:
    """Cells a spreadsheet would run as a formula get an apostrophe (phone numbers like +1212... are data)."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PHONE.match(text):
        return "'" + text
    return text


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_safe_cell(row.get(c, "")) for c in CSV_COLUMNS])
    return buffer.getvalue()
