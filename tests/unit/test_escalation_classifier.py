"""The linear escalation classifier, and the semantic layer's blend of it with nearest-exemplar matching."""
from __future__ import annotations

import re

import numpy as np
import pytest

from app.engine.understanding import EscalationHit
from app.nlu.escalation_classifier import LinearModel, train_linear_model
from app.nlu.semantic_escalation import (
    Exemplar,
    SemanticEscalationDetector,
    Thresholds,
    load_thresholds,
)
from tests.unit.test_semantic_escalation import BagEncoder as SemanticBag

VOCAB = ["talk", "person", "receptionist", "name", "refund", "insurance", "already", "book", "cleaning"]


def BagEncoder() -> SemanticBag:
    """Unit vectors over this file's tiny vocabulary, so tests can reason about similarity by hand."""
    return SemanticBag(VOCAB)


class Rules:
    """Stand-in rules: silent, except on texts containing `escalates`; `settled`/`mentions_exclusion` as given."""

    def __init__(self, escalates: str = "", settled: bool = False, excluded: str = "") -> None:
        self.escalates, self._settled, self.excluded = escalates, settled, excluded

    def detect(self, text, language, *, partial=False):
        if self.escalates and self.escalates in text:
            return EscalationHit("human_request", "rule", "en", 1.0)
        return None

    def is_question_about_bot(self, text, language):
        return False

    def settled(self, text, language):
        return self._settled

    def mentions_exclusion(self, text, category):
        return bool(self.excluded) and self.excluded in text


# The receptionist is mentioned on both sides: only "talk" tells a request from a question.
EXEMPLARS = [
    Exemplar("talk to the receptionist", "human_request", "en"),
    Exemplar("talk to a person", "human_request", "en"),
    Exemplar("talk person", "human_request", "en"),
    Exemplar("refund refund", "legal", "en"),
    Exemplar("the receptionist name", "none", "en"),
    Exemplar("name of the receptionist", "none", "en"),
    Exemplar("insurance already refund", "none", "en"),
    Exemplar("book a cleaning", "none", "en"),
]


def blended(rules=None, *, blend=0.5, limit=0.5, margin=0.05, background=()) -> SemanticEscalationDetector:
    thresholds = Thresholds(limit, {}, 0.0, margin, blend, 16.0)
    return SemanticEscalationDetector(rules or Rules(), BagEncoder(), EXEMPLARS, thresholds=thresholds,
                                      background=background)


def test_probabilities_are_a_distribution_per_row():
    model = LinearModel(("a", "b", "c"), np.eye(3, dtype=np.float32), np.zeros(3, dtype=np.float32))
    p = model.probabilities(np.array([[5.0, 0, 0], [0, 0, 1.0]], dtype=np.float32))
    assert np.allclose(p.sum(axis=1), 1.0)
    assert p[0].argmax() == model.column("a") and p[1].argmax() == model.column("c")


def test_training_separates_what_examples_separate():
    rng = np.random.default_rng(0)
    ask = rng.normal([3, 0], 0.3, (20, 2))
    mention = rng.normal([0, 3], 0.3, (20, 2))
    model = train_linear_model(np.vstack([ask, mention]), ["human_request"] * 20 + ["none"] * 20)
    p = model.probabilities(np.array([[3.0, 0.0], [0.0, 3.0]]))
    assert p[0, model.column("human_request")] > 0.9
    assert p[1, model.column("none")] > 0.9


def test_training_needs_two_classes():
    with pytest.raises(ValueError, match="two classes"):
        train_linear_model(np.ones((3, 2)), ["none"] * 3)


def test_a_mention_near_a_request_exemplar_is_held_back_by_the_classifier():
    # "person person name" is nearer to "talk person" than to any ordinary sentence, so nearest-exemplar
    # matching escalates it; the classifier learned from the ordinary sentences that "name" is a mention
    text = "person person name"
    nearest_only = blended(blend=1.0, limit=0.3)
    assert nearest_only.classifier is None
    assert nearest_only.detect(text, "en").category == "human_request"
    with_classifier = blended(blend=0.0, limit=0.5)
    assert with_classifier.detect(text, "en") is None
    assert with_classifier.detect("talk person please", "en").category == "human_request"


def test_evidence_names_exemplar_ordinary_score_and_probability():
    hit = blended().detect("talk person please", "en")
    assert hit is not None
    assert re.match(r'semantic match to "talk (?:to a )?person" \(1\.00; ', hit.evidence)
    assert "nearest ordinary request" in hit.evidence and "classifier" in hit.evidence
    assert 0.0 < hit.score <= 1.0


def test_background_the_rules_escalate_is_not_taught_as_ordinary():
    kept = blended(Rules(escalates="talk"), background=["please talk to a person", "book a cleaning soon"])
    texts = {e.text for e in kept.exemplars}
    assert "book a cleaning soon" in texts and "please talk to a person" not in texts


def test_background_vectors_are_filtered_row_for_row():
    background = ["please talk to a person", "book a cleaning soon"]
    vectors = BagEncoder().encode(background)
    kept = blended(Rules(escalates="talk"), background=background)
    given = SemanticEscalationDetector(Rules(escalates="talk"), BagEncoder(), EXEMPLARS,
                                       thresholds=kept.thresholds, background=background,
                                       background_vectors=vectors)
    assert [e.text for e in given.exemplars] == [e.text for e in kept.exemplars]
    assert np.allclose(given._vectors, kept._vectors, atol=1e-6)


def test_settled_silences_urgency_and_disputes_but_not_a_request_for_a_person():
    assert blended(Rules(settled=True)).detect("refund refund now", "en") is None
    assert blended(Rules()).detect("refund refund now", "en").category == "legal"
    assert blended(Rules(settled=True)).detect("talk person please", "en").category == "human_request"


def test_operator_look_alikes_silence_their_category():
    assert blended(Rules(excluded="refund")).detect("refund refund now", "en") is None


def test_no_classifier_means_rules_only_when_thresholds_expect_one(monkeypatch):
    import app.nlu.semantic_escalation as se

    def broken(*args, **kwargs):
        raise ImportError("no scikit-learn here")

    monkeypatch.setattr(se, "train_linear_model", broken)
    detector = blended()
    assert detector.classifier is None
    assert detector.detect("talk person please", "en") is None


def test_shipped_thresholds_use_the_classifier(tmp_path):
    shipped = load_thresholds()
    assert 0.0 <= shipped.blend < 1.0 and shipped.strength > 0
    bad = tmp_path / "t.yaml"
    bad.write_text("thresholds:\n  blend: 1.5\n")
    with pytest.raises(ValueError, match="blend"):
        load_thresholds(bad)
