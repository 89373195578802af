"""A sentence-embedding second opinion for the always-escalate rules, for phrasings no rule foresaw."""
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

log = logging.getLogger(__name__)

EXEMPLARS_PATH = Path(__file__).with_name("escalation_exemplars.yaml")
NONE = "none"
_CLAUSES = re.compile(r"[.!?;]+\s+|\s+(?:but|pero)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Thresholds:
    """How close an utterance must come to an exemplar, per category, before it escalates.

    `margin` is how much closer than the nearest non-escalating sentence it must be; Spanish
    needs `spanish_offset` more because the model is an English one (Spanish sentences sit
    closer to each other). Chosen on the development sets: python -m bench.escalation_semantic --tune.
    """

    default: float = 0.60
    per_category: Mapping[str, float] = field(default_factory=dict)
    spanish_offset: float = 0.10
    margin: float = 0.10

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
    return Thresholds(float(data.get("default", defaults.default)), {k: float(v) for k, v in per.items()},
                      float(data.get("spanish_offset", defaults.spanish_offset)),
                      float(data.get("margin", defaults.margin)))


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


def clauses(text: str) -> list[str]:
    """The whole utterance plus its sentences/clauses, so a request buried after small talk still counts."""
    parts = [p.strip() for p in _CLAUSES.split(text) if p and len(p.split()) >= 3]
    whole = text.strip()
    return [whole] + [p for p in parts if p != whole]


@dataclass(frozen=True)
class SemanticScore:
    """Nearest escalation exemplar, nearest non-escalation exemplar, for one utterance."""

    escalation: Exemplar
    escalation_score: float
    none: Exemplar
    none_score: float


class SemanticEscalationDetector:
    """Rules first; when they find nothing in a final transcript, nearest-exemplar matching decides.

    `background` is what callers of this business ordinarily say (the call types' examples, the
    knowledge questions, generic off-topic requests): it joins the `none` exemplars, so a booking
    or an office question that merely sounds like an escalation finds its own kind first.
    """

    def __init__(self, rules: EscalationDetector, encoder, exemplars: Sequence[Exemplar] | None = None,
                 *, thresholds: Thresholds | None = None, background: Sequence[str] = (),
                 background_vectors: np.ndarray | None = None) -> None:
        """`background_vectors`, when given, are the background's vectors already computed (row for row)."""
        self.rules = rules
        self.encoder = encoder
        self.thresholds = thresholds if thresholds is not None else load_thresholds()
        own = list(exemplars) if exemplars is not None else load_exemplars()
        if background_vectors is None:
            background = [t for t in dict.fromkeys(background) if t not in {e.text for e in own}]
        self.exemplars = own + [Exemplar(t, NONE, "any") for t in background]
        self._is_none = np.array([e.category == NONE for e in self.exemplars])
        self._vectors = None
        if encoder is not None:
            given = background_vectors is not None and len(background_vectors) == len(background)
            texts = [e.text for e in (own if given else self.exemplars)]
            vectors = np.asarray(encoder.encode(texts), dtype=np.float32)
            self._vectors = np.vstack([vectors, np.asarray(background_vectors, dtype=np.float32)]) if given else vectors
            # split once: a few hundred escalation rows, and the (possibly large) ordinary ones, each contiguous
            self._escalating_rows = np.flatnonzero(~self._is_none)
            self._ordinary_rows = np.flatnonzero(self._is_none)
            self._escalating = np.ascontiguousarray(self._vectors[self._escalating_rows])
            self._ordinary = np.ascontiguousarray(self._vectors[self._ordinary_rows])

    def score(self, text: str) -> SemanticScore | None:
        """Best escalation and best non-escalation similarity over the utterance and its clauses."""
        if self._vectors is None or not text or not text.strip():
            return None
        vectors = np.asarray(self.encoder.encode(clauses(text)), dtype=np.float32)
        sims = vectors @ self._escalating.T  # unit vectors: cosine similarity
        row, col = np.unravel_index(int(np.argmax(sims)), sims.shape)
        # the non-escalation side is judged on the same piece of the utterance
        none_sims = self._ordinary @ vectors[row]
        none_col = int(np.argmax(none_sims))
        return SemanticScore(self.exemplars[self._escalating_rows[col]], float(sims[row, col]),
                             self.exemplars[self._ordinary_rows[none_col]], float(none_sims[none_col]))

    def decide(self, found: SemanticScore | None, language: str) -> EscalationHit | None:
        """Fire only above the category's threshold and clearly above the nearest look-alike."""
        if found is None:
            return None
        exemplar = found.escalation
        if found.escalation_score < self.thresholds.limit(exemplar.category, language):
            return None
        if found.escalation_score - found.none_score < self.thresholds.margin:
            return None
        return EscalationHit(exemplar.category,
                             f'semantic match to "{exemplar.text}" ({found.escalation_score:.2f}; '
                             f'nearest ordinary request {found.none_score:.2f})',
                             language if language in ("en", "es") else exemplar.language,
                             round(found.escalation_score, 3))

    def detect(self, text: str, language: str, *, partial: bool = False) -> EscalationHit | None:
        """The rules' answer when they have one; a semantic match on final transcripts otherwise."""
        hit = self.rules.detect(text, language, partial=partial)
        if hit is not None or partial or self._vectors is None:
            return hit
        if self.rules.is_question_about_bot(text, language) or self._declined(text, language):
            return None
        try:
            return self.decide(self.score(text), language)
        except Exception:
            log.exception("semantic escalation check failed; rules only for this utterance")
            return None

    def is_question_about_bot(self, text: str, language: str) -> bool:
        return self.rules.is_question_about_bot(text, language)

    def _declined(self, text: str, language: str) -> bool:
        """The rules heard a negated request ("I don't need a person"): not ours to overrule."""
        declined = getattr(self.rules, "declined", None)
        return bool(declined and declined(text, language))


def cache_dir_of(settings_or_cache_dir) -> Path:
    """A cache folder from Settings (its data_dir/models) or from a path given directly."""
    if isinstance(settings_or_cache_dir, (str, Path)):
        return Path(settings_or_cache_dir)
    data_dir = getattr(settings_or_cache_dir, "data_dir", None)
    if data_dir is None:
        raise TypeError("expected Settings (with data_dir) or a cache folder path")
    return Path(data_dir) / "models"


def build_semantic_escalation(rules: EscalationDetector, settings_or_cache_dir,
                              exemplars_path: Path = EXEMPLARS_PATH, background: Sequence[str] = (),
                              background_vectors: np.ndarray | None = None) -> EscalationDetector:
    """The rules wrapped with the semantic layer, or the rules alone when no encoder can run here."""
    from app.nlu.encoder import load_sentence_encoder

    try:
        encoder = load_sentence_encoder(cache_dir_of(settings_or_cache_dir))
    except Exception:
        log.exception("sentence encoder failed to load; escalation uses rules only")
        return rules
    if encoder is None:
        return rules
    return SemanticEscalationDetector(rules, encoder, load_exemplars(exemplars_path),
                                      thresholds=load_thresholds(exemplars_path), background=background,
                                      background_vectors=background_vectors)
