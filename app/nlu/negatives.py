"""Generic off-topic requests that train the "other" class, minus any that the flows actually cover."""
from __future__ import annotations

from importlib import resources
from typing import Sequence

import numpy as np

OTHER = "__other__"


def generic_negatives() -> list[str]:
    """The shipped list (app/nlu/data/negatives.txt), one utterance a line, comments skipped."""
    text = resources.files("app.nlu").joinpath("data/negatives.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def keep_unlike(negative_vecs, example_vecs, limit: float) -> np.ndarray:
    """Indices of negatives whose best cosine to any call-type example stays below `limit`."""
    if negative_vecs.shape[0] == 0 or example_vecs.shape[0] == 0:
        return np.arange(len(negative_vecs))
    best = np.zeros(negative_vecs.shape[0], dtype=np.float32)
    for start in range(0, example_vecs.shape[0], 4096):
        block = negative_vecs @ example_vecs[start:start + 4096].T
        block = block.toarray() if hasattr(block, "toarray") else np.asarray(block)
        best = np.maximum(best, block.max(axis=1))
    return np.flatnonzero(best < limit)  # rows are unit length, so the product is the cosine


def dedupe(texts: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in texts if t and t.strip()))
