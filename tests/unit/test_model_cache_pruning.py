"""The model cache keeps the most recently used entries of each kind and drops the rest."""
from __future__ import annotations

import os

import numpy as np
import pytest

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
    monkeypatch.setattr("app.nlu.cache_files.KEEP_PER_KIND", 2)
    encoder = CountingEncoder()
    for i, texts in enumerate((["a"], ["b"], ["c"])):
        encode_cached(encoder, texts, tmp_path)
        for path in tmp_path.glob("emb-*"):  # make the order of writes visible to the clock
            os.utime(path, (path.stat().st_mtime - 10, path.stat().st_mtime - 10))
    assert len(list(tmp_path.glob("emb-*"))) == 2
    encode_cached(encoder, ["c"], tmp_path)
    assert encoder.calls == 3  # the newest entry was kept and read


def test_a_failed_write_leaves_no_scratch_file_and_the_old_entry(tmp_path) -> None:
    from app.nlu.cache_files import write_entry

    path = tmp_path / "softmax-abc.npz"
    path.write_bytes(b"old")

    def broken(out) -> None:
        out.write(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_entry(path, broken)
    assert path.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["softmax-abc.npz"]
    write_entry(path, lambda out: out.write(b"new"))
    assert path.read_bytes() == b"new"
