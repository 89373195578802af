"""Find the day (or week, or month) a caller means, relative to today in the business's timezone."""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from .calendar_words import MONTH_RE, MONTHS, WEEKDAY_RE, WEEKDAYS
from .spans import NEXT_WEEK, D, DateSpan, add_months, blank, next_monday
from .windows import find_asap, find_month, find_window

Finder = Callable[[str, date, str], tuple[DateSpan | None, re.Match[str] | None]]


def _relative_words(text: str, today: date, language: str):
    rules: list[tuple[str, int, str | None]] = [
        (r"\b(?:the )?day before yesterday\b|\bantier\b|\banteayer\b", -2, None),
        (r"\byesterday\b|\bayer\b", -1, None),
        (r"\b(?:the )?day after tomorrow\b|\bpasado manana\b", 2, None),
        (r"\btomorrow night\b|\bmanana (?:por|en) la noche\b", 1, "evening"),
        (r"\btomorrow\b|(?<!\bla )(?<!\besta )(?<!\bpor )\bmanana\b", 1, None),
        (r"\btonight\b|\besta noche\b|\bthis evening\b", 0, "evening"),
        (r"\bthis morning\b|\besta manana\b", 0, "morning"),
        (r"\bthis afternoon\b|\besta tarde\b", 0, "afternoon"),
        (r"\btoday\b|\bhoy\b|\bright now\b|\bahora mismo\b", 0, None),
    ]
    for pattern, offset, part in rules:
        m = re.search(pattern, text)
        if m:
            day = today + timedelta(days=offset)
            return DateSpan(day, day, "day", part_of_day=part), m
    return None, None


_COUNT = {"couple of": 2, "a": 1, "an": 1, "one": 1, "un": 1, "una": 1, "a couple of": 2, "a couple": 2, "un par de": 2, "a few": 3}


def _offsets(text: str, today: date, language: str):
    m = re.search(r"\b(?:in|en|dentro de|within) (\d+|a couple of|a couple|a few|un par de|an|a|one|una|un) "
                  r"(days?|weeks?|months?|dias?|semanas?|mes|meses)\b(?: (?:from now|from today))?", text) or \
        re.search(r"\b(\d+|a couple of|a couple|couple of|a few|a|one) (days?|weeks?|months?) from (?:now|today)\b", text)
    if not m:
        return None, None
    count = int(m.group(1)) if m.group(1).isdigit() else _COUNT.get(m.group(1), 1)
    unit = m.group(2)
    if unit.startswith(("day", "dia")):
        day = today + timedelta(days=count)
    elif unit.startswith(("week", "semana")):
        day = today + timedelta(days=7 * count)
    else:
        day = add_months(today, count)
    return DateSpan(day, day, "day", assumed=not unit.startswith(("day", "dia"))), m


def _make(year: int, month: int, day: int, today: date, explicit_year: bool) -> DateSpan:
    try:
        found = date(year, month, day)
    except ValueError:
        return DateSpan(today, today, problem="invalid_date")
    if not explicit_year and (today - found).days > 90:
        rolled = date(year + 1, month, min(day, calendar.monthrange(year + 1, month)[1]))
        return DateSpan(rolled, rolled, assumed=True)
    return DateSpan(found, found)


def _nth_weekday(text: str, today: date, language: str):
    """'the first Monday in December', 'el primer lunes de diciembre', 'the last Friday of the month'."""
    m = re.search(rf"\b(1st|2nd|3rd|4th|last|ultimo) ({WEEKDAY_RE}) (?:in|of|de|del) (?:the )?({MONTH_RE}|month|mes)\b", text)
    if not m:
        return None, None
    month = MONTHS.get(m.group(3), today.month)
    year = today.year + (1 if month < today.month else 0)
    wd = WEEKDAYS[m.group(2)]
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    matching = [d for d in days if d.weekday() == wd]
    found = matching[-1] if m.group(1) in ("last", "ultimo") else matching[int(m.group(1)[0]) - 1]
    return DateSpan(found, found), m


SPANISH_ORDINALS = {"primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4}


def _nth_week(text: str, today: date, language: str):
    """'the first week of December', 'the 2nd week in January', 'la ultima semana de diciembre': seven days."""
    m = re.search(rf"\b(1st|2nd|3rd|4th|last|ultima|primera|segunda|tercera|cuarta) (?:week|semana) (?:in|of|de|del mes de) "
                  rf"(?:the )?({MONTH_RE}|month|mes)\b", text)
    if not m:
        return None, None
    month = MONTHS.get(m.group(2), today.month)
    year = today.year + (1 if month < today.month else 0)
    last_day = date(year, month, calendar.monthrange(year, month)[1])
    if m.group(1) in ("last", "ultima"):
        start = last_day - timedelta(days=6)
    else:
        nth = SPANISH_ORDINALS.get(m.group(1)) or int(m.group(1)[0])
        start = date(year, month, 1) + timedelta(days=7 * (nth - 1))
    end = min(start + timedelta(days=6), last_day)
    if end < today:
        return DateSpan(today, today, problem="past_date"), m
    return DateSpan(max(start, today), end, "week"), m


def _explicit(text: str, today: date, language: str):
    m = re.search(rf"\b({MONTH_RE}) (?:the )?{D}\b(?: (\d{{4}}))?", text)
    if m and not (m.group(1) == "may" and not re.search(r"\bmay (?:the )?\d", text)):
        month, day, year = MONTHS[m.group(1)], int(m.group(2)), m.group(3)
        return _make(int(year) if year else today.year, month, day, today, bool(year)), m
    m = re.search(rf"\b(?:the |el |el dia )?{D} (?:of |de )?({MONTH_RE})\b(?: (?:de |del )?(\d{{4}}))?", text)
    if m:
        day, month, year = int(m.group(1)), MONTHS[m.group(2)], m.group(3)
        return _make(int(year) if year else today.year, month, day, today, bool(year)), m
    m = re.search(r"\b(\d{1,2}) ?/ ?(\d{1,2})(?: ?/ ?(\d{2,4}))?\b", text)
    if m:
        first, second, year = int(m.group(1)), int(m.group(2)), m.group(3)
        month, day = (second, first) if (language.startswith("es") or first > 12) and second <= 12 else (first, second)
        full_year = (2000 + int(year) if len(year) == 2 else int(year)) if year else today.year
        return _make(full_year, month, day, today, bool(year)), m
    return None, None


def _day_of_month(text: str, today: date, language: str):
    m = (re.search(r"\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)\b", text)
         or re.search(r"\bon the (\d{1,2})\b", text)
         or re.search(rf"\b(?:{WEEKDAY_RE}),? (?:the )?(\d{{1,2}})(?:st|nd|rd|th)\b", text)
         or re.search(r"\b(?:el )?dia (\d{1,2})\b|\bel (\d{1,2})(?:st|nd|rd|th)?\b(?! de la)", text)
         or (re.search(rf"\b(?:{WEEKDAY_RE}) (\d{{1,2}})\b", text) if language.startswith("es") else None)
         or re.search(rf"\b(?:{WEEKDAY_RE}) ([12]\d|3[01])\b", text))
    if not m:
        return None, None
    day = int(next(g for g in m.groups() if g))
    if not 1 <= day <= 31:
        return None, None
    month_start = today.replace(day=1)
    for months in range(3):
        first = add_months(month_start, months)
        if day <= calendar.monthrange(first.year, first.month)[1] and (months or day >= today.day):
            found = first.replace(day=day)
            return DateSpan(found, found), _weekday_free(m, text)
    return DateSpan(today, today, problem="invalid_date"), m


def _weekday_free(m: re.Match[str], text: str) -> re.Match[str]:
    """Keep the weekday of 'Tuesday the 24th' in the text so it can be checked against the date."""
    inner = re.match(rf"(?:{WEEKDAY_RE}),? ", m.group(0))
    if inner:
        return re.search(re.escape(m.group(0)[inner.end():]), text) or m
    return m


WEEK_FROM = r"(?:a|one|1) week from(?: this| next)?"
WEEK_AFTER_NEXT = r"\b(?:the )?week after next\b|\bla semana despues de la proxima\b"


def _weekday(text: str, today: date, language: str):
    m = re.search(rf"\b(?:({WEEK_FROM}|this coming|this|next|coming|el proximo|proximo|el otro|este|el|on) )?"
                  rf"({WEEKDAY_RE})\b(?: (?:of |de )?(?:the )?({NEXT_WEEK}|que viene|proximo|after next|week after next))?",
                  text)
    if not m:
        return None, None
    wd = WEEKDAYS[m.group(2)]
    qualifier = m.group(1) or ""
    after = m.group(3) or ""
    monday = next_monday(today)
    ahead = (wd - today.weekday()) % 7
    upcoming = today + timedelta(days=ahead or 7)
    whole = re.search(rf"\b(?:{NEXT_WEEK})\b", text)
    if after in ("after next", "week after next") or re.search(WEEK_AFTER_NEXT, text):
        day = monday + timedelta(days=7 + wd)
        return DateSpan(day, day), m
    if re.match(WEEK_FROM, qualifier):  # 'a week from Tuesday': that Tuesday, plus seven days
        base = monday + timedelta(days=wd) if qualifier.endswith("next") else upcoming
        day = base + timedelta(days=7)
        return DateSpan(day, day), m
    if (after and after not in ("que viene", "proximo")) or (whole and not after):
        day = monday + timedelta(days=wd)
        span = DateSpan(day, day)
        return span, (whole if whole and not after else m)
    if qualifier == "next":
        day = monday + timedelta(days=wd)
        return DateSpan(day, day, assumed=day != upcoming), m
    if qualifier == "this":
        return DateSpan(today + timedelta(days=ahead), today + timedelta(days=ahead)), m
    if qualifier in ("el otro",):
        day = monday + timedelta(days=wd)
        return DateSpan(day, day), m
    explicit_future = qualifier in ("this coming", "coming", "el proximo", "proximo") or after
    return DateSpan(upcoming, upcoming, assumed=ahead == 0 and not explicit_future), m


FINDERS: tuple[Finder, ...] = (_offsets, _relative_words, _nth_weekday, _nth_week, _explicit, _day_of_month, _weekday, find_window,
                               find_month, find_asap)


EXCLUDED_DAY = re.compile(rf"\b(?:but|except|not|other than|apart from|menos|excepto|salvo|no el) (?:on )?(?:a )?"
                          rf"(?:{WEEKDAY_RE})s?\b")


def find_date(text: str, today: date, language: str) -> tuple[DateSpan | None, str]:
    """The first date expression in folded, number-normalised text, and the text without it."""
    text = EXCLUDED_DAY.sub(" ; ", text)  # 'any day but Monday' must not become Monday
    for finder in FINDERS:
        span, match = finder(text, today, language)
        if span is not None:
            rest = blank(text, match)
            return _check_weekday(span, rest), _strip_weekday(rest)
    return None, text


def _check_weekday(span: DateSpan, rest: str) -> DateSpan:
    """'Tuesday the 25th' when the 25th is a Wednesday: keep the date, ask the caller."""
    m = re.search(rf"\b({WEEKDAY_RE})\b", rest)
    if m and span.granularity == "day" and WEEKDAYS[m.group(1)] != span.start.weekday():
        return DateSpan(span.start, span.end, span.granularity, True, span.part_of_day, span.problem or "weekday_mismatch")
    return span


def _strip_weekday(rest: str) -> str:
    return re.sub(rf"\b(?:on |el )?({WEEKDAY_RE})\b", " ; ", rest)
