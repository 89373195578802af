"""Near-miss spellings of the words a request for a person hangs on ('reseptionist', 'sombody').

Speech-to-text and typed transcripts misspell long, rare words; a one- or two-letter slip in the
person noun should not be the difference between a transfer and a caller stuck with the bot.
Only words of six letters or more are corrected, to the nearest target that starts with the same
letter; targets under eight letters accept one wrong letter only, never one more or one fewer. Two
swapped letters count as one slip ('presona'), and a doubled letter as none ('purrson', 'opperator').
Words split by a pause ('repre sentative', 'recep tionist') are joined back when together they
spell a long target.
"""
from __future__ import annotations

from functools import lru_cache

TARGETS = (
    "receptionist", "representative", "operator", "somebody", "someone", "supervisor", "person", "people",
    "manager", "customer", "emergency", "ambulance", "recepcionista", "representante", "operadora", "operador",
    "alguien", "persona", "reception", "recepcion",
)
_KNOWN = frozenset(TARGETS) | frozenset({
    "personal", "persons", "operate", "operated", "operation", "managed", "manages", "somehow", "sometime",
    "sometimes", "someday", "somewhat", "somewhere", "customs", "customer", "peoples", "persona", "personas",
    "operating", "operations", "personally", "personnel", "supervise", "supervised", "emerging", "ambulances",
    "representatives", "receptionists", "alguno", "alguna", "algunos", "algunas", "opera", "operan",
    "perdon", "perdona", "perdone", "perdoname", "perdoneme", "parson",  # '¿perdón?' asks to repeat, not for a person
})


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps (optimal string alignment), or limit + 1 once beyond `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            current.append(best)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def _undoubled(word: str) -> str:
    """'purrson' -> 'purson': a doubled letter is a spelling slip, not a different word."""
    return "".join(ch for index, ch in enumerate(word) if index == 0 or ch != word[index - 1])


@lru_cache(maxsize=8192)
def correct(word: str) -> str:
    """The target word a long near-miss stands for, or the word unchanged."""
    if len(word) < 6 or word in _KNOWN or not word.isalpha():
        return word
    if _undoubled(word) != word:
        single = correct(_undoubled(word)) if len(_undoubled(word)) >= 6 else _undoubled(word)
        if single in TARGETS:
            return single
    best, best_distance = word, 3
    for target in TARGETS:
        if target[0] != word[0] or (len(target) < 8 and len(word) != len(target)):
            continue  # short words: one wrong letter, never one more or one fewer ('pearson')
        limit = 2 if len(target) >= 10 else 1
        distance = _distance(word, target, limit)
        if distance <= limit and distance < best_distance:
            best, best_distance = target, distance
    return best


def joined(words: list[str]) -> list[str]:
    """'repre sentative' -> 'representative': two or three pieces that spell a long target."""
    out: list[str] = []
    index = 0
    while index < len(words):
        for width in (3, 2):
            piece = "".join(words[index:index + width])
            pieces = words[index:index + width]
            if (index + width <= len(words) and len(piece) >= 8 and piece.isalpha()
                    and not any(word in TARGETS or correct(word) in TARGETS for word in pieces)
                    and (piece in TARGETS or correct(piece) in TARGETS)):
                out.append(correct(piece))
                index += width
                break
        else:
            out.append(words[index])
            index += 1
    return out
