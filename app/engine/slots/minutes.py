"""How long: 'about fifteen minutes', 'half an hour', 'un cuarto de hora', '10 or 15 min' -> minutes.

A running-late caller's answer; "thanks" or "not sure" is not a number of minutes and is re-asked.
"""
from __future__ import annotations

import re

from .numbers import normalize_numbers
from .result import SlotResult, failed
from .textnorm import squash

_FRACTIONS = [
    (r"\b(?:an? |one )?hour and a half\b|\bhora y media\b|\b1 hour 30\b", 90),
    (r"\bhalf (?:an|a) hour\b|\bhalf hour\b|\bmedia hora\b|\b30 minutes?\b", 30),
    (r"\b(?:a |one )?quarter (?:of )?(?:an |a )?hour\b|\bun cuarto de hora\b|\bcuarto de hora\b", 15),
    (r"\b(?:an|a|one|1) hour\b|\buna hora\b|\b1 hora\b", 60),
    (r"\b(?:a )?couple (?:of )?minutes\b|\bun par de minutos\b", 2),
    (r"\b(?:a )?few minutes\b|\bunos minutos\b|\bunos pocos minutos\b", 5),
]
_RANGE = re.compile(r"\b(\d{1,3}) (?:or|to|o|a|-) (\d{1,3})\b")
_NUMBER = re.compile(r"\b(\d{1,3})\b(?! ?(?:am|pm|a m|p m|o'?clock|oclock))")
_UNIT = re.compile(r"\b(?:min|mins|minute|minutes|minuto|minutos|hour|hours|hora|horas)\b")
_HEDGE = re.compile(r"\b(?:about|around|like|maybe|probably|roughly|or so|ish|give or take|unos|como|quizas|mas o menos)\b")
_TIME_OF_DAY = re.compile(r"\b(?:at|for my|a las|para las)\s+\d{1,2}(?:\s?:?\s?\d{2})?\b")


def parse_minutes(text: str, *, language: str = "en") -> SlotResult:
    """Minutes as an int-like string ('15'); a range keeps its upper end ('10 or 15' -> 15)."""
    said = " ".join(normalize_numbers(squash(text).replace("-", " - ").split()))
    said = _TIME_OF_DAY.sub(" ", said)  # 'for my 2 o'clock', 'at 3': the appointment, not the delay
    for pattern, minutes in _FRACTIONS:
        if re.search(pattern, said):
            return _result(minutes, language, approximate=True)
    m = _RANGE.search(said)
    if m:
        return _result(max(int(m.group(1)), int(m.group(2))), language, approximate=True)
    numbers = [int(n) for n in _NUMBER.findall(said)]
    if not numbers:
        return failed("no_minutes")
    value = numbers[0]
    hours = re.search(rf"\b{value} (?:hours?|horas?)\b", said)
    if hours:
        value *= 60
    if not 0 < value <= 240 or (not _UNIT.search(said) and len(said.split()) > 6):
        return failed("no_minutes", said=said)
    return _result(value, language, approximate=bool(_HEDGE.search(said)))


def _result(minutes: int, language: str, *, approximate: bool) -> SlotResult:
    if language.startswith("es"):
        display = f"unos {minutes} minutos" if approximate else f"{minutes} minutos"
    else:
        display = f"about {minutes} minutes" if approximate else f"{minutes} minutes"
    return SlotResult(ok=True, value=str(minutes), display=display, details={"approximate": approximate})
