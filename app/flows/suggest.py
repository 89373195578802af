"""'Did you mean ...?': the closest known name to a misspelt one."""
from __future__ import annotations

import difflib
from typing import Iterable


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The most similar option; ties go to one that starts like the word ('munday' -> 'monday')."""
    choices = [str(o) for o in options]
    scored = []
    for option in choices:
        ratio = difflib.SequenceMatcher(None, word.lower(), option.lower()).ratio()
        if ratio >= cutoff:
            scored.append((ratio, option[:1].lower() == word[:1].lower(), option))
    if not scored:
        return None
    return max(scored, key=lambda item: (item[0], item[1]))[2]


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """"did you mean 'x'? " or an empty string."""
    guess = closest(word, options, cutoff)
    return f"did you mean '{guess}'? " if guess else ""
