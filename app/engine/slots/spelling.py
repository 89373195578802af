"""Callers spell names ('S M I T H', 'S as in Sam'): turn the letters back into the word they spell."""
from __future__ import annotations

import re

from .textnorm import fold

_AS_IN = {("as", "in"), ("like",), ("for",), ("de",), ("como", "en"), ("como",), ("of",)}
_DOUBLE = {"double", "doble"}
_PUNCT = ",.;:!?\"“”"


def _letters(token: str) -> str | None:
    """'J' -> 'J', 'S-M-I-T-H' -> 'SMITH', 'j.' -> 'J'; anything else -> None."""
    cleaned = token.strip(_PUNCT)
    if len(cleaned) == 1 and cleaned.isalpha():
        return cleaned.upper()
    if re.fullmatch(r"(?:[^\W\d_][.\-]){1,}[^\W\d_]\.?", cleaned):
        return re.sub(r"[.\-]", "", cleaned).upper()
    return None


def _as_in_length(tokens: list[str], i: int) -> int:
    """How many tokens after a letter make 'as in Sam' (0 when there is none)."""
    for phrase in sorted(_AS_IN, key=len, reverse=True):
        n = len(phrase)
        window = [fold(t.strip(_PUNCT)) for t in tokens[i + 1:i + 1 + n]]
        if tuple(window) == phrase and i + 1 + n < len(tokens) and tokens[i + 1 + n].strip(_PUNCT).isalpha():
            return n + 1
    return 0


def _read_units(tokens: list[str]) -> list[tuple[str, str | None, bool]]:
    """Each item: (original text, letters or None, ends with a comma)."""
    units: list[tuple[str, str | None, bool]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if fold(tok) in _DOUBLE and i + 1 < len(tokens) and _letters(tokens[i + 1]):
            letter = _letters(tokens[i + 1]) or ""
            units.append((" ".join(tokens[i:i + 2]), letter * 2, tokens[i + 1].endswith(",")))
            i += 2
            continue
        letters = _letters(tok)
        if letters:
            extra = _as_in_length(tokens, i) if len(letters) == 1 else 0
            end = tokens[i + extra]
            units.append((" ".join(tokens[i:i + 1 + extra]), letters, end.endswith(",")))
            i += 1 + extra
            continue
        units.append((tok, None, tok.endswith(",")))
        i += 1
    return units


def merge_spelling(text: str) -> tuple[str, bool]:
    """Replace spelled letter runs with the word; a spelled run corrects the word said before it."""
    units = _read_units(text.split())
    out: list[str] = []
    spelled = False
    i = 0
    while i < len(units):
        if units[i][1] is None:
            out.append(units[i][0])
            i += 1
            continue
        j, letters = i, ""
        while j < len(units) and units[j][1] is not None:
            letters += units[j][1] or ""
            j += 1
        if len(letters) < 2:
            out.extend(u[0] for u in units[i:j])
            i = j
            continue
        word = letters.capitalize()
        pause = "," if units[j - 1][2] else ""  # keep the caller's pause: 'Nguyen, N G U Y E N, Thanh Nguyen'
        spelled = True
        previous = out[-1].strip(_PUNCT) if out else ""
        if previous and previous.isalpha() and fold(previous)[:1] == fold(word)[:1] and _similar(previous, word):
            out[-1] = word + pause
        elif previous and len(letters) < len(previous) and fold(letters) in fold(previous):
            if pause and not out[-1].endswith(","):
                out[-1] += pause
        else:
            out.append(word + pause)
        i = j
    return " ".join(out), spelled


def _similar(said: str, spelled: str) -> bool:
    """'Smith' and 'SMYTH' are the same word heard twice; 'John' and 'SMITH' are two words."""
    a, b = fold(said), fold(spelled)
    if a == b:
        return True
    shared = sum(1 for x, y in zip(a, b) if x == y)
    return shared >= max(2, min(len(a), len(b)) // 2) and abs(len(a) - len(b)) <= 2
