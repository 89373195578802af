"""Fitted softmax weights kept on disk, keyed by a hash of everything the fit depends on.

A worker fits the call-type detector at every start (the sentence and n-gram views, plus the
refits behind the scope combiner): seconds of CPU per worker, and every gunicorn worker does it at
once. The fit is deterministic, so the same examples, negatives, features and settings give the
same weights: the first start stores them and later starts (other workers, restarts, tests) load
them in milliseconds. Any change to the inputs is a new key, so a stale entry is never read.
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Sequence

import numpy as np
import scipy
from scipy.sparse import issparse, spmatrix

from .cache_files import KEEP_PER_KIND, touch, write_entry
from .softmax import SoftmaxRegression

log = logging.getLogger(__name__)
FIT_VERSION = "softmax-lbfgs-1"
"""Part of every key: change it when SoftmaxRegression.fit itself changes."""


def fingerprint(model: SoftmaxRegression, features: np.ndarray | spmatrix, labels: Sequence[str],
                weights: np.ndarray | None) -> str:
    digest = hashlib.sha256(f"{FIT_VERSION}|{scipy.__version__}|{model.c!r}|{model.max_iter}".encode())
    if issparse(features):
        matrix = features.tocsr()
        digest.update(f"csr{matrix.shape}".encode())
        for part in (matrix.data.astype(np.float32), matrix.indices, matrix.indptr):
            digest.update(np.ascontiguousarray(part).tobytes())
    else:
        array = np.ascontiguousarray(features, dtype=np.float32)
        digest.update(f"dense{array.shape}".encode())
        digest.update(array.tobytes())
    digest.update("\x00".join(labels).encode("utf-8"))
    if weights is not None:
        digest.update(np.ascontiguousarray(weights, dtype=np.float64).tobytes())
    return digest.hexdigest()[:24]


def fit_cached(model: SoftmaxRegression, features: np.ndarray | spmatrix, labels: Sequence[str],
               weights: np.ndarray | None = None, cache_dir: Path | None = None) -> SoftmaxRegression:
    """`model.fit(...)`, or the weights an earlier identical fit stored under `cache_dir`."""
    if cache_dir is None:
        return model.fit(features, labels, weights)
    labels = [str(label) for label in labels]
    path = Path(cache_dir) / f"softmax-{fingerprint(model, features, labels, weights)}.npz"
    if path.is_file():
        try:
            with np.load(path, allow_pickle=False) as saved:
                classes, coef, intercept = [str(c) for c in saved["classes"]], saved["coef"], saved["intercept"]
            if classes == sorted(set(labels)) and coef.shape == (features.shape[1], len(classes)):
                model.classes_, model.coef_, model.intercept_ = classes, coef, intercept
                touch(path)
                return model
            log.warning("ignoring a fitted-model cache entry that does not match its inputs: %s", path)
        except (OSError, ValueError, KeyError):
            log.warning("ignoring unreadable fitted-model cache %s", path)
    model.fit(features, labels, weights)
    try:
        write_entry(path, lambda out: np.savez(out, classes=np.array(model.classes_, dtype=str), coef=model.coef_,
                                               intercept=model.intercept_),
                    keep=4 * KEEP_PER_KIND)  # a detector stores several fits
    except OSError as exc:
        log.warning("could not write the fitted-model cache (%s)", exc)
    return model
