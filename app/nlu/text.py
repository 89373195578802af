"""Text normalisation shared by the detectors: case, accents and speech-to-text punctuation."""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s'$%:./-]")


def fold(text: str) -> str:
    """Lower-case, strip accents (so 'cuánto' == 'cuanto') and collapse punctuation and spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("¿", " ").replace("¡", " ").lower()
    return _SPACES.sub(" ", _PUNCT.sub(" ", plain)).strip()
