"""The encoder's memo: each text is computed once while it is recent, in one batch, in the caller's order."""
from __future__ import annotations

import threading

import numpy as np

from app.nlu.vector_memo import VectorMemo


class CountingCompute:
    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return np.array([[len(t), ord(t[0])] for t in texts], dtype=np.float32)


def test_repeated_texts_are_computed_once_and_order_is_kept():
    memo, compute = VectorMemo(), CountingCompute()
    first = memo.encode(["hello", "hi", "hello"], compute, 2)
    second = memo.encode(["hi", "hey", "hello"], compute, 2)
    assert compute.batches == [["hello", "hi"], ["hey"]]
    assert first[:, 0].tolist() == [5, 2, 5]
    assert second[:, 0].tolist() == [2, 3, 5]


def test_least_recently_used_text_is_forgotten_first():
    memo, compute = VectorMemo(capacity=2), CountingCompute()
    memo.encode(["a", "b"], compute, 2)
    memo.encode(["a"], compute, 2)  # "a" is now the most recent
    memo.encode(["c"], compute, 2)  # evicts "b"
    memo.encode(["a", "b"], compute, 2)
    assert compute.batches[-1] == ["b"]


def test_returned_rows_are_copies():
    memo, compute = VectorMemo(), CountingCompute()
    out = memo.encode(["abc"], compute, 2)
    out[0, 0] = -1
    assert memo.encode(["abc"], compute, 2)[0, 0] == 3


def test_concurrent_use_gives_consistent_vectors():
    memo, compute = VectorMemo(capacity=50), CountingCompute()
    texts = [f"utterance {i}" for i in range(200)]
    errors: list[str] = []

    def work(offset: int) -> None:
        for start in range(offset, len(texts), 7):
            row = memo.encode([texts[start]], compute, 2)[0]
            if row[0] != len(texts[start]):
                errors.append(texts[start])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
