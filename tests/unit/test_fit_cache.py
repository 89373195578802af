"""Fitted softmax weights are reused only for the very same inputs."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from app.nlu.fit_cache import fit_cached
from app.nlu.softmax import SoftmaxRegression

LABELS = ["a", "a", "b", "b", "c", "c"]


def features() -> np.ndarray:
    rng = np.random.default_rng(3)
    return rng.normal(size=(6, 4)).astype(np.float32) + np.repeat(np.eye(3, 4, dtype=np.float32) * 3, 2, axis=0)


class NoFit(SoftmaxRegression):
    def fit(self, *args, **kwargs):  # type: ignore[override]
        raise AssertionError("fitted again although the cache holds these weights")


def test_a_second_identical_fit_loads_the_stored_weights(tmp_path) -> None:
    first = fit_cached(SoftmaxRegression(c=5.0, max_iter=50), features(), LABELS, None, tmp_path)
    again = fit_cached(NoFit(c=5.0, max_iter=50), features(), LABELS, None, tmp_path)
    assert again.classes_ == first.classes_ == ["a", "b", "c"]
    np.testing.assert_array_equal(again.coef_, first.coef_)
    np.testing.assert_array_equal(again.predict_proba(features()), first.predict_proba(features()))


@pytest.mark.parametrize("change", ["labels", "features", "weights", "setting", "sparse"])
def test_any_change_to_the_inputs_fits_afresh(tmp_path, change: str) -> None:
    fit_cached(SoftmaxRegression(c=5.0, max_iter=50), features(), LABELS, None, tmp_path)
    x, labels, weights, c = features(), list(LABELS), None, 5.0
    if change == "labels":
        labels[0] = "b"
    elif change == "features":
        x[0, 0] += 0.5
    elif change == "weights":
        weights = np.array([2.0, 1, 1, 1, 1, 1])
    elif change == "setting":
        c = 6.0
    else:
        x = csr_matrix(x)
    with pytest.raises(AssertionError, match="fitted again"):
        fit_cached(NoFit(c=c, max_iter=50), x, labels, weights, tmp_path)


def test_an_unreadable_entry_is_refitted_and_replaced(tmp_path) -> None:
    fit_cached(SoftmaxRegression(c=5.0, max_iter=50), features(), LABELS, None, tmp_path)
    (entry,) = tmp_path.glob("softmax-*.npz")
    entry.write_bytes(b"not a numpy archive")
    refit = fit_cached(SoftmaxRegression(c=5.0, max_iter=50), features(), LABELS, None, tmp_path)
    assert refit.classes_ == ["a", "b", "c"]
    loaded = fit_cached(NoFit(c=5.0, max_iter=50), features(), LABELS, None, tmp_path)
    np.testing.assert_array_equal(loaded.coef_, refit.coef_)


def test_without_a_cache_folder_it_just_fits() -> None:
    with pytest.raises(AssertionError, match="fitted again"):
        fit_cached(NoFit(), features(), LABELS, None, None)
