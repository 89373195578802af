"""Near-miss spellings of the words a request for a person hangs on ('reseptionist', 'sombody').

Speech-to-text and typed transcripts misspell long, rare words; a one- or two-letter slip in the
person noun should not be the difference between a transfer and a caller stuck with the bot.
Only words of six letters or more are corrected, to the nearest target that starts with the same
letter; targets under eight letters accept one wrong letter only, never one more or one fewer.
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
})


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@lru_cache(maxsize=8192)
def correct(word: str) -> str:
    """The target word a long near-miss stands for, or the word unchanged."""
    if len(word) < 6 or word in _KNOWN or not word.isalpha():
        return word
    best, best_distance = word, 3
    for target in TARGETS:
        if target[0] != word[0] or (len(target) < 8 and len(word) != len(target)):
            continue  # short words: one wrong letter, never one more or one fewer ('pearson')
        limit = 2 if len(target) >= 10 else 1
        distance = _distance(word, target, limit)
        if distance <= limit and distance < best_distance:
            best, best_distance = target, distance
    return best
