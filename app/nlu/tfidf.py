"""TF-IDF rows for the few texts of one caller turn, from a fitted TfidfVectorizer's public state.

`TfidfVectorizer.transform` validates its input and output on every call (parameter checks, finite
checks, dataframe detection): for one utterance those checks cost about twice the counting itself,
and every turn transforms the utterance three times (call types, knowledge, escalation). This
computes the same rows (counts of the analyzer's terms that are in the vocabulary, sublinear tf,
idf, normalisation) with numpy; large batches (fitting, benchmarks) still go through scikit-learn.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Sequence

import numpy as np
from scipy.sparse import csr_matrix

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

SMALL_BATCH = 8
"""Up to this many texts take the direct path; beyond it scikit-learn's overhead is spread thin."""


class TurnTfidf:
    """`transform(texts)` equal to the fitted vectorizer's own (tested against it)."""

    def __init__(self, vectorizer: "TfidfVectorizer") -> None:
        self.vectorizer = vectorizer
        self._analyze = vectorizer.build_analyzer()
        # fitted, or restored from a saved vocabulary (then only the constructor's `vocabulary` is set)
        self._vocabulary: dict[str, int] = getattr(vectorizer, "vocabulary_", None) or dict(vectorizer.vocabulary)
        self._idf = np.asarray(vectorizer.idf_, dtype=np.float64) if vectorizer.use_idf else None
        self._shape_columns = len(self._vocabulary)

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        if len(texts) > SMALL_BATCH:
            return self.vectorizer.transform(texts)
        vectorizer, vocabulary = self.vectorizer, self._vocabulary
        indptr, indices, values = [0], [], []
        for text in texts:
            counts = Counter(column for column in map(vocabulary.get, self._analyze(text)) if column is not None)
            columns = np.fromiter(sorted(counts), dtype=np.int32, count=len(counts))
            row = np.fromiter((counts[c] for c in columns.tolist()), dtype=np.float64, count=len(counts))
            if vectorizer.binary:
                row[:] = 1.0
            if vectorizer.sublinear_tf:
                row = np.log(row) + 1.0
            if self._idf is not None:
                row *= self._idf[columns]
            if vectorizer.norm == "l2":
                length = float(np.sqrt(np.dot(row, row)))
                if length > 0:
                    row /= length
            elif vectorizer.norm == "l1":
                length = float(np.abs(row).sum())
                if length > 0:
                    row /= length
            indices.append(columns)
            values.append(row)
            indptr.append(indptr[-1] + len(columns))
        data = np.concatenate(values) if values else np.zeros(0)
        columns = np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32)
        return csr_matrix((data.astype(vectorizer.dtype, copy=False), columns, np.asarray(indptr, dtype=np.int32)),
                          shape=(len(texts), self._shape_columns))
