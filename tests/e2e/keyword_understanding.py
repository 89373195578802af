"""A plain word-overlap Understanding for serving tests when the NLU package is not installed."""
from __future__ import annotations

import re
from typing import Any

from app.engine.understanding import EscalationHit, IntentPrediction, OUT_OF_SCOPE, Understanding


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


class _Classifier:
    def __init__(self, flows: Any) -> None:
        self.examples = {name: [words(e) for e in ct.examples] for name, ct in flows.call_types.items()}

    def classify(self, text: str) -> IntentPrediction:
        said = words(text)
        scores = {name: max((len(said & ex) / max(1, len(ex)) for ex in exs), default=0.0)
                  for name, exs in self.examples.items()}
        best = max(scores, key=scores.get) if scores else OUT_OF_SCOPE
        score = scores.get(best, 0.0)
        return IntentPrediction(best, min(1.0, score * 1.5)) if score >= 0.3 else IntentPrediction(OUT_OF_SCOPE, 0.6)


BUILT_IN = {"human_request": ["real person", "live person", "a human", "a person", "talk to someone",
                             "speak to someone", "operator", "representative", "receptionist", "front desk"]}


class _Escalation:
    def __init__(self, flows: Any) -> None:
        self.categories = flows.escalation.categories

    def detect(self, text: str, language: str, *, partial: bool = False) -> EscalationHit | None:
        said = " " + " ".join(re.findall(r"[a-z']+", text.lower())) + " "
        for name, category in self.categories.items():
            phrases = category.match.get(language) or category.match.get("en")
            listed = (list(phrases.phrases) if phrases else []) + BUILT_IN.get(name, [])
            for phrase in listed:
                if f" {phrase.lower()} " in said:
                    return EscalationHit(name, phrase, language)
        return None

    def is_question_about_bot(self, text: str, language: str) -> bool:
        return False


class _Zero:
    def score(self, text: str) -> float:
        return 0.0

    def retrieve(self, text: str, language: str) -> list:
        return []

    def detect(self, text: str, current: str | None = None) -> str:
        return current or "en"


def keyword_understanding(flows: Any) -> Understanding:
    zero = _Zero()
    return Understanding(classifier=_Classifier(flows), escalation=_Escalation(flows), sentiment=zero,
                         knowledge=zero, language=zero)
