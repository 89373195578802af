"""Held-out votes and the combiner that turns them into one in-scope probability."""
from __future__ import annotations

import numpy as np

from app.nlu.calibration import fit_combiner, held_out_votes, log_votes


def test_every_row_is_voted_on_by_a_view_not_fitted_on_it():
    labels = ["a"] * 6 + ["b"] * 6 + ["other"] * 8
    seen: list[int] = []

    def vote(train: np.ndarray, held: np.ndarray) -> np.ndarray:
        assert not set(train) & set(held)
        seen.extend(held)
        return np.full((len(held), 3), 1 / 3)

    votes = held_out_votes(labels, [vote, vote])
    assert sorted(seen) == sorted(list(range(len(labels))) * 2)
    assert votes.shape == (len(labels), 6)


def test_too_few_examples_give_no_votes():
    labels = ["a", "a", "b", "b", "b", "other", "other", "other"]
    assert held_out_votes(labels, [lambda train, held: np.ones((len(held), 3)) / 3]) is None


def test_combiner_trusts_the_view_that_was_right_on_held_out_rows():
    rng = np.random.default_rng(0)
    labels = np.array(["a", "other"] * 100)
    truth = np.where(labels == "a", 0.9, 0.1)
    right = np.stack([truth, 1 - truth], axis=1)  # columns: a, other
    noise = rng.dirichlet([1, 1], size=len(labels))
    combiner = fit_combiner(log_votes([noise, right]), list(labels))
    in_scope = np.array([[0.5, 0.5]]), np.array([[0.9, 0.1]])
    out_scope = np.array([[0.5, 0.5]]), np.array([[0.1, 0.9]])
    other = combiner.classes_.index("other")
    assert combiner.predict_proba(log_votes(in_scope))[0, other] < 0.3
    assert combiner.predict_proba(log_votes(out_scope))[0, other] > 0.7
