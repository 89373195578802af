"""Knowledge retrieval: which knowledge entry answers a caller's question, scored so the engine can refuse.

An entry's score is a similarity (sentence vectors when available, else character n-grams, against
the entry's questions) times the share of the caller's content words the entry covers (its questions,
keywords and answers in every language). "How much is a root canal" resembles "how much is a cleaning"
but mentions something no entry covers, so it scores low and the caller is offered a person instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from app.engine.understanding import KnowledgeMatch
from app.nlu.encoder import SentenceEncoder
from app.nlu.text import fold
from app.nlu.tfidf import TurnTfidf
from app.nlu.words import content_stems


def _texts(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value.values()]


@dataclass
class _Entry:
    id: str
    questions: list[str]
    vocabulary: set[str]


class KnowledgeIndex:
    """Satisfies KnowledgeRetriever; `retrieve` returns every entry with a score above zero, best first."""

    def __init__(self, entries: Sequence[_Entry], encoder: SentenceEncoder | None = None) -> None:
        self._entries = list(entries)
        self._owner = np.array([i for i, e in enumerate(self._entries) for _ in e.questions])
        questions = [q for e in self._entries for q in e.questions]
        self._chars = TfidfVectorizer(preprocessor=fold, analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
        self._char_matrix = self._chars.fit_transform(questions)
        self._turn_chars = TurnTfidf(self._chars)
        self._encoder = encoder
        self._vectors = encoder.encode(questions) if encoder is not None else None

    def _similarity(self, text: str) -> np.ndarray:
        """Best similarity of the text to each entry's questions."""
        per_question = (self._char_matrix @ self._turn_chars.transform([text]).T).toarray().ravel()
        if self._encoder is not None and self._vectors is not None:
            per_question = np.maximum(per_question, self._vectors @ self._encoder.encode([text])[0])
        best = np.zeros(len(self._entries), dtype=np.float32)
        np.maximum.at(best, self._owner, per_question.astype(np.float32))
        return np.clip(best, 0.0, 1.0)

    def retrieve(self, text: str, language: str = "en") -> list[KnowledgeMatch]:
        words = content_stems(text or "")
        if not words:
            return []
        similarity = self._similarity(text)
        matches = []
        for entry, sim in zip(self._entries, similarity):
            coverage = len(words & entry.vocabulary) / len(words)
            score = float(sim) * coverage
            if score > 0:
                matches.append(KnowledgeMatch(entry.id, round(score, 4)))
        return sorted(matches, key=lambda m: -m.score)


def build_knowledge_retriever(knowledge, encoder: SentenceEncoder | None = None) -> KnowledgeIndex:
    """Index a flows Knowledge model (or anything with `.entries` of id/questions/keywords/answer)."""
    entries = []
    for entry in knowledge.entries:
        questions = list(entry.questions) + list(entry.keywords or [])
        vocabulary: set[str] = set()
        for text in questions + _texts(entry.answer):
            vocabulary |= content_stems(text)
        entries.append(_Entry(entry.id, list(entry.questions), vocabulary))
    if not entries:
        raise ValueError("the knowledge file has no entries; add at least one to answer office questions")
    return KnowledgeIndex(entries, encoder)
