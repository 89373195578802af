"""Multinomial logistic regression fitted with scipy's L-BFGS: seconds for 150 classes x 100 examples."""
from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import issparse, spmatrix
from threadpoolctl import threadpool_limits


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _softmax_in_place(scores: np.ndarray) -> np.ndarray:
    """`softmax` overwriting its input: no temporaries of (examples x classes) on every fit step."""
    scores -= scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores


class SoftmaxRegression:
    """L2-regularised softmax regression over dense or sparse features, with per-sample weights."""

    def __init__(self, c: float = 10.0, max_iter: int = 200) -> None:
        self.c, self.max_iter = c, max_iter
        self.classes_: list[str] = []
        self.coef_ = np.zeros((0, 0), dtype=np.float32)
        self.intercept_ = np.zeros(0, dtype=np.float32)

    def fit(self, features: np.ndarray | spmatrix, labels: Sequence[str],
            weights: np.ndarray | None = None) -> "SoftmaxRegression":
        self.classes_ = sorted(set(labels))
        index = {name: i for i, name in enumerate(self.classes_)}
        y = np.array([index[name] for name in labels])
        n, d, k = features.shape[0], features.shape[1], len(self.classes_)
        rows = np.arange(n)
        w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
        w = (w / w.sum() * n).astype(np.float32)
        x = features.astype(np.float32) if issparse(features) else np.asarray(features, dtype=np.float32)
        # a contiguous transpose: the gradient's product measured 5-15% faster than through a strided view
        xt = x.T.tocsr() if issparse(x) else np.ascontiguousarray(x.T)
        penalty = 1.0 / (self.c * n)

        def loss_grad(flat: np.ndarray) -> tuple[float, np.ndarray]:
            coef = flat[: d * k].reshape(d, k).astype(np.float32)
            scores = np.asarray(x @ coef)
            scores += flat[d * k:].astype(np.float32)
            probs = _softmax_in_place(scores)
            logp = np.log(np.clip(probs[rows, y], 1e-12, None))
            loss = float(-(w * logp).sum() / n + 0.5 * penalty * (coef * coef).sum())
            probs[rows, y] -= 1.0  # probabilities minus the one-hot labels, in place
            probs *= w[:, None]
            delta = probs
            delta /= n
            grad_coef = np.asarray(xt @ delta) + penalty * coef
            return loss, np.concatenate([grad_coef.ravel(), delta.sum(axis=0)]).astype(np.float64)

        # L-BFGS-B's many small BLAS calls get far slower when BLAS spreads them over threads.
        with threadpool_limits(limits=1):
            result = minimize(loss_grad, np.zeros(d * k + k), jac=True, method="L-BFGS-B",
                              options={"maxiter": self.max_iter})
        self.coef_ = result.x[: d * k].reshape(d, k).astype(np.float32)
        self.intercept_ = result.x[d * k:].astype(np.float32)
        return self

    def predict_proba(self, features: np.ndarray | spmatrix) -> np.ndarray:
        return softmax(np.asarray(features @ self.coef_) + self.intercept_)
