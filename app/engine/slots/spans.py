"""A day or a window of days, and the small date helpers the date finders share."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

D = r"(\d{1,2})(?:st|nd|rd|th)?"
NEXT_WEEK = r"next week|the following week|la semana que viene|la proxima semana|la semana proxima|la otra semana|proxima semana"


@dataclass(frozen=True)
class DateSpan:
    """A day or a window of days; `assumed` marks a reading the caller should confirm."""

    start: date
    end: date
    granularity: str = "day"
    assumed: bool = False
    part_of_day: str | None = None
    problem: str | None = None


def blank(text: str, match: re.Match[str] | None) -> str:
    """Remove what a finder consumed, keeping the rest for the time parser."""
    if match is None:
        return text
    return f"{text[:match.start()]} ; {text[match.end():]}"


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_monday(today: date) -> date:
    return today + timedelta(days=7 - today.weekday())
