"""What the engine asks of language understanding: small protocols, so detectors are swappable.

The engine never loads a model or calls a service itself; it is handed objects that satisfy
these protocols (embedded ones, or language-model ones that fall back to embedded ones).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, Sequence

OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class IntentPrediction:
    """A call type (or OUT_OF_SCOPE) with a confidence in [0, 1] and the runner-up scores."""

    intent: str
    confidence: float
    ranking: tuple[tuple[str, float], ...] = ()
    source: str = "embedded"


class IntentClassifier(Protocol):
    def classify(self, text: str) -> IntentPrediction: ...


@dataclass(frozen=True)
class EscalationHit:
    """An always-escalate category recognised in an utterance, with the evidence for the brief."""

    category: str
    evidence: str
    language: str = "en"
    score: float = 1.0


class EscalationDetector(Protocol):
    def detect(self, text: str, language: str, *, partial: bool = False) -> EscalationHit | None:
        """Return the first always-escalate category the text asks for, or None.

        With partial=True the text is an unfinished transcript; detectors should only fire on
        evidence that cannot be undone by the rest of the sentence.
        """
        ...

    def is_question_about_bot(self, text: str, language: str) -> bool:
        """'Are you a human?' asked out of curiosity: answered honestly, not escalated."""
        ...


class SentimentScorer(Protocol):
    def score(self, text: str) -> float:
        """Compound sentiment in [-1, 1]; below the configured threshold escalates."""
        ...


@dataclass(frozen=True)
class KnowledgeMatch:
    entry_id: str
    score: float


class KnowledgeRetriever(Protocol):
    def retrieve(self, text: str, language: str) -> Sequence[KnowledgeMatch]:
        """Knowledge entries ranked best first; the engine answers only above its threshold."""
        ...


class LanguageDetector(Protocol):
    def detect(self, text: str, current: str | None = None) -> str:
        """'en' or 'es' for an utterance; `current` when the words do not tell (a name, "okay")."""
        ...


@dataclass
class Understanding:
    """The bundle of detectors an engine is built with."""

    classifier: IntentClassifier
    escalation: EscalationDetector
    sentiment: SentimentScorer
    knowledge: KnowledgeRetriever
    language: LanguageDetector
    knowledge_threshold: float = 0.35
    notes: dict[str, str] = field(default_factory=dict)
