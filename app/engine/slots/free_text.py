"""Free-text slots (a visit reason, minutes late): the caller's words minus the hesitations."""
from __future__ import annotations

import re

from .result import SlotResult, failed
from .textnorm import fold

_FILLER = (r"um+|uh+|umm+|uhh+|er+|erm|hmm+|hm|mm+|ah+|eh+|oh|well|so|like|you know|i mean|okay so|ok so|"
           r"este|pues|o sea|bueno|mmm+|ay|a ver|let me think|let's see|dejeme ver|deja ver")
_LEADING = re.compile(rf"^(?:(?:{_FILLER})\b[\s,.…-]*)+", re.IGNORECASE)
_TRAILING = re.compile(rf"(?:[\s,.…-]*\b(?:{_FILLER}))+[\s,.…!?-]*$", re.IGNORECASE)
_MEANINGLESS = re.compile(r"^[\W_]*$")


def clean_text(text: str) -> str:
    """'um, about fifteen minutes, uh' -> 'about fifteen minutes'."""
    cleaned = re.sub(r"\s+", " ", text or "").strip()
    previous = None
    while previous != cleaned:
        previous = cleaned
        cleaned = _LEADING.sub("", cleaned).strip()
        cleaned = _TRAILING.sub("", cleaned).strip()
    return cleaned.strip(" ,;:-")


def parse_text(text: str, *, language: str = "en") -> SlotResult:
    """Any meaningful words, kept as said (numbers stay words: 'about fifteen minutes')."""
    cleaned = clean_text(text)
    if _MEANINGLESS.match(cleaned) or not re.search(r"[^\W_]", fold(cleaned)):
        return failed("empty")
    return SlotResult(ok=True, value=cleaned, display=cleaned)
