"""Find the time of day a caller means: an exact time, a part of the day, or a before/after window."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from .calendar_words import PARTS_OF_DAY

APPROX = r"around|about|approximately|roughly|maybe|say|like|near|como a las|como a la|alrededor de las|alrededor de la|mas o menos a las|tipo|sobre las|hacia las|a eso de las"
AT = r"at|a las|a la|for|las|la"
AFTER = r"after|any time after|anytime after|later than|despues de las|despues de la|a partir de las|a partir de la"
BEFORE = r"before|by|no later than|earlier than|antes de las|antes de la"
MER = r"a ?m|p ?m|in the morning|in the afternoon|in the evening|at night|tonight|de la manana|de la tarde|de la noche|del mediodia|por la manana|por la tarde|por la noche|en la manana|en la tarde|en la noche|morning|afternoon|evening"
MERIDIEM = rf"(?P<mer>{MER})"


@dataclass(frozen=True)
class TimeSpan:
    """An exact time (end None) or a window [start, end) with the label it was said with."""

    start: time
    end: time | None = None
    kind: str = "exact"
    label: str | None = None
    approximate: bool = False
    assumed: bool = False


_PARTS = [
    (r"\b(?:first|1st) thing(?: in the morning)?\b|\bearly (?:in the )?morning\b|\b(?:temprano|muy temprano)(?: (?:por|en) la manana)?\b|\bprimera hora\b", "early_morning"),
    (r"\blate (?:in the )?morning\b|\bmid ?morning\b|\ba media manana\b", "late_morning"),
    (r"\bbefore lunch\b|\bantes del almuerzo\b|\bantes de (?:la )?comida\b", "late_morning"),
    (r"\bafter lunch\b|\bdespues del almuerzo\b|\bdespues de (?:la )?comida\b|\bearly (?:in the )?afternoon\b|\bprimera hora de la tarde\b", "early_afternoon"),
    (r"\blate (?:in the )?afternoon\b|\bafter (?:work|school)\b|\bal final de la tarde\b|\bdespues del trabajo\b|\bsaliendo del trabajo\b", "late_afternoon"),
    (r"\blunch ?time\b|\b(?:around|at|over) lunch\b|\bhora (?:del almuerzo|de la comida|de comer)\b", "lunchtime"),
    (r"\bmornings?\b|\b(?:por|en|de) la manana\b|\bam\b|\ba m\b", "morning"),
    (r"\bafternoons?\b|\b(?:por|en|de) la tarde\b|\bpm\b|\bp m\b", "afternoon"),
    (r"\bevenings?\b|\bnight\b|\btonight\b|\b(?:por|en|de) la noche\b", "evening"),
]


def _meridiem_hour(hour: int, meridiem: str | None) -> int:
    """Apply am/pm or a part of the day; with neither, read the hour as office hours (3 -> 15:00)."""
    if hour > 12 or hour == 0:
        return hour % 24
    if meridiem:
        m = meridiem.replace(" ", "")
        if m in ("am", "inthemorning", "delamanana", "porlamanana", "enlamanana", "morning"):
            return 0 if hour == 12 else hour
        if m == "delmediodia":
            return 12 if hour == 12 else hour + 12
        return hour if hour == 12 else hour + 12
    return hour + 12 if 1 <= hour <= 6 else hour


def _clock(hour: int, minute: int, meridiem: str | None) -> time | None:
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return None
    return time(_meridiem_hour(hour, meridiem) % 24, minute)


def _spanish_one(text: str) -> str:
    return re.sub(r"\b(a|de|desde|hasta|las?) una\b", r"\1 1", text)


def _exact(text: str) -> tuple[TimeSpan | None, re.Match[str] | None]:
    """An exact time: '3:30 pm', 'half past two', 'a las tres y media', 'noon', 'around ten'."""
    lead = rf"(?:(?P<mod>{APPROX}|{AFTER}|{BEFORE}) )?(?:(?:{AT}) )?"
    patterns = [
        (rf"\b{lead}(?:noon|midday) (?P<m>[0-5]\d)\b", "noon_m"),
        (rf"\b{lead}(?P<noon>noon|midday|mediodia|el mediodia|medianoche|midnight)\b", None),
        (rf"\b{lead}(?P<mm>[1-5]?\d) (?:minutes?|mins?) (?P<dir>to|till|til|before|of|past|after) (?P<h>\d{{1,2}})\b"
         rf"(?: {MERIDIEM})?", "mins"),
        (rf"\b{lead}(?P<frac>half past|quarter past|quarter after|quarter to|quarter till|quarter til|quarter of) (?P<h>\d{{1,2}})\b(?: {MERIDIEM})?", "frac"),
        (rf"\b{lead}(?P<h>\d{{1,2}}) (?P<es>y media|y cuarto|menos cuarto|y (?P<esm>\d{{1,2}}))\b(?: {MERIDIEM})?", "es"),
        (rf"\b{lead}(?P<h>\d{{1,2}}) ?: ?(?P<m>\d{{2}})\b(?: {MERIDIEM})?", "hm"),
        (rf"\b{lead}(?P<h>\d{{1,2}}) (?P<m>[0-5]\d)\b(?: {MERIDIEM})?", "hm"),
        (rf"\b{lead}(?P<h>\d{{1,2}}) (?:o'?clock|oclock|en punto|horas|hrs)\b(?: {MERIDIEM})?", "h"),
        (rf"\b{lead}(?P<h>\d{{1,2}}) ?{MERIDIEM}", "h"),
        (rf"\b(?P<mod>{APPROX}|{AFTER}|{BEFORE}) (?:(?:{AT}) )?(?P<h>\d{{1,2}})\b(?! ?(?:st|nd|rd|th|minutes?|minutos?|days?|weeks?|dias?))", "h"),
        (rf"\b(?:{AT}) (?P<h>\d{{1,2}})\b(?! ?(?:st|nd|rd|th|minutes?|minutos?|days?|weeks?|dias?))", "h"),
        (r"^\W*(?P<h>\d{1,2})\W*$", "h"),
        (r"\b(?P<h>\d{1,2})(?:ish| or so)\b", "h"),
    ]
    for pattern, kind in patterns:
        m = re.search(pattern, text)
        if not m:
            continue
        groups = m.groupdict()
        meridiem = groups.get("mer")
        if kind is None:
            word = groups["noon"]
            found = time(0, 0) if word in ("midnight", "medianoche") else time(12, 0)
        elif kind == "frac":
            hour = int(groups["h"])
            frac = groups["frac"]
            minute = 30 if frac.startswith("half") else 15 if "past" in frac or "after" in frac else 45
            hour = hour - 1 if minute == 45 else hour
            found = _clock(hour if hour > 0 else 12, minute, meridiem)
        elif kind == "es":
            hour = int(groups["h"])
            tail = groups["es"]
            minute = 30 if tail == "y media" else 15 if tail == "y cuarto" else 45 if tail == "menos cuarto" else int(groups["esm"])
            hour = hour - 1 if tail == "menos cuarto" else hour
            found = _clock(hour if hour > 0 else 12, minute, meridiem)
        elif kind == "noon_m":
            found = time(12, int(groups["m"]))
        elif kind == "mins":
            hour, minutes = int(groups["h"]), int(groups["mm"])
            if groups["dir"] in ("past", "after"):
                found = _clock(hour, minutes, meridiem) if minutes < 60 else None
            else:
                found = _clock(hour - 1 if hour > 1 else 12, 60 - minutes, meridiem) if 0 < minutes < 60 else None
        elif kind == "hm":
            found = _clock(int(groups["h"]), int(groups["m"]), meridiem)
        else:
            found = _clock(int(groups["h"]), 0, meridiem)
        if found is None:
            continue
        assumed = kind not in (None, "noon_m") and meridiem is None and found.hour < 24 and int(groups["h"]) <= 12
        return _with_modifier(found, groups.get("mod"), m.group(0), assumed), m
    return None, None


def _with_modifier(found: time, mod: str | None, said: str, assumed: bool) -> TimeSpan:
    approximate = bool(mod and re.fullmatch(APPROX, mod)) or said.endswith(("ish", "or so"))
    if mod and re.fullmatch(AFTER, mod):
        return TimeSpan(found, time(max(found.hour + 1, 18) if found.hour < 23 else 23, 59 if found.hour >= 23 else 0), "range", "after")
    if mod and re.fullmatch(BEFORE, mod):
        return TimeSpan(time(min(8, found.hour), 0), found, "range", "before")
    return TimeSpan(found, None, "exact", None, approximate, assumed)


def _between(text: str) -> tuple[TimeSpan | None, re.Match[str] | None]:
    m = re.search(rf"\b(?:between|entre|from|de|desde) (?:las? )?(\d{{1,2}})(?: ?({MER}))? (?:and|y|to|a|until|till|hasta) (?:las? )?(\d{{1,2}})(?: ?({MER}))?", text)
    if not m:
        return None, None
    h1, mer1, h2, mer2 = m.group(1), m.group(2), m.group(3), m.group(4)
    end = _clock(int(h2), 0, mer2)
    start = _clock(int(h1), 0, mer1 or (mer2 if int(h1) < int(h2) else None))
    if start is None or end is None or end <= start:
        return None, None
    return TimeSpan(start, end, "range", "between"), m


def find_time(text: str, part_hint: str | None = None) -> tuple[TimeSpan | None, str]:
    """The time expression in folded, number-normalised text, and the text without it."""
    text = _spanish_one(text)
    span, m = _between(text)
    if span is None:
        span, m = _exact(text)
    if span is not None and m is not None:
        rest = text[:m.start()] + " ; " + text[m.end():]
        return _apply_part(span, find_part_of_day(rest) or part_hint), rest
    part = find_part_of_day(text) or part_hint
    if part:
        start, end = PARTS_OF_DAY[part]
        return TimeSpan(time(start), time(end % 24), "part_of_day", part), text
    return None, text


def _apply_part(span: TimeSpan, part: str | None) -> TimeSpan:
    """'tomorrow evening at 7' is 19:00: a part of the day said elsewhere fixes a guessed am/pm."""
    if not span.assumed or not part or span.kind != "exact":
        return span
    hour = span.start.hour % 12
    if part in ("morning", "early_morning", "late_morning"):
        pass
    elif part == "lunchtime":
        hour = 12 if hour == 0 else (hour + 12 if hour < 6 else hour)
    else:
        hour = hour + 12 if hour != 0 or part != "evening" else 12
    return TimeSpan(span.start.replace(hour=hour % 24), None, "exact", None, span.approximate, False)


def find_part_of_day(text: str) -> str | None:
    """'tomorrow afternoon' -> 'afternoon'; 'por la mañana' -> 'morning'."""
    for pattern, label in _PARTS:
        if re.search(pattern, text):
            return label
    return None
