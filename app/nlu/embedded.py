"""Call-type and scope detection from the flows' examples alone: sentence embeddings and n-grams.

Two views of an utterance vote: MiniLM sentence vectors (when the packaged model can run) and word
plus character n-grams (always; they carry Spanish and speech-to-text misspellings). Each view is a
softmax regression over the call types plus an "other" class trained from generic off-topic requests.
The views' weighted mean picks the call type. Whether the utterance is in scope at all is the combiner's
call (app/nlu/calibration.py): its probability that the utterance belongs to any call type, learned from
the views' votes on examples they were not fitted on, must reach the threshold. Sibling call types share
that probability ("scrap my booking": cancel or change?), so a split between them is still in scope.

With one view (the light n-gram path, or the sentence view alone above 5,000 examples) there is nothing
to combine, and above 2,000 examples refitting for held-out votes costs too much load time; there the
older rule decides: "other" must not win and the best call type's probability plus half the runner-up's
must reach the threshold.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from app.engine.understanding import OUT_OF_SCOPE, IntentPrediction
from app.nlu.cache import encode_cached
from app.nlu.calibration import fit_combiner, held_out_votes, log_votes
from app.nlu.encoder import SentenceEncoder
from app.nlu.fit_cache import fit_cached
from app.nlu.negatives import OTHER, dedupe, generic_negatives, keep_unlike
from app.nlu.ngram import NgramFeatures
from app.nlu.softmax import SoftmaxRegression
from app.nlu.utterance import drop_names, has_content, vocabulary

log = logging.getLogger(__name__)
DEFAULT_THRESHOLD = 0.45  # tuned on CLINC150 validation (best OOS recall with accuracy >= 94%)
# The combiner learns with every class weighing the same, so "other" weighs as much as one call type and
# the call types together start at K to 1 odds of being in scope. The threshold asks for odds of
# IN_SCOPE_ODDS per call type, P(in) / P(out) >= IN_SCOPE_ODDS * K: 0.5 with 1 call type, 0.75 with 3,
# 0.83 with 5, 0.91 with 10. Measured on CLINC150 validation, 163 scopes of 1, 2, 3, 5, 10 or 15
# intents (most of one domain): 95% in-scope accuracy with 95% out-of-scope recall on 133 (a fixed 0.8:
# 124; within one scope of it from 1 to 3 intents, better from 5 on). Odds of 1.25 met it on 137 but
# turned away demo office questions sitting at 0.85.
IN_SCOPE_ODDS = 1.0
# Share of the runner-up call type's probability counted as in-scope evidence. Measured on CLINC150
# validation and 5-intent scopes (tuned thresholds): 0.25 to 1.0 all beat 0 (the best alone); 0.5 is central.
RUNNER_UP_SHARE = 0.5
NEGATIVE_SIMILARITY_LIMIT = 0.72
EMBEDDING_WEIGHT = 0.75
REGULARISATION_C = 10.0
OTHER_WEIGHT = 1.0
NGRAM_VIEW_MAX_EXAMPLES = 5000  # beyond this the sentence view alone decides (it loses nothing on CLINC150)
NGRAM_VIEW = "word+char n-grams"
# The combiner refits both views three times: about three times the fit's CPU. Flows hold a few hundred
# examples; past this many the older rule keeps load time where it was.
COMBINER_MAX_EXAMPLES = 2000


@dataclass
class View:
    """One way of turning texts into features, with the model fitted on them."""

    name: str
    featurize: Callable[[Sequence[str]], object]
    model: SoftmaxRegression
    weight: float


class EmbeddedClassifier:
    """Satisfies IntentClassifier; `classify_batch` is the fast path for evaluation and the CLI."""

    def __init__(self, views: list[View], call_types: Sequence[str], threshold: float | None = None,
                 known_words: frozenset[str] = frozenset(), combiner: SoftmaxRegression | None = None) -> None:
        self.views, self.call_types, self.combiner = views, list(call_types), combiner
        self.threshold = threshold if threshold is not None else (
            combined_threshold(len(self.call_types)) if combiner is not None else DEFAULT_THRESHOLD)
        self.classes = views[0].model.classes_
        self.description = " + ".join(v.name for v in views)
        self.known_words = known_words
        # the sentence vectors it was trained on (examples, then kept negatives), for other detectors to reuse
        self.training_texts: list[str] = []
        self.training_vectors: np.ndarray | None = None

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Rows of class probabilities (columns in `self.classes` order).

        Without a combiner, the views' weighted mean. With one, "other" gets the combiner's probability
        and the call types share the rest in proportion to the views' weighted mean.
        """
        total = sum(v.weight for v in self.views)
        votes = [v.model.predict_proba(v.featurize(texts)) for v in self.views]
        mixed = np.zeros((len(texts), len(self.classes)), dtype=np.float32)
        for view, vote in zip(self.views, votes):
            mixed += view.weight / total * vote
        if self.combiner is None:
            return mixed
        other = self.classes.index(OTHER)
        in_scope = 1.0 - self.combiner.predict_proba(log_votes(votes))[:, self.combiner.classes_.index(OTHER)]
        types = mixed.copy()
        types[:, other] = 0.0
        shares = types / np.maximum(types.sum(axis=1, keepdims=True), 1e-12)
        rows = shares * in_scope[:, None]
        rows[:, other] = 1.0 - in_scope
        return rows.astype(np.float32)

    def decide(self, row: np.ndarray, threshold: float | None = None) -> IntentPrediction:
        limit = self.threshold if threshold is None else threshold
        order = np.argsort(-row)
        ranking = tuple((self.classes[i], round(float(row[i]), 4)) for i in order[:5] if self.classes[i] != OTHER)
        best, best_p = ranking[0] if ranking else (OUT_OF_SCOPE, 0.0)
        if self.combiner is not None:
            score = 1.0 - float(row[self.classes.index(OTHER)])
            rejected = score < limit
        else:
            score = scope_score([p for _, p in ranking])
            rejected = self.classes[order[0]] == OTHER or score < limit
        if rejected:
            return IntentPrediction(OUT_OF_SCOPE, round(1.0 - score, 4), ranking, "embedded")
        return IntentPrediction(best, best_p, ranking, "embedded")

    def classify_batch(self, texts: Sequence[str]) -> list[IntentPrediction]:
        """Empty text is out of scope; out of scope without a content word is unclear (confidence 0)."""
        cleaned = [t if isinstance(t, str) else "" for t in texts]
        results = [IntentPrediction(OUT_OF_SCOPE, 1.0, (), "embedded")] * len(cleaned)
        live = [i for i, t in enumerate(cleaned) if t.strip()]
        if live:
            rows = self.probabilities([drop_names(cleaned[i], self.known_words) for i in live])
            for i, row in zip(live, rows):
                results[i] = self.decide(row)
                if results[i].intent == OUT_OF_SCOPE and not has_content(cleaned[i]):
                    results[i] = IntentPrediction(OUT_OF_SCOPE, 0.0, results[i].ranking, "embedded")
        return results

    def classify(self, text: str) -> IntentPrediction:
        return self.classify_batch([text])[0]


def combined_threshold(call_types: int) -> float:
    """The combiner's in-scope probability needed with this many call types: odds of IN_SCOPE_ODDS per call type.

    Balanced class weights give the call types together K times the weight of "other", so the same
    evidence reads as higher in-scope odds the more call types a business has.
    """
    odds = IN_SCOPE_ODDS * max(call_types, 1)
    return odds / (odds + 1.0)


def scope_score(call_type_probabilities: Sequence[float]) -> float:
    """How much the call types hold an utterance: the best probability plus a share of the runner-up's.

    Probabilities come best first and exclude "other"; the score stays within 0..1.
    """
    top = list(call_type_probabilities[:2]) + [0.0, 0.0]
    return float(top[0] + RUNNER_UP_SHARE * top[1])


def _balanced_weights(labels: Sequence[str]) -> np.ndarray:
    """Every class weighs the same in total, so a long negatives list cannot swamp a call type."""
    names, counts = np.unique(np.asarray(labels), return_counts=True)
    per = dict(zip(names, len(labels) / (len(names) * counts)))
    if OTHER in per:
        per[OTHER] *= OTHER_WEIGHT
    return np.array([per[label] for label in labels], dtype=np.float32)


def _training_set(examples: Mapping[str, Sequence[str]]) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for name, items in examples.items():
        for text in dedupe(items):
            texts.append(text)
            labels.append(name)
    if not texts:
        raise ValueError("no call-type examples to learn from; give each call type at least one example")
    return texts, labels


def _fit_sentence_model(vectors: np.ndarray, labels: Sequence[str], cache_dir: Path | None = None) -> SoftmaxRegression:
    return fit_cached(SoftmaxRegression(c=REGULARISATION_C, max_iter=60), vectors, labels, _balanced_weights(labels),
                      cache_dir)


def _fit_ngram_model(matrix, labels: Sequence[str], cache_dir: Path | None = None) -> SoftmaxRegression:
    # Large example sets get fewer iterations: the fit dominates load time there.
    budget = 80 if matrix.shape[1] * len(set(labels)) <= 1_000_000 else 50
    return fit_cached(SoftmaxRegression(c=REGULARISATION_C, max_iter=budget), matrix, labels, _balanced_weights(labels),
                      cache_dir)


def _combiner(labels: Sequence[str], vectors: np.ndarray | None, ngrams, views: Sequence[View],
              cache_dir: Path | None = None) -> SoftmaxRegression | None:
    """The combiner, fitted on every view's votes for examples (and negatives) it was not fitted on.

    The n-gram vocabulary is the full one: a word only the held-out rows use gets no weight in the
    refitted model anyway, and featurizing once saves most of the refits' cost.
    """
    y = np.asarray(labels)

    def sentence_vote(train: np.ndarray, held: np.ndarray) -> np.ndarray:
        return _fit_sentence_model(vectors[train], list(y[train]), cache_dir).predict_proba(vectors[held])

    def ngram_vote(train: np.ndarray, held: np.ndarray) -> np.ndarray:
        return _fit_ngram_model(ngrams[train], list(y[train]), cache_dir).predict_proba(ngrams[held])

    votes = held_out_votes(labels, [ngram_vote if v.name == NGRAM_VIEW else sentence_vote for v in views])
    return None if votes is None else fit_combiner(votes, labels, _balanced_weights(labels), cache_dir)


def build_embedded_classifier(
    examples: Mapping[str, Sequence[str]],
    *,
    encoder: SentenceEncoder | None = None,
    negatives: Sequence[str] | None = None,
    cache_dir: Path | None = None,
    threshold: float | None = None,
    embedding_weight: float = EMBEDDING_WEIGHT,
    use_ngrams: bool = True,
    calibrate: bool = True,
) -> EmbeddedClassifier:
    """Fit the detector on call type -> examples; `encoder=None` gives the light n-gram-only path.

    `threshold=None` is the default of the scope rule in use (with or without the combiner).
    """
    texts, labels = _training_set(examples)
    pool = dedupe(list(generic_negatives()) + list(negatives or []))
    pool = [n for n in pool if n not in set(texts)]
    views: list[View] = []
    train_x = None
    if encoder is not None:
        vectors = encode_cached(encoder, texts, cache_dir)
        negative_vecs = encode_cached(encoder, pool, cache_dir)
        kept = keep_unlike(negative_vecs, vectors, NEGATIVE_SIMILARITY_LIMIT)
        pool = [pool[i] for i in kept]
        train_x = np.vstack([vectors, negative_vecs[kept]])
        model = _fit_sentence_model(train_x, labels + [OTHER] * len(pool), cache_dir)
        views.append(View(encoder.name, encoder.encode, model, embedding_weight))
    else:
        pool = _ngram_filter(texts, pool)
    all_texts, all_labels = texts + pool, labels + [OTHER] * len(pool)
    ngrams = None
    if not views or (use_ngrams and len(texts) <= NGRAM_VIEW_MAX_EXAMPLES):
        features = NgramFeatures().fit(all_texts)
        ngrams = features.transform(all_texts)
        views.append(View(NGRAM_VIEW, features.transform, _fit_ngram_model(ngrams, all_labels, cache_dir),
                          1.0 - embedding_weight if views else 1.0))
    combiner = None
    if calibrate and len(views) > 1 and len(texts) <= COMBINER_MAX_EXAMPLES:
        combiner = _combiner(all_labels, train_x, ngrams, views, cache_dir)
    log.info("call-type detector: %s%s; %d call types, %d examples, %d negatives",
             " + ".join(v.name for v in views), " (combined)" if combiner else "", len(examples), len(texts), len(pool))
    classifier = EmbeddedClassifier(views, sorted(examples), threshold, vocabulary(texts + list(pool)), combiner)
    if encoder is not None:
        classifier.training_texts, classifier.training_vectors = texts + pool, train_x
    return classifier


def _ngram_filter(texts: Sequence[str], pool: Sequence[str]) -> list[str]:
    """Without sentence vectors, drop negatives that share most of their n-grams with an example."""
    if not pool:
        return []
    features = NgramFeatures().fit(list(texts) + list(pool))
    kept = keep_unlike(features.transform(pool), features.transform(texts), 0.6)
    return [pool[i] for i in kept]
