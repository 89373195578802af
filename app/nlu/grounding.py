"""The grounded-answer check: a rephrased answer may only state facts found in the retrieved entries.

Every number (digits or number words), price, time, date, weekday, month and proper name in the
candidate must also appear in the entries' text; otherwise the candidate is rejected and the
entry's own text is said instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from app.nlu.text import fold

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "noon": 12, "midnight": 12, "half": 0.5, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "cien": 100, "ciento": 100, "mil": 1000, "mediodia": 12,
}
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday weekend weekends weekday weekdays today tomorrow "
    "tonight january february march april may june july august september october november december "
    "lunes martes miercoles jueves viernes sabado domingo hoy manana enero febrero marzo abril mayo junio julio "
    "agosto septiembre octubre noviembre diciembre".split())
# Capitalised words that begin sentences without naming anything.
_COMMON = frozenset(
    "a an the yes no sure of course we our you your it its this that there they i my and but so also however "
    "unfortunately absolutely certainly great good happy please thanks thank sorry just note currently right "
    "if when while for with without in on at as to from by all any every each most some many usually "
    "si claro nosotros nuestro nuestra usted su el la los las un una lo gracias por para con en de tambien "
    "sin pero hay aceptamos tenemos estamos abrimos cerramos".split())
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")
_SENTENCE_START = re.compile(r"(^|[.!?¿¡:;]\s*|\n\s*)$")


@dataclass
class GroundingResult:
    grounded: bool
    unsupported: list[str] = field(default_factory=list)


def _spelled_values(words: list[str], parts: bool = True) -> set[float]:
    """Values of runs of number words: 'one hundred fifty' gives 150 (and each word's own value)."""
    values: set[float] = set()
    total, current, active = 0.0, 0.0, False
    for word in words + ["."]:
        value = _NUMBER_WORDS.get(word)
        if value is not None and word not in {"half", "first", "second"}:
            active = True
            if value in (100, 1000):
                current = max(current, 1.0) * value
                if value == 1000:
                    total, current = total + current, 0.0
            else:
                current += value
            if parts:
                values.add(float(value))
        elif active and word in {"and", "y"}:
            continue
        elif active:
            values.add(total + current)
            total, current, active = 0.0, 0.0, False
        if value is not None and word in {"half", "first", "second"}:
            values.add(float(value))
    return values


def _numbers(text: str) -> set[float]:
    """Every number in the text, from digits ('8:30' gives 8 and 30, '$1,200' gives 1200) or words."""
    found: set[float] = set()
    for token in _DIGITS.findall(text):
        compact = token.replace(",", "")
        found.update(float(part) for part in re.split(r"[.:]", compact) if part)
        if re.fullmatch(r"\d+\.\d+", compact):
            found.add(float(compact))
    return found | _spelled_values(re.findall(r"[a-z]+", fold(text)))


def _word_key(word: str) -> str:
    """Case, accents, apostrophes and a plural 's' do not make a different fact."""
    key = fold(word).replace("'", "").replace("’", "")
    return key[:-1] if len(key) > 3 and key.endswith("s") else key


def _facts(candidate: str) -> list[tuple[str, str]]:
    """(kind, surface) pairs to verify: numbers, date words and proper names."""
    facts = [("number", n) for n in _DIGITS.findall(candidate)]
    for match in _WORD.finditer(candidate):
        word = match.group(0)
        folded = fold(word).replace("'", "")
        if folded in _NUMBER_WORDS and folded not in {"una", "once", "second", "first", "half"}:
            continue  # spelled numbers are checked as whole runs below
        elif folded in _DATE_WORDS:
            facts.append(("date", word))
        elif word[0].isupper() and not (folded in _COMMON and _SENTENCE_START.search(candidate[: match.start()])):
            if folded not in _COMMON:
                facts.append(("name", word))
    spelled = _spelled_values([w for w in re.findall(r"[a-z]+", fold(candidate))
                               if w not in {"una", "once", "second", "first", "half"}], parts=False)
    facts.extend(("value", str(v)) for v in sorted(spelled))
    return facts


def check_grounded(candidate: str, entries_text: Iterable[str]) -> GroundingResult:
    """Accept the candidate only if each of its facts appears in the entries' text."""
    source = " ".join(entries_text)
    source_words = {_word_key(w) for w in _WORD.findall(source)}
    source_numbers = _numbers(source)
    unsupported = []
    for kind, surface in _facts(candidate or ""):
        if kind == "number":
            ok = _numbers(surface) <= source_numbers
        elif kind == "value":
            ok = float(surface) in source_numbers
        else:
            ok = _word_key(surface) in source_words
        if not ok:
            unsupported.append(surface)
    return GroundingResult(not unsupported, unsupported)
