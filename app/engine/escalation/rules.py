"""A rule is a regular expression over normalised text plus the guards that keep it honest."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .framing import JOKING, PAST, RECENT, hypothetical, mild, past_event, settled_after
from .normalize import Normalized

NEGATORS = frozenset({"not", "no", "never", "without", "nunca", "sin", "ni", "tampoco", "nor"})
OTHER_PARTY = frozenset({"you", "they", "he", "she", "who", "u", "ustedes", "usted", "ellos", "ella", "el"})
HABITUAL = frozenset({
    "get", "gets", "had", "usually", "sometimes", "tend", "tends", "used", "prone", "history", "suffer",
    "suffers", "often", "always", "whenever", "ever", "past", "once", "suelo", "suele", "tuve", "tenia",
    "aveces", "veces", "siempre", "antes", "cuando",
})
# "I'm not in any danger", "no need to get anyone": the caller says the thing is absent.
DENIAL = re.compile(
    r"\b(?:no need (?:to|for)|(?:i am|we are|he is|she is|it is) not (?:in (?:any )?danger|hurt|bleeding|depressed|suicidal|"
    r"an emergency|urgent|serious|complaining|asking for|looking for)|nothing (?:is )?(?:urgent|serious|wrong)|"
    r"no (?:emergency|complaints?|rush|danger)|not an emergency|not urgent|no es (?:urgente|una emergencia)|no tengo (?:ninguna )?queja)\b")
# "can't stop bleeding", "won't quit shaking": the negator belongs to stop, and the symptom goes on.
NOT_NEGATING = frozenset({"stop", "quit", "stopped", "parar", "dejar", "deja"})
DETERMINERS = frozenset({"a", "an", "the", "my", "your", "our", "any", "un", "una", "el", "la", "mi", "su"})
CLAUSE_JOINS = frozenset({"and", "but", "y", "pero"})
SUBJECTS = frozenset({"i", "my", "he", "she", "it", "they", "we", "his", "her", "our", "their", "yo", "mi", "el", "ella"})
# "no, I want...", "no please...": the "no" answers what was said before.
INTERJECTED_AFTER = frozenset({"i", "we", "please", "just", "yo", "por"})
REPORTING = frozenset({"said", "told", "says", "tells", "mentioned", "suggested", "recommended", "dijo", "dijeron"})
FIRST_PERSON = frozenset({"i", "already", "like", "yo", "ya"})
SELF_WORDS = frozenset({"i", "me", "my", "myself", "mine", "yo", "mi", "matarme", "morirme"})


@dataclass(frozen=True)
class Rule:
    """One way of recognising a category; `strong` rules may fire on unfinished transcripts.

    `now` rules describe something happening: a past event, a hypothetical question or a joke does
    not count ("I had chest pain last year", "what happens if someone faints"); `history` lets words
    such as "had" or "survived" just before the match mark a past event. `mild` rules are undone
    by their own words saying it is not severe ("a little swollen").
    """

    name: str
    category: str
    language: str
    pattern: re.Pattern[str]
    strong: bool = True
    negatable: bool = True
    habitual: bool = False
    reported: bool = False
    anchored: bool = False
    inner_negation: bool = False
    not_in_bot_question: bool = False
    now: bool = False
    history: bool = True
    mild: bool = False
    source: str = "built-in"
    unless: re.Pattern[str] | None = None
    requires: re.Pattern[str] | None = None


def rule(name: str, category: str, language: str, pattern: str, *, unless: str | None = None,
         requires: str | None = None, **flags: bool) -> Rule:
    """Compile a rule; `unless` and `requires` are searched anywhere in the utterance."""
    return Rule(name, category, language, re.compile(pattern), unless=re.compile(unless) if unless else None,
                requires=re.compile(requires) if requires else None, **flags)


@dataclass(frozen=True)
class Match:
    """Where a rule matched: the words heard and the token span they cover."""

    rule: Rule
    heard: str
    first: int
    last: int


def _window(norm: Normalized, index: int, size: int) -> list[str]:
    """Up to `size` words before `index`, stopping at a clause boundary."""
    words: list[str] = []
    position = index
    while position > 0 and len(words) < size:
        if norm.boundary_before[position]:
            break
        position -= 1
        words.append(norm.tokens[position])
    return words


def negated(norm: Normalized, first: int, size: int = 3) -> bool:
    """A negator shortly before the match undoes it, unless someone else is the subject.

    Articles and possessives do not count towards the distance ("not looking for a refund" is as
    close as "not looking for refunds"), and an interjected "no" before the caller's own clause
    ("yeah no I need a person") answers the bot rather than negating the request.
    """
    words = _window(norm, first, size + 6)
    counted = 0
    for offset, word in enumerate(words):
        if word in CLAUSE_JOINS and offset > 0 and words[offset - 1] in SUBJECTS:
            return False  # "it won't clot and my mouth keeps filling up": a new clause, out of the negation's reach
        if word in DETERMINERS:
            continue
        if counted == size:
            break
        counted += 1
        if word in NEGATORS and offset > 0 and words[offset - 1] in NOT_NEGATING:
            return False
        if word == "no" and offset > 0 and words[offset - 1] in INTERJECTED_AFTER:
            return False
        if word in NEGATORS:
            before = words[offset + 1: offset + 3]
            return not any(subject in OTHER_PARTY for subject in before)
    return False


def habitual(norm: Normalized, first: int) -> bool:
    """'I get panic attacks', 'I fainted at my last visit' describe a history, not something happening
    now ('...right now', '...and I still feel faint' is)."""
    if not any(word in HABITUAL for word in _window(norm, first, 4)):
        return bool(PAST.search(norm.text)) and not RECENT.search(norm.text)
    return bool(PAST.search(norm.text)) or not RECENT.search(norm.text)


def reported(norm: Normalized, first: int) -> bool:
    """'she said I need to talk to billing' reports someone else's words."""
    words = _window(norm, first, 5)
    for offset, word in enumerate(words):
        if word in REPORTING:
            subject = words[offset + 1] if offset + 1 < len(words) else ""
            return subject not in FIRST_PERSON
    return False


def imagined(rule_: Rule, norm: Normalized, first: int, heard: str) -> bool:
    """A hypothetical question ('what happens if a patient faints'). Distress rules (no `history`) still
    hear the caller asking about themself: 'what do I do if I feel like ending it' is not idle curiosity."""
    if not hypothetical(norm, first):
        return False
    return rule_.history or not (SELF_WORDS & set(heard.split()))


def clause_start(norm: Normalized, first: int) -> bool:
    return first == 0 or norm.boundary_before[first]


def matches(rule_: Rule, norm: Normalized) -> Iterator[Match]:
    """Every place the rule matches and none of its guards object."""
    for found in rule_.pattern.finditer(norm.text):
        if found.end() == found.start():
            continue
        first = norm.token_at(found.start())
        last = norm.token_at(max(found.start(), found.end() - 1))
        heard = found.group(0)
        if rule_.anchored and not clause_start(norm, first):
            continue
        if rule_.negatable and norm.tokens[first] not in NEGATORS and negated(norm, first):
            continue
        if rule_.inner_negation and any(word in NEGATORS for word in heard.split()):
            continue
        if rule_.habitual and habitual(norm, first):
            continue
        if rule_.now and (past_event(norm, first, last, cues=rule_.history) or imagined(rule_, norm, first, heard)
                          or JOKING.search(norm.text) or settled_after(norm, last)):
            continue
        if rule_.mild and mild(" ".join(norm.tokens[first:last + 4])):
            continue
        if rule_.reported and reported(norm, first):
            continue
        if rule_.unless is not None and rule_.unless.search(norm.text):
            continue
        if rule_.requires is not None and not rule_.requires.search(norm.text):
            continue
        yield Match(rule_, heard, first, last)


def alternation(words: str) -> str:
    """'a|b c|d' -> a non-capturing group, longest alternatives first so regex prefers them."""
    options = sorted({w.strip() for w in words.split("|") if w.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(options) + ")"
