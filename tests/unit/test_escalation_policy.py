"""The operator's escalation.yaml: phrases, patterns, people and exclusions extend the built-in rules."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from app.engine.escalation import build_escalation_detector
from app.flows.loader import load_flows
from app.flows.schema import EscalationPolicy


def _copy_with(flows_dir: Path, tmp_path: Path, edit) -> Path:
    target = tmp_path / "flows"
    shutil.copytree(flows_dir, target)
    path = target / "escalation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def test_operator_phrase_added_in_yaml_escalates(flows_dir, tmp_path):
    text = "the sedation wore off and I see flashing lights"
    assert build_escalation_detector(load_flows(flows_dir).escalation).detect(text, "en") is None

    def edit(data):
        data["categories"]["safety"]["match"]["en"]["phrases"].append("flashing lights")
    flows = load_flows(_copy_with(flows_dir, tmp_path, edit))
    hit = build_escalation_detector(flows.escalation).detect(text, "en")
    assert hit is not None and hit.category == "safety"
    assert "flashing lights" in hit.evidence and "escalation.yaml" in hit.evidence


def test_operator_phrase_respects_negation(flows_dir, tmp_path):
    def edit(data):
        data["categories"]["legal"]["match"]["en"]["phrases"].append("store credit")
    detector = build_escalation_detector(load_flows(_copy_with(flows_dir, tmp_path, edit)).escalation)
    assert detector.detect("I want store credit for this", "en").category == "legal"
    assert detector.detect("I don't want store credit", "en") is None


def test_operator_pattern_and_partial_flag(flows_dir, tmp_path):
    def edit(data):
        data["categories"]["mental_health"]["match"]["es"]["patterns"] = [r"\bme siento (?:muy )?sol[oa]\b"]
    detector = build_escalation_detector(load_flows(_copy_with(flows_dir, tmp_path, edit)).escalation)
    assert detector.detect("Me siento muy sola", "es").category == "mental_health"
    assert detector.detect("Me siento muy sola", "es", partial=True).category == "mental_health"


def test_operator_people_extend_the_grammar(flows_dir, tmp_path):
    def edit(data):
        data["categories"]["human_request"]["match"]["en"]["people"].append("Priya")
    detector = build_escalation_detector(load_flows(_copy_with(flows_dir, tmp_path, edit)).escalation)
    assert detector.detect("can I talk to Priya please", "en").category == "human_request"
    assert detector.detect("Priya said my crown is ready", "en") is None


def test_shipped_staff_names_are_people(flows_dir):
    detector = build_escalation_detector(load_flows(flows_dir).escalation)
    assert detector.detect("Could I speak with Dr. Patel?", "en").category == "human_request"
    assert detector.detect("Maria told me to call back today", "en") is None


def test_exclude_cancels_an_overlapping_match(flows_dir, tmp_path):
    text = "I need to talk to my insurance agent first"
    assert build_escalation_detector(load_flows(flows_dir).escalation).detect(text, "en") is None

    def edit(data):
        data["categories"]["human_request"]["exclude"]["en"]["phrases"].remove("insurance agent")
    detector = build_escalation_detector(load_flows(_copy_with(flows_dir, tmp_path, edit)).escalation)
    assert detector.detect(text, "en").category == "human_request"


def test_builtin_false_keeps_only_the_operator_phrases(flows_dir, tmp_path):
    def edit(data):
        data["categories"]["legal"]["builtin"] = False
        data["categories"]["legal"]["match"] = {"en": {"phrases": ["store credit"]}}
    detector = build_escalation_detector(load_flows(_copy_with(flows_dir, tmp_path, edit)).escalation)
    assert detector.detect("I want a refund", "en") is None
    assert detector.detect("I want store credit", "en").category == "legal"


def test_a_missing_category_is_never_detected(flows_dir):
    policy = load_flows(flows_dir).escalation
    data = policy.model_dump()
    del data["categories"]["legal"]
    detector = build_escalation_detector(EscalationPolicy.model_validate(data))
    assert detector.detect("I'm calling my lawyer", "en") is None


def test_invalid_pattern_is_a_clear_error():
    with pytest.raises(ValidationError, match="not a valid regular expression"):
        EscalationPolicy.model_validate(
            {"categories": {"legal": {"target": "x", "match": {"en": {"patterns": ["(unclosed"]}}}}})


def test_unknown_key_is_an_error():
    with pytest.raises(ValidationError):
        EscalationPolicy.model_validate(
            {"categories": {"legal": {"target": "x", "match": {"en": {"phrase": ["typo"]}}}}})


def test_shipped_policy_documents_the_sentiment_threshold(flows_dir):
    trigger = load_flows(flows_dir).escalation.triggers["negative_sentiment"]
    assert trigger.threshold is not None and -1 < trigger.threshold < 0
