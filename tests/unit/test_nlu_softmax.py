"""The softmax regression both detector views are fitted with: dense and sparse features, sample weights."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from app.nlu.softmax import SoftmaxRegression, _softmax_in_place, softmax


def blobs(seed: int = 0) -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    centres = {"a": [3, 0, 0, 0], "b": [0, 3, 0, 0], "c": [0, 0, 3, 0]}
    rows, labels = [], []
    for name, centre in centres.items():
        rows.append(rng.normal(centre, 0.7, size=(40, 4)))
        labels += [name] * 40
    return np.vstack(rows).astype(np.float32), labels


def test_in_place_softmax_matches_and_sums_to_one():
    scores = np.random.default_rng(1).normal(0, 5, size=(50, 7)).astype(np.float32)
    expected = softmax(scores)
    got = _softmax_in_place(scores.copy())
    assert np.array_equal(got, expected)
    assert np.allclose(got.sum(axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("sparse", [False, True])
def test_learns_separable_classes(sparse):
    x, labels = blobs()
    model = SoftmaxRegression(c=10.0, max_iter=100).fit(csr_matrix(x) if sparse else x, labels)
    predicted = [model.classes_[i] for i in model.predict_proba(x).argmax(axis=1)]
    assert np.mean([p == g for p, g in zip(predicted, labels)]) > 0.95


def test_sample_weights_pull_an_ambiguous_point_to_the_heavier_class():
    x, labels = blobs()
    middle = np.array([[1.5, 1.5, 0, 0]], dtype=np.float32)
    weights = np.array([5.0 if label == "b" else 1.0 for label in labels])
    plain = SoftmaxRegression().fit(x, labels).predict_proba(middle)[0]
    heavy = SoftmaxRegression().fit(x, labels, weights).predict_proba(middle)[0]
    b = ["a", "b", "c"].index("b")
    assert heavy[b] > plain[b] + 0.05
