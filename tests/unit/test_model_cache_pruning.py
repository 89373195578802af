"""The model cache keeps the most recently used entries of each kind and drops the rest."""
from __future__ import annotations

import os

import numpy as np

from app.nlu.cache import encode_cached
from app.nlu.cache_files import prune, touch


def _entries(tmp_path, prefix: str, count: int) -> list:
    paths = []
    for i in range(count):
        path = tmp_path / f"{prefix}{i}.npy"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # entry i was last used at second i
        paths.append(path)
    return paths


def test_prune_keeps_the_most_recently_used_of_one_kind_only(tmp_path) -> None:
    old, middle, new = _entries(tmp_path, "emb-", 3)
    other = _entries(tmp_path, "softmax-", 1)[0]
    touch(old)  # read just now: the most recent
    assert prune(tmp_path, "emb-", keep=2) == 1
    assert old.exists() and new.exists() and not middle.exists()
    assert other.exists()


class CountingEncoder:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        return np.ones((len(texts), 4), dtype=np.float32)


def test_writing_an_embedding_entry_prunes_the_oldest(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("app.nlu.cache.prune", lambda directory, prefix: prune(directory, prefix, keep=2))
    encoder = CountingEncoder()
    for i, texts in enumerate((["a"], ["b"], ["c"])):
        encode_cached(encoder, texts, tmp_path)
        for path in tmp_path.glob("emb-*"):  # make the order of writes visible to the clock
            os.utime(path, (path.stat().st_mtime - 10, path.stat().st_mtime - 10))
    assert len(list(tmp_path.glob("emb-*"))) == 2
    encode_cached(encoder, ["c"], tmp_path)
    assert encoder.calls == 3  # the newest entry was kept and read
