"""A sentence-embedding second opinion for the always-escalate rules, for phrasings no rule foresaw.

Two views of the same sentence vectors are blended per category: how close the utterance comes to
an escalation example (and how much closer than to any ordinary sentence), and what a linear
classifier trained on the escalation examples *and* the ordinary look-alikes makes of it.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from app.engine.understanding import EscalationDetector, EscalationHit
from app.flows.schema import ALWAYS_ESCALATE
from app.nlu.escalation_classifier import LinearModel, train_linear_model, train_linear_model_cached
from app.nlu.escalation_training import TRAINING_PATH, load_training_rows

log = logging.getLogger(__name__)

EXEMPLARS_PATH = Path(__file__).with_name("escalation_exemplars.yaml")
NONE = "none"
SETTLES = ("safety", "mental_health", "legal")  # categories a past or resolved event does not escalate
_CLAUSES = re.compile(r"[.!?;]+\s+|\s+(?:but|pero)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Thresholds:
    """How high an utterance's score must be, per category, before it escalates.

    The score is `blend` x the similarity to the nearest exemplar of the category (counted only
    when it is `margin` closer than the nearest non-escalating sentence) plus (1 - `blend`) x the
    classifier's probability for the category; `blend` 1.0 is nearest-exemplar matching alone.
    Spanish needs `spanish_offset` more because the model is an English one (Spanish sentences
    sit closer to each other). `strength` is the classifier's inverse regularisation and `balanced`
    weights its classes to count equally. The labelled training utterances always teach the
    classifier; with `training_neighbours` they also join the exemplars the nearest-exemplar score
    looks at. With `char_ngrams` the classifier reads the text's character n-grams beside its vector. Chosen by grouped cross-validation on the development sets: python -m bench.escalation_cv.
    """

    default: float = 0.60
    per_category: Mapping[str, float] = field(default_factory=dict)
    spanish_offset: float = 0.10
    margin: float = 0.10
    blend: float = 1.0
    strength: float = 16.0
    balanced: bool = True
    training_neighbours: bool = False
    char_ngrams: bool = False

    def limit(self, category: str, language: str) -> float:
        base = self.per_category.get(category, self.default)
        return base + (self.spanish_offset if language == "es" else 0.0)


def load_thresholds(path: Path = EXEMPLARS_PATH) -> Thresholds:
    """The `thresholds` block of the exemplar file (all keys optional)."""
    data = (yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("thresholds") or {}
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: 'thresholds' must be a mapping")  # noqa: TRY004 - a malformed data file
    per = data.get("categories") or {}
    unknown = sorted(set(per) - set(ALWAYS_ESCALATE))
    if unknown:
        raise ValueError(f"{path}: thresholds for unknown categories {unknown}")
    defaults = Thresholds()
    blend = float(data.get("blend", defaults.blend))
    if not 0.0 <= blend <= 1.0:
        raise ValueError(f"{path}: 'blend' must be between 0 and 1")
    return Thresholds(float(data.get("default", defaults.default)), {k: float(v) for k, v in per.items()},
                      float(data.get("spanish_offset", defaults.spanish_offset)),
                      float(data.get("margin", defaults.margin)), blend,
                      float(data.get("strength", defaults.strength)),
                      bool(data.get("balanced", defaults.balanced)),
                      bool(data.get("training_neighbours", defaults.training_neighbours)),
                      bool(data.get("char_ngrams", defaults.char_ngrams)))


@dataclass(frozen=True)
class Exemplar:
    text: str
    category: str
    language: str


def load_exemplars(path: Path = EXEMPLARS_PATH) -> list[Exemplar]:
    """Exemplar sentences from YAML: categories -> {category: {language: [sentences]}}."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    categories = data.get("categories")
    if not isinstance(categories, Mapping):
        raise ValueError(f"{path}: expected a 'categories' mapping")  # noqa: TRY004 - a malformed data file
    found: list[Exemplar] = []
    for category, by_language in categories.items():
        if category not in (*ALWAYS_ESCALATE, NONE):
            raise ValueError(f"{path}: unknown category {category!r}")
        if not isinstance(by_language, Mapping):
            raise ValueError(f"{path}: {category} must map languages to lists of sentences")  # noqa: TRY004
        for language, sentences in by_language.items():
            for sentence in sentences or ():
                if not isinstance(sentence, str) or not sentence.strip():
                    raise ValueError(f"{path}: {category}/{language} holds an empty or non-text entry")
                found.append(Exemplar(sentence.strip(), category, str(language)))
    if not any(e.category == NONE for e in found) or not any(e.category != NONE for e in found):
        raise ValueError(f"{path}: needs both escalation and '{NONE}' exemplars")
    return found


def load_training(path: Path = TRAINING_PATH) -> list[Exemplar]:
    """The shipped labelled utterances (built from the benchmark's development sets) as exemplars."""
    return [Exemplar(r.text, r.category, r.language) for r in load_training_rows(path)]


def clauses(text: str) -> list[str]:
    """The whole utterance plus its sentences/clauses, so a request buried after small talk still counts."""
    parts = [p.strip() for p in _CLAUSES.split(text) if p and len(p.split()) >= 3]
    whole = text.strip()
    return [whole] + [p for p in parts if p != whole]


@dataclass(frozen=True)
class CategoryScore:
    """One category's evidence: its nearest exemplar, how near, the nearest ordinary sentence to that
    same piece of the utterance, and the classifier's probability (None without a classifier)."""

    exemplar: Exemplar
    similarity: float
    ordinary: float
    probability: float | None = None

    def value(self, thresholds: Thresholds) -> float:
        """The blended score the category's threshold applies to."""
        near = self.similarity if self.similarity - self.ordinary >= thresholds.margin else 0.0
        if self.probability is None:
            return near
        return thresholds.blend * near + (1.0 - thresholds.blend) * self.probability


@dataclass(frozen=True)
class SemanticScore:
    """Nearest escalation exemplar, nearest non-escalation exemplar, and each category's evidence."""

    escalation: Exemplar
    escalation_score: float
    none: Exemplar
    none_score: float
    categories: Mapping[str, CategoryScore] = field(default_factory=dict)


class SemanticEscalationDetector:
    """Rules first; when they find nothing in a final transcript, the blended exemplar and classifier score decides.

    It stays silent when the rules heard the request negated or denied ("I'm not in any danger"),
    on the operator's look-alikes of a category ("chief complaint"), and, for urgency, distress and
    disputes, when the caller says it is over or long past ("it's fine now", "years ago").

    `background` is what callers of this business ordinarily say (the call types' examples, the
    knowledge questions, generic off-topic requests): it joins the `none` exemplars, so a booking
    or an office question that merely sounds like an escalation finds its own kind first. Background
    sentences the rules themselves escalate ("I need to speak to your billing department") are
    left out: they are requests, whatever list they came from.

    `training` holds labelled utterances (by default, when the exemplars are the shipped ones, the
    shipped training file): they teach the classifier, and join the exemplars only with the
    thresholds' `training_neighbours`.
    """

    def __init__(self, rules: EscalationDetector, encoder, exemplars: Sequence[Exemplar] | None = None,
                 *, thresholds: Thresholds | None = None, background: Sequence[str] = (),
                 background_vectors: np.ndarray | None = None, training: Sequence[Exemplar] | None = None,
                 cache_dir: Path | None = None) -> None:
        """`background_vectors`, when given, are the background's vectors already computed (row for row);
        `cache_dir` keeps the exemplar and training vectors and the fitted classifier between start-ups."""
        self.rules = rules
        self.encoder = encoder
        self.cache_dir = cache_dir
        self.thresholds = thresholds if thresholds is not None else load_thresholds()
        own = list(exemplars) if exemplars is not None else load_exemplars()
        if training is None:
            training = load_training() if exemplars is None else []
        own_texts = {e.text for e in own}
        extra = list({e.text: e for e in training if e.text not in own_texts}.values())
        if background_vectors is None:
            background = [t for t in dict.fromkeys(background) if t not in own_texts]
        keep = [self._ordinary_for_rules(t) for t in background]
        if background_vectors is not None and len(background_vectors) == len(background):
            background_vectors = np.asarray(background_vectors)[np.array(keep, dtype=bool)] if background else background_vectors
        background = [t for t, kept in zip(background, keep) if kept]
        neighbours = self.thresholds.training_neighbours
        self.exemplars = own + (extra if neighbours else []) + [Exemplar(t, NONE, "any") for t in background]
        self.training = [] if neighbours else extra  # the classifier's examples beyond self.exemplars
        self._is_none = np.array([e.category == NONE for e in self.exemplars])
        self._vectors = None
        self._training_vectors = np.zeros((0, 0), dtype=np.float32)
        if encoder is not None:
            fixed = self._encode_fixed([e.text for e in own + extra])
            own_vectors, extra_vectors = fixed[:len(own)], fixed[len(own):]
            if background_vectors is not None and len(background_vectors) == len(background):
                background_matrix = np.asarray(background_vectors, dtype=np.float32)
            else:
                background_matrix = np.asarray(encoder.encode(background), dtype=np.float32) if background \
                    else np.zeros((0, fixed.shape[1]), dtype=np.float32)
            self._vectors = np.vstack([own_vectors, *([extra_vectors] if neighbours else []), background_matrix])
            self._training_vectors = extra_vectors[:0] if neighbours else extra_vectors
            # split once: a few hundred escalation rows, and the (possibly large) ordinary ones, each contiguous
            self._escalating_rows = np.flatnonzero(~self._is_none)
            self._ordinary_rows = np.flatnonzero(self._is_none)
            self._escalating = np.ascontiguousarray(self._vectors[self._escalating_rows])
            self._ordinary = np.ascontiguousarray(self._vectors[self._ordinary_rows])
            self._category_of = np.array([self.exemplars[i].category for i in self._escalating_rows])
            self._columns_of = {category: np.flatnonzero(self._category_of == category)
                                for category in dict.fromkeys(self._category_of.tolist())}
        self.classifier = self._train() if self._vectors is not None and self.thresholds.blend < 1.0 else None
        if self.classifier is None and self.thresholds.blend < 1.0:
            self._vectors = None  # thresholds chosen for the blend mean nothing without it: rules only

    def _encode_fixed(self, texts: list[str]) -> np.ndarray:
        """Vectors of the exemplars and training utterances, from the disk cache when one is given."""
        if self.cache_dir is None:
            return np.asarray(self.encoder.encode(texts), dtype=np.float32)
        from app.nlu.cache import encode_cached

        return np.asarray(encode_cached(self.encoder, texts, Path(self.cache_dir)), dtype=np.float32)

    def _ordinary_for_rules(self, text: str) -> bool:
        """A background sentence counts as ordinary unless the rules escalate it."""
        try:
            return self.rules.detect(text, "en") is None
        except Exception:  # a stand-in without a working detect: keep the sentence
            return True

    def _train(self) -> LinearModel | None:
        """The classifier over every exemplar, training and background vector; None if it cannot be trained here."""
        vectors = np.vstack([self._vectors, self._training_vectors]) if len(self.training) else self._vectors
        examples = self.exemplars + self.training
        texts = [e.text for e in examples] if self.thresholds.char_ngrams else None
        try:
            return train_linear_model_cached(vectors, [e.category for e in examples], self.cache_dir,
                                             strength=self.thresholds.strength, balanced=self.thresholds.balanced,
                                             texts=texts, train=train_linear_model)
        except Exception:
            log.exception("escalation classifier could not be trained; escalation uses rules only")
            return None

    def score(self, text: str) -> SemanticScore | None:
        """Per category, over the utterance and its clauses: nearest exemplar and classifier probability."""
        if self._vectors is None or not text or not text.strip():
            return None
        pieces = clauses(text)
        vectors = np.asarray(self.encoder.encode(pieces), dtype=np.float32)
        sims = vectors @ self._escalating.T  # unit vectors: cosine similarity
        # the non-escalation side is judged on the same piece of the utterance
        none_sims = vectors @ self._ordinary.T
        none_best = none_sims.max(axis=1)
        probabilities = self.classifier.probabilities(vectors, pieces) if self.classifier is not None else None
        per: dict[str, CategoryScore] = {}
        for category, columns in self._columns_of.items():
            part = sims[:, columns]
            # the clause where this category clears the ordinary side by most, then its nearest exemplar
            best_per_clause = part.max(axis=1)
            row = int(np.argmax(best_per_clause - none_best))
            col = int(columns[int(np.argmax(part[row]))])
            probability = None
            if probabilities is not None:
                probability = float(probabilities[:, self.classifier.column(category)].max())
            per[category] = CategoryScore(self.exemplars[self._escalating_rows[col]], float(sims[row, col]),
                                          float(none_best[row]), probability)
        row, col = np.unravel_index(int(np.argmax(sims)), sims.shape)
        none_col = int(np.argmax(none_sims[row]))
        return SemanticScore(self.exemplars[self._escalating_rows[col]], float(sims[row, col]),
                             self.exemplars[self._ordinary_rows[none_col]], float(none_sims[row, none_col]), per)

    def decide(self, found: SemanticScore | None, language: str) -> EscalationHit | None:
        """Fire for the category furthest above its threshold, if any is; the evidence names the
        nearest exemplar, the nearest ordinary sentence's similarity and the classifier's probability."""
        if found is None:
            return None
        best, best_room = None, 0.0
        for category, evidence in found.categories.items():
            room = evidence.value(self.thresholds) - self.thresholds.limit(category, language)
            if room >= 0 and (best is None or room > best_room):
                best, best_room = category, room
        if best is None:
            return None
        evidence = found.categories[best]
        value = evidence.value(self.thresholds)
        text = (f'semantic match to "{evidence.exemplar.text}" ({evidence.similarity:.2f}; '
                f'nearest ordinary request {evidence.ordinary:.2f}')
        if evidence.probability is not None:
            text += f"; classifier {evidence.probability:.2f}; score {value:.2f}"
        return EscalationHit(best, text + ")",
                             language if language in ("en", "es") else evidence.exemplar.language,
                             round(value, 3))

    def detect(self, text: str, language: str, *, partial: bool = False) -> EscalationHit | None:
        """The rules' answer when they have one; a semantic match on final transcripts otherwise."""
        hit = self.rules.detect(text, language, partial=partial)
        if hit is not None or partial or self._vectors is None:
            return hit
        if self.rules.is_question_about_bot(text, language) or self._declined(text, language):
            return None
        try:
            hit = self.decide(self.score(text), language)
        except Exception:
            log.exception("semantic escalation check failed; rules only for this utterance")
            return None
        if hit is not None and (self._excluded(text, hit.category) or self._settled(text, hit.category, language)
                                or self._nobody_named(text, hit.category)):
            return None
        return hit

    def is_question_about_bot(self, text: str, language: str) -> bool:
        return self.rules.is_question_about_bot(text, language)

    def _excluded(self, text: str, category: str) -> bool:
        """The operator listed these words as a look-alike of the category ("chief complaint")."""
        excluded = getattr(self.rules, "mentions_exclusion", None)
        return bool(excluded and excluded(text, category))

    def _settled(self, text: str, category: str, language: str) -> bool:
        """Urgency, distress and disputes are about now: not when the caller says it is over or long past."""
        settled = getattr(self.rules, "settled", None)
        return category in SETTLES and bool(settled and settled(text, language))

    def _nobody_named(self, text: str, category: str) -> bool:
        """A request for a person names someone, a role, or talking to them; a consent ("yes, you can
        text me") that merely sounds like one names nobody."""
        mentions = getattr(self.rules, "mentions_someone", None)
        return category == "human_request" and mentions is not None and not mentions(text)

    def _declined(self, text: str, language: str) -> bool:
        """The rules heard a negated request ("I don't need a person"): not ours to overrule."""
        declined = getattr(self.rules, "declined", None)
        return bool(declined and declined(text, language))


def cache_dir_of(settings_or_cache_dir) -> Path:
    """A cache folder from Settings (its data_dir/models) or from a path given directly."""
    if isinstance(settings_or_cache_dir, (str, Path)):
        return Path(settings_or_cache_dir)
    if getattr(settings_or_cache_dir, "data_dir", None) is None:
        raise TypeError("expected Settings (with data_dir) or a cache folder path")
    from app.nlu.intents import model_cache_dir

    return model_cache_dir(settings_or_cache_dir)


def build_semantic_escalation(rules: EscalationDetector, settings_or_cache_dir,
                              exemplars_path: Path = EXEMPLARS_PATH, background: Sequence[str] = (),
                              background_vectors: np.ndarray | None = None,
                              training_path: Path = TRAINING_PATH) -> EscalationDetector:
    """The rules wrapped with the semantic layer, or the rules alone when no encoder can run here.

    Vectors and classifier weights are cached in the model folder, so a start-up after the first
    neither re-encodes the few thousand training utterances nor fits the classifier again."""
    from app.nlu.encoder import load_sentence_encoder

    cache_dir = cache_dir_of(settings_or_cache_dir)
    try:
        encoder = load_sentence_encoder(cache_dir)
    except Exception:
        log.exception("sentence encoder failed to load; escalation uses rules only")
        return rules
    if encoder is None:
        return rules
    return SemanticEscalationDetector(rules, encoder, load_exemplars(exemplars_path),
                                      thresholds=load_thresholds(exemplars_path), background=background,
                                      background_vectors=background_vectors,
                                      training=load_training(training_path), cache_dir=cache_dir)
