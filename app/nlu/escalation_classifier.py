"""A linear classifier over sentence vectors that tells escalations from the look-alikes around them.

Nearest-example matching only asks "which sentence is this closest to?", so a caller who names the
receptionist or a refund sits near the escalation examples whatever they mean. A logistic
regression trained on the escalation examples *and* the ordinary ones learns which directions of
the sentence space separate them (asking versus mentioning, now versus once), and gives a
probability per category that the semantic layer blends with the nearest-example score.

Optionally the sentence vector is joined by character n-gram TF-IDF features of the text: they
carry the lexical cues a small sentence model blurs (a misheard "operater", Spanish "abogado",
"sue" versus "shoe") and, cross-validated over the development sets, lift the recall the layer
reaches at a given false-escalation rate well above the vectors alone.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.nlu.cache_files import touch, write_entry
from app.nlu.tfidf import TurnTfidf

log = logging.getLogger(__name__)


_NGRAMS = {"analyzer": "char_wb", "ngram_range": (2, 5), "lowercase": True, "sublinear_tf": True, "dtype": np.float32}


class CharNgrams:
    """Character n-gram TF-IDF features (scikit-learn's vectorizer), fitted on the training texts."""

    def __init__(self, vectorizer) -> None:
        self._vectorizer = vectorizer
        self._turn: TurnTfidf | None = None

    @classmethod
    def fit(cls, texts: Sequence[str], min_df: int = 2) -> CharNgrams:
        """N-grams seen in at least `min_df` training texts (rarer ones are noise, and weights to keep)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        return cls(TfidfVectorizer(min_df=min_df, **_NGRAMS).fit(list(texts)))

    @classmethod
    def restore(cls, terms: Sequence[str], idf: np.ndarray) -> CharNgrams:
        """The same features from a saved vocabulary and inverse document frequencies."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(vocabulary={str(t): i for i, t in enumerate(terms)}, **_NGRAMS)
        vectorizer.idf_ = np.asarray(idf)
        return cls(vectorizer)

    @property
    def terms(self) -> np.ndarray:
        return self._vectorizer.get_feature_names_out()

    @property
    def idf(self) -> np.ndarray:
        return self._vectorizer.idf_

    def transform(self, texts: Sequence[str]):
        """A sparse (texts, terms) matrix."""
        if self._turn is None:
            self._turn = TurnTfidf(self._vectorizer)
        return self._turn.transform(list(texts))


@dataclass(frozen=True)
class LinearModel:
    """Softmax weights per class; applying it is one matrix product, well under a millisecond.

    With `ngrams`, the weights' first columns apply to the sentence vector and the rest to the
    text's n-gram features, so `probabilities` needs the texts too.
    """

    classes: tuple[str, ...]
    weights: np.ndarray  # (classes, width [+ terms])
    bias: np.ndarray  # (classes,)
    ngrams: CharNgrams | None = None

    def probabilities(self, vectors: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """One row per vector, one column per class, rows summing to 1."""
        vectors = np.asarray(vectors, dtype=np.float32)
        width = vectors.shape[1]
        logits = vectors @ self.weights[:, :width].T + self.bias
        if self.ngrams is not None:
            if texts is None or len(texts) != len(vectors):
                raise ValueError("this model needs the texts as well as their vectors")
            logits = logits + np.asarray(self.ngrams.transform(texts) @ self.weights[:, width:].T)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def column(self, name: str) -> int:
        return self.classes.index(name)


def train_linear_model(vectors: np.ndarray, labels: Sequence[str], *, strength: float = 16.0,
                       sample_weight: np.ndarray | None = None, balanced: bool = True,
                       texts: Sequence[str] | None = None) -> LinearModel:
    """Multinomial logistic regression; with `balanced`, classes weighted to count equally (ordinary
    sentences outnumber the rest); with `texts` (row for row), character n-grams join the vectors.

    `strength` is scikit-learn's C: higher trusts the examples more, lower regularises harder.
    """
    from sklearn.linear_model import LogisticRegression

    labels = np.asarray(labels)
    if len(set(labels.tolist())) < 2:
        raise ValueError("a classifier needs at least two classes of examples")
    features = np.asarray(vectors, dtype=np.float32)
    ngrams = None
    if texts is not None:
        from scipy import sparse

        ngrams = CharNgrams.fit(texts)
        features = sparse.hstack([sparse.csr_matrix(features), ngrams.transform(texts)]).tocsr()
    model = LogisticRegression(C=strength, class_weight="balanced" if balanced else None,
                               solver="lbfgs" if ngrams is not None else "newton-cg", max_iter=1000)
    model.fit(features, labels, sample_weight=sample_weight)
    classes = tuple(str(c) for c in model.classes_)
    weights, bias = model.coef_, model.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: make it a softmax over both
        weights = np.vstack([-weights[0] / 2, weights[0] / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    return LinearModel(classes, np.asarray(weights, dtype=np.float32), np.asarray(bias, dtype=np.float32), ngrams)


def _fingerprint(vectors: np.ndarray, labels: Sequence[str], strength: float, balanced: bool,
                 texts: Sequence[str] | None) -> str:
    """Same examples, labels and settings give the same key; anything else trains afresh."""
    import sklearn

    digest = hashlib.sha256(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
    digest.update("\x00".join(labels).encode("utf-8"))
    digest.update(b"\x01" + "\x00".join(texts).encode("utf-8") if texts is not None else b"\x02")
    digest.update(f"{strength!r}|{balanced}|{sklearn.__version__}".encode())
    return digest.hexdigest()[:24]


def train_linear_model_cached(vectors: np.ndarray, labels: Sequence[str], cache_dir: Path | None, *,
                              strength: float = 16.0, balanced: bool = True, texts: Sequence[str] | None = None,
                              train: Callable[..., LinearModel] | None = None) -> LinearModel:
    """`train` (default `train_linear_model`), reusing weights a previous start-up fitted on the very
    same examples: fitting a few thousand examples takes seconds, loading the weights a millisecond.
    """
    train = train or train_linear_model
    labels = [str(label) for label in labels]
    options = {"strength": strength, "balanced": balanced, **({"texts": list(texts)} if texts is not None else {})}
    if cache_dir is None:
        return train(vectors, labels, **options)
    path = Path(cache_dir) / f"escalation-lr-{_fingerprint(vectors, labels, strength, balanced, texts)}.npz"
    if path.is_file():
        try:
            with np.load(path, allow_pickle=False) as saved:
                ngrams = CharNgrams.restore(saved["terms"], saved["idf"]) if "terms" in saved.files else None
                model = LinearModel(tuple(str(c) for c in saved["classes"]), saved["weights"], saved["bias"], ngrams)
            touch(path)
            return model
        except (OSError, ValueError, KeyError):
            log.warning("ignoring unreadable classifier cache %s", path)
    model = train(vectors, labels, **options)
    extra = {"terms": np.asarray(model.ngrams.terms, dtype=str), "idf": model.ngrams.idf} if model.ngrams is not None else {}
    try:
        write_entry(path, lambda out: np.savez(out, classes=np.array(model.classes), weights=model.weights,
                                               bias=model.bias, **extra))
    except OSError as exc:
        log.warning("could not write the classifier cache (%s)", exc)
    return model
