"""Is the business open at a given moment? Opening hours, public holidays and dated exceptions."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendars

from app.flows.schema import WEEKDAYS, Business, parse_time_range


@lru_cache(maxsize=64)
def _public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    calendar = holiday_calendars.country_holidays(country, subdiv=subdivision, years=year)
    return frozenset(calendar.keys())


def local_time(business: Business, at: datetime) -> datetime:
    return at.astimezone(ZoneInfo(business.timezone))


def is_holiday(business: Business, day: date) -> bool:
    rules = business.holidays
    if day in rules.closed:
        return True
    if day in rules.open:
        return False
    return day in _public_holidays(rules.country, rules.subdivision, day.year)


def hours_on(business: Business, day: date) -> list[str]:
    """The opening ranges of one local date: a dated exception wins, then holidays, then the weekday."""
    if day in business.special_hours:
        return list(business.special_hours[day])
    if is_holiday(business, day):
        return []
    return list(business.hours.get(WEEKDAYS[day.weekday()], []))  # type: ignore[call-overload]


def is_open(business: Business, at: datetime) -> bool:
    """True inside an opening range of that local date (in the business's timezone)."""
    local = local_time(business, at)
    now = local.time()
    for text in hours_on(business, local.date()):
        start, end = parse_time_range(text)
        if start <= now < end:
            return True
    return False
