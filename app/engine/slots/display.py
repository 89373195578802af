"""How the bot reads a date or time back to the caller, in English or Spanish."""
from __future__ import annotations

from datetime import date, time

from .calendar_words import DAY_NAMES, MONTH_NAMES, PART_NAMES, lang
from .dates import DateSpan
from .times import TimeSpan


def say_day(day: date, language: str, today: date) -> str:
    """'Tuesday, November 24' / 'martes 24 de noviembre' (the year only when it is not this year)."""
    code = lang(language)
    weekday, month = DAY_NAMES[code][day.weekday()], MONTH_NAMES[code][day.month - 1]
    year = day.year != today.year
    if code == "es":
        return f"{weekday} {day.day} de {month}" + (f" de {day.year}" if year else "")
    return f"{weekday}, {month} {day.day}" + (f", {day.year}" if year else "")


def say_clock(t: time, language: str) -> str:
    """'3 PM', '3:30 PM', 'noon' / 'las 3 de la tarde', 'el mediodía'."""
    code = lang(language)
    hour12 = t.hour % 12 or 12
    clock = f"{hour12}" if t.minute == 0 else f"{hour12}:{t.minute:02d}"
    if code == "es":
        if t.hour == 12 and t.minute == 0:
            return "mediodía"
        period = "de la mañana" if t.hour < 12 else "de la tarde" if t.hour < 20 else "de la noche"
        article = "la" if hour12 == 1 else "las"
        return f"{article} {clock} {period}"
    if t.hour == 12 and t.minute == 0:
        return "noon"
    return f"{clock} {'AM' if t.hour < 12 else 'PM'}"


def say_time(span: TimeSpan, language: str) -> str:
    """A time on its own: '3:30 PM', 'in the afternoon', 'after 3 PM'."""
    code = lang(language)
    if span.kind == "part_of_day" and span.label:
        return PART_NAMES[code][span.label]
    if span.kind == "range":
        start, end = say_clock(span.start, code), say_clock(span.end or span.start, code)
        if code == "es":
            words = {"after": f"después de {_es_at(start)}", "before": f"antes de {_es_at(end)}"}
            return words.get(span.label or "", f"entre {_es_at(start)} y {_es_at(end)}")
        words = {"after": f"after {start}", "before": f"before {end}"}
        return words.get(span.label or "", f"between {start} and {end}")
    clock = say_clock(span.start, code)
    if code == "es":
        return "al mediodía" if clock == "mediodía" else f"a {clock}"
    return clock


def _es_at(clock: str) -> str:
    return "el mediodía" if clock == "mediodía" else clock


def say_time_after_day(span: TimeSpan, language: str) -> str:
    """The time part that follows a day: ' in the afternoon', ' at 3 PM', ' a las 3 de la tarde'."""
    code = lang(language)
    text = say_time(span, code)
    if span.kind == "exact" and code == "en":
        return f" at {text}"
    return f" {text}"


def say_span(span: DateSpan, language: str, today: date) -> str:
    """A day, week or month: 'Tuesday, November 24', 'the week of Monday, November 30'."""
    code = lang(language)
    if span.granularity == "asap":
        return "lo antes posible" if code == "es" else "as soon as possible"
    if span.granularity == "week":
        if span.start.weekday() == 0 and (span.end - span.start).days == 6:
            first = say_day(span.start, code, today)
            return f"la semana del {first}" if code == "es" else f"the week of {first}"
        if span.start == span.end:
            return say_day(span.start, code, today)
        first, last = say_day(span.start, code, today), say_day(span.end, code, today)
        return f"entre el {first} y el {last}" if code == "es" else f"between {first} and {last}"
    if span.granularity == "month":
        month = MONTH_NAMES[code][span.start.month - 1]
        if span.start.day == 1 and span.end.month == span.start.month and span.end.day >= 28:
            return f"en {month}" if code == "es" else f"sometime in {month}"
        first, last = say_day(span.start, code, today), say_day(span.end, code, today)
        return f"entre el {first} y el {last}" if code == "es" else f"between {first} and {last}"
    return say_day(span.start, code, today)
