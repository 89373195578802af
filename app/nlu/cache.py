"""Embeddings of a fixed example set kept on disk, keyed by a hash of the model and the texts."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Sequence

import numpy as np

from app.nlu.cache_files import touch, write_entry
from app.nlu.encoder import SentenceEncoder

log = logging.getLogger(__name__)


def _key(model: str, texts: Sequence[str]) -> str:
    digest = hashlib.sha256(model.encode())
    for text in texts:
        digest.update(b"\x00" + text.encode("utf-8"))
    return digest.hexdigest()[:24]


def encode_cached(encoder: SentenceEncoder, texts: Sequence[str], cache_dir: Path | None) -> np.ndarray:
    """Encode texts, reusing a previous run's vectors for the very same texts when a cache is given."""
    if cache_dir is None:
        return encoder.encode(texts)
    path = Path(cache_dir) / f"emb-{_key(encoder.name, texts)}.npy"
    if path.is_file():
        try:
            vectors = np.load(path)
            if vectors.shape[0] == len(texts):
                touch(path)
                return vectors
        except (OSError, ValueError):
            log.warning("ignoring unreadable embedding cache %s", path)
    vectors = encoder.encode(texts)
    try:
        write_entry(path, lambda out: np.save(out, vectors))
    except OSError as exc:
        log.warning("could not write the embedding cache (%s)", exc)
    return vectors
