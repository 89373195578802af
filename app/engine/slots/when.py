"""date, time and datetime slots: relative to the call time, in the business's timezone."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .calendar_words import WEEKDAY_RE
from .dates import DateSpan, find_date
from .display import say_span, say_time, say_time_after_day
from .numbers import normalize_numbers
from .result import SlotResult, failed
from .textnorm import words
from .times import TimeSpan, find_time


def local_now(now: datetime, timezone: str) -> datetime:
    """The call time on the business's clock; a naive time or an unknown zone is a caller bug."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (e.g. datetime.now(timezone.utc))")
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone '{timezone}'; use an IANA name such as America/New_York") from None
    return now.astimezone(zone)


def prepare(text: str) -> str:
    """Folded words with number words as digits and '3pm' split into '3 pm'."""
    folded = " ".join(words(text))
    folded = re.sub(r"\b(\d{1,2})(am|pm|h|hs|hrs)\b", r"\1 \2", folded)
    folded = re.sub(r"\b(\d{1,2})([ap])\b", r"\1 \2m", folded)
    return " ".join(normalize_numbers(folded.split()))


_CORRECTION = re.compile(r"\b(?:no wait|wait|actually|i mean|sorry|rather|make that|make it|or rather|"
                         r"mejor|digo|perdon|no no|quiero decir|o sea)\b")
_NEGATED = re.compile(rf"\b(?:not|no|but not|pero no) (?:on |el |this |next |este |the |in the |por la |en la )?"
                      rf"(?:{WEEKDAY_RE}|mornings?|afternoons?|evenings?|manana|tarde|noche|\d{{1,2}}(?:st|nd|rd|th)?)\b|"
                      rf"\b(?:can'?t|cannot|can not|no puedo)(?: do| make| come| ir| venir)?(?: on| in the| el| los| por la| en la)? "
                      rf"(?:{WEEKDAY_RE}|mornings?|afternoons?|evenings?|mananas?|tardes?|noches?|lunes|martes|jueves|viernes)\b")


def _corrected(text: str) -> tuple[str, str]:
    """'Thursday, no wait, Friday' -> ('friday', 'thursday'): what was said last, then what came before."""
    text = _NEGATED.sub(" ; ", text)
    marks = list(_CORRECTION.finditer(text))
    if not marks:
        return text, ""
    head, tail = text[:marks[-1].start()], text[marks[-1].end():]
    return (tail, head) if re.search(r"\w", tail) else (head, "")


def _find(text: str, today: date, language: str) -> tuple[DateSpan | None, TimeSpan | None]:
    """Date and time spans; what a caller says after correcting themselves wins."""
    primary, earlier = _corrected(prepare(text))
    date_span, rest = find_date(primary, today, language)
    if date_span is None and earlier:
        date_span, _ = find_date(earlier, today, language)
    time_span, _ = find_time(rest, date_span.part_of_day if date_span else None)
    return date_span, time_span


def _date_problem(span: DateSpan, today: date) -> SlotResult | None:
    if span.problem == "invalid_date":
        return failed("invalid_date")
    if span.end < today:
        return failed("past_date", date=span.start.isoformat())
    return None


def _date_fields(span: DateSpan, today: date, language: str) -> dict:
    start = max(span.start, today) if span.granularity in ("week", "month") else span.start
    clipped = DateSpan(start, span.end, span.granularity, span.assumed, span.part_of_day, span.problem)
    details = {"weekday_mismatch": True} if span.problem == "weekday_mismatch" else {}
    return {
        "value": start.isoformat(),
        "end": span.end.isoformat() if span.end != start else None,
        "display": say_span(clipped, language, today),
        "granularity": span.granularity,
        "needs_confirmation": span.assumed,
        "details": details,
    }


def parse_date(text: str, *, now: datetime, timezone: str, language: str) -> SlotResult:
    """A day, week or month the caller names; days before today are refused (past_date)."""
    today = local_now(now, timezone).date()
    span, _ = _find(text, today, language)
    if span is None:
        return failed("no_date")
    return _date_problem(span, today) or SlotResult(ok=True, **_date_fields(span, today, language))


def _time_fields(span: TimeSpan) -> dict:
    granularity = {"exact": "exact", "part_of_day": "part_of_day"}.get(span.kind, "range")
    details: dict = {"approximate": True} if span.approximate else {}
    if span.label:
        details["label"] = span.label
    end = span.end.isoformat(timespec="minutes") if span.end is not None else None
    return {"value": span.start.isoformat(timespec="minutes"), "end": end, "granularity": granularity, "details": details}


def parse_time(text: str, *, now: datetime, timezone: str, language: str) -> SlotResult:
    """A time of day: exact ('3:30 pm', 'noon'), a part of the day, or before/after a time."""
    today = local_now(now, timezone).date()
    _, span = _find(text, today, language)
    if span is None:
        return failed("no_time")
    return SlotResult(ok=True, display=say_time(span, language), **_time_fields(span))


def _at(day: date, t: time, zone) -> datetime:
    return datetime.combine(day, t, tzinfo=zone)


def parse_datetime(text: str, *, now: datetime, timezone: str, language: str) -> SlotResult:
    """A day with an optional time; only a time means the next time that clock time comes round."""
    local = local_now(now, timezone)
    today, zone = local.date(), local.tzinfo
    date_span, time_span = _find(text, today, language)
    if date_span is None and time_span is None:
        return failed("no_date")
    day_assumed = False
    if date_span is None:
        assert time_span is not None
        ends = time_span.end or time_span.start
        day = today if _at(today, ends, zone) > local or (time_span.end and time_span.end <= time_span.start) else today + timedelta(days=1)
        date_span, day_assumed = DateSpan(day, day), True
    problem = _date_problem(date_span, today)
    if problem:
        return problem
    fields = _date_fields(date_span, today, language)
    if time_span is None:
        return SlotResult(ok=True, **fields)
    timing = _time_fields(time_span)
    details = {**fields["details"], **timing["details"], **({"day_assumed": True} if day_assumed else {})}
    confirm = fields["needs_confirmation"] or day_assumed
    display = fields["display"] + say_time_after_day(time_span, language)
    if date_span.granularity != "day":
        details["time"] = timing["value"]
        if timing["end"]:
            details["time_end"] = timing["end"]
        return SlotResult(ok=True, value=fields["value"], end=fields["end"], display=display,
                          granularity=fields["granularity"], needs_confirmation=confirm, details=details)
    start = _at(date_span.start, time_span.start, zone)
    end = _at(date_span.start, time_span.end, zone) if time_span.end is not None else None
    if end is not None and end <= start:
        end = end + timedelta(days=1)
    if (end or start) <= local:
        return failed("past_time", datetime=start.isoformat())
    return SlotResult(ok=True, value=start.isoformat(), end=end.isoformat() if end else None, display=display,
                      granularity=timing["granularity"], needs_confirmation=confirm, details=details)
