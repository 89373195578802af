"""A linear classifier over sentence vectors that tells escalations from the look-alikes around them.

Nearest-example matching only asks "which sentence is this closest to?", so a caller who names the
receptionist or a refund sits near the escalation examples whatever they mean. A logistic
regression trained on the escalation examples *and* the ordinary ones learns which directions of
the sentence space separate them (asking versus mentioning, now versus once), and gives a
probability per category that the semantic layer blends with the nearest-example score.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LinearModel:
    """Softmax weights per class; applying it is one matrix product, well under a millisecond."""

    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, width)
    bias: np.ndarray  # (classes,)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """One row per vector, one column per class, rows summing to 1."""
        logits = np.asarray(vectors, dtype=np.float32) @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def column(self, name: str) -> int:
        return self.classes.index(name)


def train_linear_model(vectors: np.ndarray, labels: Sequence[str], *, strength: float = 16.0,
                       sample_weight: np.ndarray | None = None) -> LinearModel:
    """Multinomial logistic regression, classes weighted to count equally (ordinary sentences outnumber the rest).

    `strength` is scikit-learn's C: higher trusts the examples more, lower regularises harder.
    """
    from sklearn.linear_model import LogisticRegression

    labels = np.asarray(labels)
    if len(set(labels.tolist())) < 2:
        raise ValueError("a classifier needs at least two classes of examples")
    model = LogisticRegression(C=strength, class_weight="balanced", solver="newton-cg", max_iter=200)
    model.fit(np.asarray(vectors, dtype=np.float32), labels, sample_weight=sample_weight)
    classes = tuple(str(c) for c in model.classes_)
    weights, bias = model.coef_, model.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: make it a softmax over both
        weights = np.vstack([-weights[0] / 2, weights[0] / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    return LinearModel(classes, np.asarray(weights, dtype=np.float32), np.asarray(bias, dtype=np.float32))
