"""Small, predictable detectors for engine tests (the real ones are tested on their own)."""
from __future__ import annotations

from dataclasses import dataclass, field

from app.engine.understanding import (
    OUT_OF_SCOPE, EscalationHit, IntentPrediction, KnowledgeMatch, Understanding,
)


@dataclass
class KeywordClassifier:
    keywords: dict[str, str] = field(default_factory=lambda: {
        "book": "book_appointment", "appointment": "book_appointment", "reschedule": "reschedule_appointment",
        "move": "reschedule_appointment", "cancel": "cancel_appointment", "hours": "office_question",
        "parking": "office_question", "insurance": "office_question", "late": "running_late",
        "acupuncture": "office_question", "cita": "book_appointment",
    })

    def classify(self, text: str) -> IntentPrediction:
        lowered = text.lower()
        for word, intent in self.keywords.items():
            if word in lowered:
                return IntentPrediction(intent, 0.9)
        if "pizza" in lowered or "weather" in lowered:
            return IntentPrediction(OUT_OF_SCOPE, 0.9)
        return IntentPrediction(OUT_OF_SCOPE, 0.2)


class PhraseDetector:
    phrases = {"real person": "human_request", "can't breathe": "safety", "lawyer": "legal", "persona": "human_request"}

    def detect(self, text: str, language: str, *, partial: bool = False) -> EscalationHit | None:
        for phrase, category in self.phrases.items():
            if phrase in text.lower():
                return EscalationHit(category, phrase, language)
        return None

    def is_question_about_bot(self, text: str, language: str) -> bool:
        return "are you a robot" in text.lower()


class FixedSentiment:
    def score(self, text: str) -> float:
        return -0.9 if "furious" in text.lower() else 0.0


class KeywordKnowledge:
    def retrieve(self, text: str, language: str) -> list[KnowledgeMatch]:
        for entry in ("hours", "parking", "insurance"):
            if entry in text.lower():
                return [KnowledgeMatch(entry, 0.9)]
        return [KnowledgeMatch("hours", 0.1)]


class WordLanguage:
    def detect(self, text: str, current: str | None = None) -> str:
        return "es" if any(w in text.lower().split() for w in ("quiero", "una", "cita", "hola")) else "en"


def fake_understanding() -> Understanding:
    return Understanding(KeywordClassifier(), PhraseDetector(), FixedSentiment(), KeywordKnowledge(), WordLanguage())
