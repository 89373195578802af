"""Sentence embeddings on the CPU: the exported MiniLM run by onnxruntime, tokenized by `tokenizers`."""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from app.nlu.model_files import MODEL_NAME, packaged_model_dir, weights_fingerprint
from app.nlu.vector_memo import VectorMemo

log = logging.getLogger(__name__)
MAX_TOKENS = 64
WIDTH = 384
# Measured on the 2-core machine (3,000 CLINC sentences, sorted by token count): batches of 8 to 32 cost
# about the same CPU, 64 costs 15% more and 128 to 256 a third more (larger activations fall out of cache).
BATCH_SIZE = 32


class SentenceEncoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


class OnnxSentenceEncoder:
    """MiniLM sentence vectors from an ONNX file; batches are sorted by length to keep padding low."""

    def __init__(self, onnx_path: Path, tokenizer_path: Path, *, threads: int = 1, batch_size: int = BATCH_SIZE) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: on a busy machine (other calls, other workers)
        # spinning burns the cores the busy threads need; measured 2.5x faster wall time at load 6.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # shape-merge notices from the hand-built graph are harmless
        self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.no_padding()  # the shipped tokenizer pads every input to 128 tokens
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._batch_size = batch_size
        self._memo = VectorMemo()
        self.name = f"{MODEL_NAME} (onnx int8)"

    def _run(self, encodings: Sequence) -> np.ndarray:
        """One batch of tokenized texts, padded to the longest of them."""
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        return self._session.run(["embedding"], {"input_ids": ids, "attention_mask": mask})[0]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t if t and t.strip() else "." for t in texts]
        if not texts:
            return np.zeros((0, WIDTH), dtype=np.float32)
        return self._memo.encode(texts, self._encode_all, WIDTH)

    def _encode_all(self, texts: list[str]) -> np.ndarray:
        """Tokenized once, then fewest tokens first in batches, so a batch pads to almost nothing.

        Sorting by token count rather than characters matters: names and numbers split into many
        word pieces, and sorting CLINC150's examples by characters left 24% of the tokens as padding
        (0.5% by token count).
        """
        out = np.zeros((len(texts), WIDTH), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), self._batch_size):
            chunk = order[start : start + self._batch_size]
            out[chunk] = self._run([encodings[i] for i in chunk])
        return out


def exported_model_path(cache_dir: Path, model_dir: Path) -> Path:
    return cache_dir / f"minilm-l6-{weights_fingerprint(model_dir)}-int8.onnx"


_LOADED: dict[Path, SentenceEncoder] = {}
_LOCK = threading.Lock()


def load_sentence_encoder(cache_dir: Path, *, threads: int | None = None) -> SentenceEncoder | None:
    """The packaged MiniLM as an ONNX encoder (exported on first use), or None when it cannot run here.

    One encoder per exported file is kept for the process, shared by every detector that asks.
    """
    with _LOCK:
        return _load(Path(cache_dir), threads or min(2, os.cpu_count() or 1))


def _load(cache_dir: Path, threads: int) -> SentenceEncoder | None:
    model_dir = packaged_model_dir()
    if model_dir is None:
        log.info("sentence model package %s not installed; using n-grams only", MODEL_NAME)
        return None
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        log.info("onnxruntime or tokenizers missing; using n-grams only")
        return None
    target = exported_model_path(Path(cache_dir), model_dir)
    if target in _LOADED:
        return _LOADED[target]
    if not target.is_file():
        from app.nlu.onnx_export import ExportError, export_int8

        try:
            export_int8(model_dir, target)
        except (ExportError, OSError, ValueError) as exc:
            log.warning("could not export the sentence model (%s); using n-grams only", exc)
            return None
    try:
        encoder = OnnxSentenceEncoder(target, model_dir / "tokenizer.json", threads=threads)
    except Exception as exc:  # a corrupt or foreign file: export again next time, n-grams for now
        log.warning("could not load %s (%s); removing it, using n-grams only", target, exc)
        target.unlink(missing_ok=True)
        return None
    _LOADED[target] = encoder
    return encoder
