"""The always-escalate detector: built-in grammar plus the operator's phrases, patterns and exclusions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from app.engine.understanding import EscalationHit
from app.flows.schema.escalation import ALWAYS_ESCALATE, EscalationPolicy, PhraseSet

from . import clinical, distress, guardianship, hazards, human, triage
from .bare import bare_request, question_about_bot, unmistakable
from .framing import HYPOTHETICAL, JOKING, MILD, PAST, RECENT, RESOLVED, SETTLED_AFTER
from .normalize import Normalized, normalize, normalize_text
from .rules import DENIAL, NEGATORS, Match, Rule, matches, negated, rule

# When one utterance carries several categories, the most urgent one routes the call.
PRIORITY = ("safety", "mental_health", "minors", "legal", "human_request")
STAFF_DETERMINERS = frozenset({"the", "el", "la", "los", "las"})
"""Before 'attorney' or 'abogado': the lawyer on the caller's case ('my lawyer' is the caller's own,
and 'your lawyer', said to a business, is usually a threat)."""
LANGUAGES = ("en", "es")


def builtin_rules(people: dict[str, Sequence[str]] | None = None) -> list[Rule]:
    """Every built-in rule, English and Spanish; `people` adds person nouns per language."""
    people = people or {}
    return [
        *human.english_rules(people.get("en", ())), *human.spanish_rules(people.get("es", ())),
        *human.mixed_rules([*people.get("en", ()), *people.get("es", ())]),
        *clinical.english_rules(), *clinical.spanish_rules(),
        *triage.english_rules(), *triage.spanish_rules(), *hazards.english_rules(), *hazards.spanish_rules(),
        *distress.english_rules(), *distress.spanish_rules(),
        *guardianship.english_rules(), *guardianship.spanish_rules(),
    ]


def literal_words(text: str) -> str:
    """`text` normalised, as a regex matching exactly those words (single spaces between them)."""
    return re.escape(normalize_text(text)).replace(r"\ ", " ")


def phrase_pattern(phrase: str) -> str:
    """A whole-word, normalised form of an operator phrase."""
    words = literal_words(phrase)
    if not words:
        raise ValueError(f"escalation phrase {phrase!r} is empty after normalisation")
    return r"\b" + words + r"\b"


def operator_rules(category: str, language: str, phrases: PhraseSet, source: str) -> list[Rule]:
    """The operator's phrases (negation-aware) and patterns for one category and language."""
    rules = [rule(f'phrase "{p}"', category, language, phrase_pattern(p), strong=phrases.partial) for p in phrases.phrases]
    rules += [rule(f"pattern /{p}/", category, language, p, strong=phrases.partial) for p in phrases.patterns]
    return [Rule(**{**r.__dict__, "source": source}) for r in rules]


def asked_for_their_lawyer(found: list[Match], norm: Normalized) -> list[Match]:
    """At a law office the attorney is staff: "can I speak to the attorney handling my case" asks for
    a person. A lawyer mention that only a request for a person contains, and that names the lawyer
    with "the" (not "my" or "your lawyer"), is not a legal threat; lawsuits and the rest still are."""
    asked = [m for m in found if m.rule.category == "human_request"]
    if not asked:
        return found

    def staff_lawyer(match: Match) -> bool:
        return (match.rule.category == "legal" and not match.rule.strong and match.first > 0
                and norm.tokens[match.first - 1] in STAFF_DETERMINERS and match.first == match.last
                and any(h.first <= match.first and match.last <= h.last for h in asked))

    return [m for m in found if not staff_lawyer(m)]


@dataclass
class PolicyEscalationDetector:
    """Satisfies EscalationDetector: deterministic, explainable, editable through escalation.yaml."""

    rules: list[Rule]
    excludes: dict[str, list[Rule]]
    bare_requests: bool = True
    someone: re.Pattern[str] = field(default_factory=human.someone_pattern)

    def candidates(self, norm: Normalized, *, partial: bool) -> list[Match]:
        """All rule matches that survive their guards, the partial filter and the exclusions."""
        found: list[Match] = []
        curious = question_about_bot(norm)
        for rule_ in self.rules:
            if (partial and not rule_.strong) or (curious and rule_.not_in_bot_question):
                continue
            for match in matches(rule_, norm):
                if not self.excluded(match, norm):
                    found.append(match)
        return found

    def excluded(self, match: Match, norm: Normalized) -> bool:
        """An operator look-alike that overlaps the match cancels it."""
        for rule_ in self.excludes.get(match.rule.category, ()):
            for found in rule_.pattern.finditer(norm.text):
                first = norm.token_at(found.start())
                last = norm.token_at(max(found.start(), found.end() - 1))
                if first <= match.last and match.first <= last:
                    return True
        return False

    def detect(self, text: str, language: str, *, partial: bool = False) -> EscalationHit | None:
        """The most urgent always-escalate category the caller asks for, with the evidence."""
        norm = normalize(text)
        if not norm.tokens:
            return None
        found = self.candidates(norm, partial=partial)
        if not found and self.bare_requests:
            heard = bare_request(norm)
            if heard is not None and partial and not unmistakable(norm):
                heard = None  # 'receptionist' may yet become 'receptionist said...'
            if heard is not None and not question_about_bot(norm):
                return EscalationHit("human_request", f'asked only for a person (built-in): "{heard}"',
                                     language if language in LANGUAGES else "en", 0.8)
        found = asked_for_their_lawyer(found, norm)
        if not found:
            return None
        best = min(found, key=lambda m: (PRIORITY.index(m.rule.category), m.rule.language != language, m.first))
        evidence = f'{best.rule.name} ({best.rule.source}, {best.rule.language}): "{best.heard}"'
        return EscalationHit(best.rule.category, evidence, best.rule.language, 1.0 if best.rule.strong else 0.9)

    def is_question_about_bot(self, text: str, language: str) -> bool:
        """'Are you a human?' out of curiosity: answered honestly rather than escalated."""
        return question_about_bot(normalize(text))

    def mentions_exclusion(self, text: str, category: str) -> bool:
        """The utterance holds one of the operator's look-alikes for the category ("chief complaint").

        Rules apply exclusions to the words they matched; other detectors, which match no words,
        ask this instead.
        """
        norm = normalize(text)
        return any(rule_.pattern.search(norm.text) for rule_ in self.excludes.get(category, ()))

    def mentions_someone(self, text: str) -> bool:
        """A person, a role, talking or transferring is named: what any request for a person carries."""
        return bool(self.someone.search(normalize(text).text))

    def settled(self, text: str, language: str) -> bool:
        """'I had a reaction years ago', 'it's fine now', 'what do I do if he ever swallows a battery',
        'it bled a little': the utterance describes something over, imagined, joked about or mild.

        The rules check this per match (the history, `now` and `mild` guards); other detectors, which
        match no words, ask it of the whole utterance.
        """
        norm = normalize(text)
        if RESOLVED.search(norm.text) or (PAST.search(norm.text) and not RECENT.search(norm.text)):
            return True
        return any(pattern.search(norm.text) for pattern in (HYPOTHETICAL, JOKING, SETTLED_AFTER, MILD))

    def declined(self, text: str, language: str) -> bool:
        """'I don't need a person', 'no quiero un reembolso', 'I'm not in any danger': a rule's words,
        explicitly negated, or the caller saying outright that nothing is wrong.

        Other detectors (the semantic layer) must not read these as requests.
        """
        norm = normalize(text)
        if DENIAL.search(norm.text):
            return True
        for rule_ in self.rules:
            if not rule_.negatable:
                continue
            for found in rule_.pattern.finditer(norm.text):
                first = norm.token_at(found.start())
                if norm.tokens and (norm.tokens[first] in NEGATORS or negated(norm, first)):
                    return True
        return False


def _people(policy: EscalationPolicy, extra: Iterable[str]) -> dict[str, list[str]]:
    """Person nouns per language: the operator's `people` lists plus names given by the caller of build."""
    names: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    category = policy.categories.get("human_request")  # type: ignore[call-overload]
    if category is not None:
        for lang, phrases in category.match.items():
            names.setdefault(lang, []).extend(literal_words(p) for p in phrases.people)
    for name in extra:
        words = literal_words(name)
        if words:
            for lang in names:
                names[lang].append(words)
    return names


def build_escalation_detector(policy: EscalationPolicy, *, people: Iterable[str] = ()) -> PolicyEscalationDetector:
    """Compile the policy: built-in rules for categories that keep them, then the operator's additions."""
    people_by_language = _people(policy, people)
    builtin = builtin_rules(people_by_language)
    rules: list[Rule] = []
    excludes: dict[str, list[Rule]] = {}
    bare = False
    for category_name in ALWAYS_ESCALATE:
        category = policy.categories.get(category_name)  # type: ignore[call-overload]
        if category is None:
            continue
        if category.builtin:
            rules += [r for r in builtin if r.category == category_name]
            bare = bare or category_name == "human_request"
        for language, phrases in category.match.items():
            rules += operator_rules(category_name, language, phrases, "escalation.yaml")
        for language, phrases in category.exclude.items():
            excludes.setdefault(category_name, []).extend(
                operator_rules(category_name, language, phrases, "escalation.yaml exclude"))
    people_everywhere = [name for names in people_by_language.values() for name in names]
    return PolicyEscalationDetector(rules, excludes, bare, human.someone_pattern(people_everywhere))
