"""What the loaded flows teach a recogniser: names and terms to prompt with, phrases to spot."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.flows.schema import localize



@dataclass(frozen=True)
class EscalationPhrase:
    phrase: str
    category: str
    language: str


# Requests for a person that are unambiguous on their own, so a spotter may act on them mid-sentence.
BUILTIN_SPOT_PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        "real person", "live person", "actual person", "human being", "a human", "talk to someone",
        "speak to someone", "talk to a person", "speak to a person", "speak with someone",
        "representative", "operator", "receptionist", "front desk", "live agent", "not a robot",
    ),
}


def escalation_phrases(flows: Any, language: str = "en") -> list[EscalationPhrase]:
    """Phrases safe to act on before the sentence ends: built-in person requests, plus every flows
    phrase in a category marked `partial: true` (patterns are regexes, so they are left out)."""
    out = [EscalationPhrase(p, "human_request", language) for p in BUILTIN_SPOT_PHRASES.get(language, ())]
    for category, spec in flows.escalation.categories.items():
        phrase_set = spec.match.get(language)
        if not phrase_set or not getattr(phrase_set, "partial", True):
            continue
        for phrase in phrase_set.phrases:
            out.append(EscalationPhrase(" ".join(phrase.lower().split()), category, language))
    return list({p.phrase: p for p in out}.values())


def vocabulary_terms(flows: Any) -> list[str]:
    """Proper names a general model is likely to misspell: the business and its staff."""
    terms: list[str] = [flows.business.name]
    staff = getattr(flows.staff, "members", None) or getattr(flows.staff, "staff", None) or []
    items = staff.values() if isinstance(staff, dict) else staff
    for member in items:
        name = getattr(member, "name", None)
        if name:
            terms.append(str(name))
    return list(dict.fromkeys(terms))


def transcription_prompt(flows: Any, language: str = "en", limit: int = 400) -> str:
    """A short natural prompt for Whisper-style models: it biases spelling, not content."""
    business = flows.business
    terms = [t for t in vocabulary_terms(flows) if t != business.name]
    greeting = localize(business.messages.greeting, language) or ""
    text = greeting.replace("{business}", business.name)
    if terms:
        text += " " + ", ".join(terms[:40]) + "."
    return text[:limit]
