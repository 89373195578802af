"""Speech-to-text output is messy: one place lowercases, strips accents and splits it into words."""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[:/+#*]")
_SPACES = re.compile(r"\s+")

FILLERS_EN = {"um", "umm", "uh", "uhh", "er", "erm", "hmm", "hm", "mm", "ah", "oh", "well", "so", "like"}
FILLERS_ES = {"eh", "este", "pues", "bueno", "mmm", "ah", "ay", "o sea"}


def strip_accents(text: str) -> str:
    """'mañana' -> 'manana', 'sí' -> 'si': matching is done on the plain form."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lowercase, accent-free, single-spaced, with typographic apostrophes made plain."""
    text = strip_accents(text or "").lower().replace("’", "'").replace("‘", "'")
    return _SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Folded word tokens; keeps ':' '/' '+' '#' '*' as tokens because times and keypads use them."""
    return _WORD.findall(fold(text))


def squash(text: str) -> str:
    """Folded text with punctuation turned into spaces (for phrase matching on word boundaries)."""
    return " ".join(words(text))


def has_phrase(text: str, phrases: set[str] | frozenset[str] | tuple[str, ...]) -> str | None:
    """The first phrase found as whole words inside squashed text, or None."""
    padded = f" {text} "
    for phrase in sorted(phrases, key=len, reverse=True):
        if f" {phrase} " in padded:
            return phrase
    return None
