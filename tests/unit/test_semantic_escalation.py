"""The semantic escalation layer: rules first, exemplar matching with threshold and margin, safe fallbacks."""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from app.engine.understanding import EscalationHit
from app.flows.schema import ALWAYS_ESCALATE
from app.nlu import semantic_escalation as se
from app.nlu.semantic_escalation import (
    EXEMPLARS_PATH,
    Exemplar,
    SemanticEscalationDetector,
    Thresholds,
    build_semantic_escalation,
    clauses,
    load_exemplars,
    load_thresholds,
)

VOCAB = ["person", "human", "staff", "hopeless", "pointless", "book", "cleaning", "refund", "saturday", "open"]


class BagEncoder:
    """Unit vectors over a tiny vocabulary: deterministic stand-in for the sentence model."""

    name = "bag"

    def __init__(self, vocabulary: list[str] | None = None) -> None:
        self.calls = 0
        self.vocabulary = vocabulary or VOCAB

    def encode(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), len(self.vocabulary) + 1), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for i, word in enumerate(self.vocabulary):
                out[row, i] = words.count(word)
            out[row, -1] = 0.1
            out[row] /= np.linalg.norm(out[row])
        return out


class StubRules:
    def __init__(self, hit: EscalationHit | None = None, bot: bool = False) -> None:
        self.hit, self.bot, self.seen = hit, bot, []

    def detect(self, text, language, *, partial=False):
        self.seen.append((text, partial))
        return self.hit

    def is_question_about_bot(self, text, language):
        return self.bot


EXEMPLARS = [
    Exemplar("get me a human person", "human_request", "en"),
    Exemplar("everything is hopeless and pointless", "mental_health", "en"),
    Exemplar("I want a refund", "legal", "en"),
    Exemplar("book a cleaning", "none", "en"),
    Exemplar("are you open saturday", "none", "en"),
]


def detector(rules=None, *, default=0.6, categories=None, spanish_offset=0.1, margin=0.08,
             background=()) -> SemanticEscalationDetector:
    thresholds = Thresholds(default, categories or {}, spanish_offset, margin)
    return SemanticEscalationDetector(rules or StubRules(), BagEncoder(), EXEMPLARS, thresholds=thresholds,
                                      background=background)


def test_fires_on_nearest_escalation_exemplar_with_evidence():
    hit = detector().detect("honestly it all feels pointless", "en")
    assert hit is not None and hit.category == "mental_health"
    assert hit.evidence.startswith('semantic match to "everything is hopeless and pointless" (')
    assert 0.6 <= hit.score <= 1.0 and hit.language == "en"


def test_non_escalation_look_alike_wins():
    assert detector().detect("I'd like to book a cleaning", "en") is None


def test_margin_blocks_ties_between_escalation_and_none():
    # "human" and "book" equally present: close to both sides, so no escalation
    assert detector(margin=0.05).detect("human book", "en") is None
    assert detector(margin=0.0, default=0.3).detect("human book", "en") is not None


def test_spanish_needs_the_offset_more():
    text = "a person please"
    assert detector(default=0.5, spanish_offset=0.49).detect(text, "en") is not None
    assert detector(default=0.5, spanish_offset=0.49).detect(text, "es") is None


def test_threshold_per_category():
    text = "honestly it all feels pointless"
    assert detector(categories={"mental_health": 0.99}).detect(text, "en") is None
    assert detector(default=0.99, categories={"mental_health": 0.5}).detect(text, "en").category == "mental_health"


def test_background_requests_count_as_ordinary():
    # a business whose callers routinely say "refund saturday" (say, a shop's returns desk)
    assert detector(margin=0.05).detect("refund saturday", "en") is not None
    assert detector(margin=0.05, background=["refund on saturday"]).detect("refund saturday", "en") is None


def test_evidence_names_the_nearest_ordinary_request_score():
    hit = detector().detect("honestly it all feels pointless", "en")
    assert "nearest ordinary request" in hit.evidence


def test_shipped_thresholds_load_and_bad_ones_are_clear_errors(tmp_path):
    shipped = load_thresholds()
    assert set(shipped.per_category) <= set(ALWAYS_ESCALATE) and 0 < shipped.margin < 0.5
    bad = tmp_path / "t.yaml"
    bad.write_text("thresholds:\n  categories:\n    weather: 0.5\n")
    with pytest.raises(ValueError, match="unknown categories"):
        load_thresholds(bad)
    bad.write_text("thresholds: [1, 2]\n")
    with pytest.raises(ValueError, match="mapping"):
        load_thresholds(bad)


def test_rules_answer_first_and_encoder_not_used():
    rule_hit = EscalationHit("safety", "rule", "en", 1.0)
    d = detector(StubRules(rule_hit))
    calls = d.encoder.calls
    assert d.detect("it all feels pointless", "en") is rule_hit
    assert d.encoder.calls == calls


def test_partial_transcripts_are_rules_only():
    rules = StubRules()
    assert detector(rules).detect("it all feels pointless", "en", partial=True) is None
    assert rules.seen == [("it all feels pointless", True)]


def test_question_about_bot_is_not_escalated():
    d = detector(StubRules(bot=True))
    assert d.detect("are you a human person", "en") is None
    assert d.is_question_about_bot("are you a human person", "en") is True


def test_encoder_failure_falls_back_to_rules():
    d = detector()
    d.encoder.encode = lambda texts: (_ for _ in ()).throw(RuntimeError("boom"))
    assert d.detect("it all feels pointless", "en") is None


def test_clauses_keep_whole_and_pieces():
    assert clauses("I want to book. But honestly everything is pointless") == [
        "I want to book. But honestly everything is pointless", "I want to book", "But honestly everything is pointless"]


def test_shipped_exemplars_cover_every_category_in_both_languages():
    exemplars = load_exemplars()
    for category in (*ALWAYS_ESCALATE, "none"):
        assert {e.language for e in exemplars if e.category == category} >= {"en", "es"}, category


def _benchmark_texts(paths) -> set[str]:
    import json

    from app.engine.escalation import normalize_text

    return {normalize_text(json.loads(line)["text"])
            for path in paths for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()}


def test_shipped_exemplars_are_not_benchmark_utterances():
    from app.engine.escalation import normalize_text

    bench = Path(__file__).resolve().parents[2] / "bench/data"
    texts = _benchmark_texts(sorted(bench.glob("escalation*.jsonl")))
    assert texts, "benchmark data missing"
    assert not [e.text for e in load_exemplars() if normalize_text(e.text) in texts]


def test_shipped_training_data_holds_no_held_out_utterance():
    """The training data comes from the development sets; a held-out utterance in it would make the
    held-out figures meaningless. Only a count is reported, so a failure prints no held-out text."""
    from app.engine.escalation import normalize_text
    from app.nlu.escalation_training import read_training_rows
    from bench.escalation import HELD_OUT_DATA

    held_out = _benchmark_texts([p for p in HELD_OUT_DATA if p.exists()])
    assert held_out, "held-out data missing"
    training = read_training_rows()
    assert len(training) > 1000
    overlap = sum(1 for row in training if normalize_text(row.text) in held_out)
    assert overlap == 0, f"{overlap} training utterances are held-out utterances"


def test_bad_exemplar_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("categories:\n  nonsense:\n    en: [hello]\n")
    with pytest.raises(ValueError, match="unknown category"):
        load_exemplars(bad)
    bad.write_text("categories:\n  legal:\n    en: [I want a refund]\n")
    with pytest.raises(ValueError, match="none"):
        load_exemplars(bad)


def test_build_returns_rules_when_encoder_absent(monkeypatch, tmp_path):
    import app.nlu.encoder as encoder_module

    monkeypatch.setattr(encoder_module, "load_sentence_encoder", lambda cache_dir, **kw: None)
    rules = StubRules()
    assert build_semantic_escalation(rules, tmp_path) is rules


def test_build_wraps_rules_when_encoder_present(monkeypatch, tmp_path):
    import app.nlu.encoder as encoder_module

    seen = []
    monkeypatch.setattr(encoder_module, "load_sentence_encoder", lambda cache_dir, **kw: seen.append(cache_dir) or BagEncoder())

    class FakeSettings:
        data_dir = tmp_path

    built = build_semantic_escalation(StubRules(), FakeSettings())
    assert isinstance(built, SemanticEscalationDetector) and built.rules is not None
    own = len(load_exemplars(EXEMPLARS_PATH))
    assert seen == [tmp_path / "models"] and len(built.exemplars) + len(built.training) > own + 1000
    assert (not built.training) == load_thresholds().training_neighbours  # training rows as neighbours, or classifier-only
    with_background = build_semantic_escalation(StubRules(), tmp_path, background=["book a visit", "book a visit"])
    assert len(with_background.exemplars) == len(built.exemplars) + 1
    assert se.cache_dir_of(str(tmp_path)) == tmp_path


def test_a_request_the_rules_heard_negated_is_not_overruled():
    class Declining(StubRules):
        def declined(self, text, language):
            return True

    assert detector(Declining()).detect("honestly it all feels pointless", "en") is None


class NamingRules(StubRules):
    """Rules that say whether an utterance names a person, as the policy's rules do."""

    def mentions_someone(self, text):
        return bool(re.search(r"\b(?:person|human|staff|somebody)\b", text.lower()))


def test_a_request_for_a_person_must_name_someone_or_talking_to_them():
    # "open" alone sits near no person exemplar, so make a bag that is close to the human exemplar
    # without naming anyone: only the guard can stop it
    class Near(BagEncoder):
        def encode(self, texts):
            out = super().encode(texts)
            for row, text in enumerate(texts):
                if "text me" in text:
                    out[row] = super().encode(["get me a human person"])[0]
            return out

    semantic = SemanticEscalationDetector(NamingRules(), Near(), EXEMPLARS, thresholds=Thresholds(0.6, {}, 0.1, 0.08))
    assert semantic.detect("yes you can text me", "en") is None
    hit = semantic.detect("a human person please", "en")
    assert hit is not None and hit.category == "human_request"
    unguarded = SemanticEscalationDetector(StubRules(), Near(), EXEMPLARS, thresholds=Thresholds(0.6, {}, 0.1, 0.08))
    assert unguarded.detect("yes you can text me", "en") is not None  # the guard is what stops it


def test_the_policy_rules_know_who_is_named():
    from app.engine.escalation import build_escalation_detector
    from app.flows.loader import load_flows

    rules = build_escalation_detector(load_flows(Path(__file__).resolve().parents[2] / "flows").escalation,
                                      people=["Maria Lopez"])
    for text in ("could somebody pick up", "transfer me please", "not a machine", "quiero hablar con alguien",
                 "can I talk to Maria Lopez", "is the office manager in"):
        assert rules.mentions_someone(text), text
    for text in ("yes you can text me", "next Tuesday at ten", "that's right", "sí, está bien"):
        assert not rules.mentions_someone(text), text
