"""Recently computed sentence vectors, so one utterance is encoded once per turn, not once per detector.

The call-type detector, the semantic escalation layer and knowledge retrieval all look at the same
caller utterance; sharing the encoder's memo makes the second and third look free.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np


class VectorMemo:
    """A thread-safe least-recently-used map from text to its vector."""

    def __init__(self, capacity: int = 4096) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        """The remembered vector for each text, or None."""
        with self._lock:
            found = []
            for text in texts:
                vector = self._items.get(text)
                if vector is not None:
                    self._items.move_to_end(text)
                found.append(vector)
            return found

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        with self._lock:
            for text, vector in zip(texts, vectors):
                self._items[text] = vector
                self._items.move_to_end(text)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def encode(self, texts: Sequence[str], compute: Callable[[list[str]], np.ndarray], width: int) -> np.ndarray:
        """Vectors for `texts`, computing (in one batch) only the ones not seen recently."""
        out = np.zeros((len(texts), width), dtype=np.float32)
        known = self.lookup(texts)
        missing = list(dict.fromkeys(t for t, v in zip(texts, known) if v is None))
        fresh = dict(zip(missing, compute(missing))) if missing else {}
        if missing:
            self.remember(missing, np.stack([fresh[t] for t in missing]))
        for row, (text, vector) in enumerate(zip(texts, known)):
            out[row] = vector if vector is not None else fresh[text]
        return out
