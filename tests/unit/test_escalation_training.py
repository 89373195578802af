"""Labelled training utterances for the escalation classifier: the build step, the file, the cache."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from app.nlu import escalation_classifier as ec
from app.nlu.escalation_training import (
    TRAINING_PATH,
    TrainingRow,
    load_training_rows,
    read_training_rows,
    write_training_rows,
)
from app.nlu.semantic_escalation import (
    Exemplar,
    SemanticEscalationDetector,
    Thresholds,
    build_semantic_escalation,
    load_exemplars,
    load_training,
)
from bench.escalation import DEV_DATA
from bench.escalation_training import training_rows
from tests.unit.test_semantic_escalation import BagEncoder, StubRules

EXEMPLARS = [
    Exemplar("get me a human person", "human_request", "en"),
    Exemplar("everything is hopeless and pointless", "mental_health", "en"),
    Exemplar("book a cleaning", "none", "en"),
    Exemplar("are you open saturday", "none", "en"),
]


def write_set(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"text": t, "category": c, "language": "en"}) + "\n" for t, c in rows))
    return path


def test_build_keeps_each_dev_utterance_once_and_drops_exemplars_conflicts_and_excluded(tmp_path):
    first = write_set(tmp_path / "one.jsonl", [("Put me through to staff", "human_request"), ("book a cleaning", "none"),
                                              ("refund please", "legal"), ("open saturday?", "none")])
    second = write_set(tmp_path / "two.jsonl", [("put me through to staff!", "human_request"),
                                                ("refund please", "none"), ("my child is sick", "minors")])
    later = write_set(tmp_path / "later.jsonl", [("Open Saturday", "none")])
    rows = training_rows([first, second], exemplar_texts=["Book a cleaning"])
    assert [(r.text, r.category, r.source) for r in rows] == [
        ("Put me through to staff", "human_request", "one"), ("open saturday?", "none", "one"),
        ("my child is sick", "minors", "two")]
    assert [r.text for r in training_rows([first, second], exemplar_texts=[], exclude=[later])] == [
        "Put me through to staff", "book a cleaning", "my child is sick"]


def test_training_file_round_trips_and_rejects_unknown_labels(tmp_path):
    path = tmp_path / "t.jsonl"
    rows = [TrainingRow("¿puedo hablar con alguien?", "human_request", "es", "dev"), TrainingRow("hi", "none", "en")]
    write_training_rows(rows, path)
    assert read_training_rows(path) == rows
    path.write_text('{"text": "hello", "category": "billing"}\n')
    with pytest.raises(ValueError, match="billing"):
        read_training_rows(path)
    assert load_training_rows(tmp_path / "missing.jsonl") == []


def test_shipped_training_file_is_what_the_build_step_makes_from_the_dev_sets():
    shipped = {(r.text, r.category) for r in read_training_rows(TRAINING_PATH)}
    built = {(r.text, r.category) for r in training_rows(DEV_DATA)}
    assert shipped and shipped <= built
    assert len(shipped) >= 0.95 * len(built), "rebuild with python -m bench.escalation_training"
    exemplar_texts = {e.text for e in load_exemplars()}
    assert not exemplar_texts & {text for text, _ in shipped}


def test_training_utterances_teach_the_classifier_but_are_not_exemplars():
    thresholds = Thresholds(0.5, {}, 0.0, 0.05, blend=0.0, strength=16.0)
    taught = [Exemplar("staff staff", "human_request", "en"), Exemplar("refund saturday", "none", "en")]
    plain = SemanticEscalationDetector(StubRules(), BagEncoder(), EXEMPLARS, thresholds=thresholds)
    trained = SemanticEscalationDetector(StubRules(), BagEncoder(), EXEMPLARS, thresholds=thresholds, training=taught)
    assert [e.text for e in trained.exemplars] == [e.text for e in plain.exemplars]
    assert plain.detect("staff please", "en") is None
    hit = trained.detect("staff please", "en")
    assert hit is not None and hit.category == "human_request"
    neighbours = SemanticEscalationDetector(StubRules(), BagEncoder(), EXEMPLARS, training=taught,
                                            thresholds=Thresholds(0.5, {}, 0.0, 0.05, blend=0.0, training_neighbours=True))
    assert {"staff staff", "refund saturday"} <= {e.text for e in neighbours.exemplars} and not neighbours.training


def test_shipped_layer_trains_on_the_shipped_file_unless_exemplars_are_given():
    shipped = SemanticEscalationDetector(StubRules(), BagEncoder(), thresholds=Thresholds(blend=0.5))
    assert len(shipped.training) == len({r.text for r in load_training()} - {e.text for e in load_exemplars()})
    assert len(shipped.training) > 1000
    assert SemanticEscalationDetector(StubRules(), BagEncoder(), EXEMPLARS, thresholds=Thresholds(blend=0.5)).training == []


def test_classifier_weights_are_reused_for_the_same_examples_only(tmp_path):
    fits = []

    def counting(vectors, labels, **kwargs):
        fits.append(len(labels))
        return ec.train_linear_model(vectors, labels, **kwargs)

    vectors = BagEncoder().encode(["staff staff", "book a cleaning", "refund refund"])
    labels = ["human_request", "none", "legal"]
    first = ec.train_linear_model_cached(vectors, labels, tmp_path, strength=4.0, train=counting)
    again = ec.train_linear_model_cached(vectors, labels, tmp_path, strength=4.0, train=counting)
    assert fits == [3] and again.classes == first.classes
    assert np.allclose(again.probabilities(vectors), first.probabilities(vectors))
    ec.train_linear_model_cached(vectors, ["human_request", "none", "none"], tmp_path, strength=4.0, train=counting)
    ec.train_linear_model_cached(vectors, labels, tmp_path, strength=16.0, train=counting)
    assert len(fits) == 3


def test_built_layer_caches_training_vectors_and_weights(monkeypatch, tmp_path):
    import app.nlu.encoder as encoder_module

    training = tmp_path / "training.jsonl"
    write_training_rows([TrainingRow("staff staff please", "human_request", "en"),
                         TrainingRow("refund saturday", "none", "en")], training)
    encoders = []

    def load(cache_dir, **kw):
        encoders.append(BagEncoder())
        return encoders[-1]

    monkeypatch.setattr(encoder_module, "load_sentence_encoder", load)
    built = build_semantic_escalation(StubRules(), tmp_path, training_path=training)
    learned = {e.text for e in built.exemplars + built.training}
    assert {"staff staff please", "refund saturday"} <= learned
    assert list(tmp_path.glob("emb-*.npy")) and list(tmp_path.glob("escalation-lr-*.npz"))
    again = build_semantic_escalation(StubRules(), tmp_path, training_path=training)
    assert encoders[-1].calls == 0, "exemplar and training vectors come from the cache"
    assert np.allclose(again.classifier.weights, built.classifier.weights)


def test_character_ngrams_tell_apart_what_the_vectors_cannot_and_survive_the_cache(tmp_path):
    class Blind:
        """Every text gets the same vector: only the n-grams can separate them."""

        name = "blind"

        def encode(self, texts):
            return np.ones((len(texts), 3), dtype=np.float32) / np.sqrt(3)

    texts = ["operator please", "operater pls", "get the operator", "book a cleaning", "cleaning on friday",
             "book cleaning"]
    labels = ["human_request"] * 3 + ["none"] * 3
    vectors = Blind().encode(texts)
    plain = ec.train_linear_model(vectors, labels, strength=16.0)
    assert np.allclose(plain.probabilities(vectors)[0], plain.probabilities(vectors)[-1])
    model = ec.train_linear_model_cached(vectors, labels, tmp_path, strength=16.0, texts=texts)
    asked = ["operator now", "a cleaning"]
    column = model.column("human_request")
    first = model.probabilities(Blind().encode(asked), asked)[:, column]
    assert first[0] > 0.5 > first[1]
    with pytest.raises(ValueError, match="texts"):
        model.probabilities(Blind().encode(asked))
    restored = ec.train_linear_model_cached(vectors, labels, tmp_path, strength=16.0, texts=texts,
                                            train=lambda *a, **k: pytest.fail("weights should come from the cache"))
    assert np.allclose(restored.probabilities(Blind().encode(asked), asked)[:, column], first, atol=1e-6)
