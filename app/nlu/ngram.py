"""Word and character n-gram features: light, language-agnostic, and robust to speech-to-text typos."""
from __future__ import annotations

from typing import Sequence

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from app.nlu.text import fold
from app.nlu.tfidf import TurnTfidf


class NgramFeatures:
    """TF-IDF over word 1-2 grams and character 2-5 grams (within word bounds), fitted on examples."""

    def __init__(self) -> None:
        self._words = TfidfVectorizer(preprocessor=fold, ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=5_000,
                                      token_pattern=r"(?u)\b\w+\b")
        self._chars = TfidfVectorizer(preprocessor=fold, analyzer="char_wb", ngram_range=(2, 5),
                                      sublinear_tf=True, min_df=1, max_features=10_000)

    def fit(self, texts: Sequence[str]) -> "NgramFeatures":
        self._words.fit(texts)
        self._chars.fit(texts)
        self._turn_words, self._turn_chars = TurnTfidf(self._words), TurnTfidf(self._chars)
        return self

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """Rows scaled so the two blocks weigh the same (each block is unit length)."""
        return hstack([self._turn_words.transform(texts), self._turn_chars.transform(texts)]).tocsr() * (0.5 ** 0.5)
