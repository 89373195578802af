"""One honest in-scope probability from the views' votes, learned on votes for examples held out.

Each view's softmax is fitted on the very examples it is later compared with, so its "other" probability
is over-confident, and a weighted mean of two such views is a vote, not a probability of being in scope.
Refitting the views on two thirds of the examples (negatives included) and asking them about the third
left out gives the votes they would cast on new text; a strongly regularised softmax regression over those
votes' logarithms (the combiner) learns how far to trust each view for "other" and for each call type.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
from sklearn.model_selection import StratifiedKFold

from app.nlu.fit_cache import fit_cached
from app.nlu.softmax import SoftmaxRegression

FOLDS = 3  # measured as good as 5 and 10 on three 5-call-type CLINC scopes, at a third of 10's cost
MIN_EXAMPLES_PER_CLASS = 3  # fewer and the held-out votes say more about the split than about the view
# Measured on three 5-call-type scopes of CLINC150 (100, 50, 25 and 10 examples each): 0.1 to 0.3 trade
# best; 1.0 and above let the combiner fit the folds' noise.
COMBINER_C = 0.1
FLOOR = 1e-6

# Fits one view on the training rows and returns its probabilities for the held-out rows, columns in
# the order of the classes it was given.
HeldOutVote = Callable[[np.ndarray, np.ndarray], np.ndarray]


def log_votes(probabilities: Sequence[np.ndarray]) -> np.ndarray:
    """The combiner's features: every view's class probabilities, logged, side by side."""
    return np.log(np.hstack([np.asarray(p, dtype=np.float32) for p in probabilities]) + FLOOR)


def held_out_votes(labels: Sequence[str], views: Sequence[HeldOutVote], *, folds: int = FOLDS,
                   seed: int = 0) -> np.ndarray | None:
    """Each row's log-votes from views fitted without it, or None when a class has too few examples."""
    counts = Counter(labels)
    smallest = min(counts.values()) if counts else 0
    if len(counts) < 2 or smallest < MIN_EXAMPLES_PER_CLASS:
        return None
    y = np.asarray(labels)
    split = StratifiedKFold(n_splits=min(folds, smallest), shuffle=True, random_state=seed)
    votes: np.ndarray | None = None
    for train, held in split.split(np.zeros(len(y)), y):
        part = log_votes([vote(train, held) for vote in views])
        if votes is None:
            votes = np.zeros((len(y), part.shape[1]), dtype=np.float32)
        votes[held] = part
    return votes


def fit_combiner(votes: np.ndarray, labels: Sequence[str], weights: np.ndarray | None = None,
                 cache_dir: Path | None = None) -> SoftmaxRegression:
    return fit_cached(SoftmaxRegression(c=COMBINER_C, max_iter=200), votes, labels, weights, cache_dir)
