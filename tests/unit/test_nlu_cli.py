"""`frontdesk classify` and `frontdesk nlu eval` on the light (n-gram) path."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli.classify import classify, classify_lines
from app.cli.nlu import nlu
from app.engine.understanding import IntentPrediction
from app.nlu.evaluate import LabeledFileError, evaluate, read_labeled

LIGHT = {"FRONTDESK_EMBEDDINGS": "none", "FRONTDESK_DATA": ""}


@pytest.fixture()
def env(tmp_path_factory):
    """One data folder for the run, so the sentence model is exported once (the model tests share it)."""
    return {**LIGHT, "FRONTDESK_DATA": str(tmp_path_factory.getbasetemp() / "frontdesk-data")}


class Echo:
    def classify(self, text):
        return IntentPrediction("a" if "a" in text else "out_of_scope", 0.5)


def test_classify_lines_keeps_order_and_uses_the_detector():
    out = list(classify_lines(["apple\n", "xyz\n", "", "banana"], Echo(),
                              escalate=lambda t: "human_request" if t == "xyz" else None))
    assert [o["text"] for o in out] == ["apple", "xyz", "", "banana"]
    assert [o["intent"] for o in out] == ["a", "out_of_scope", "out_of_scope", "a"]
    assert [o["escalate"] for o in out] == [None, "human_request", None, None]


def test_classify_command_with_call_types_folder(tmp_path, env, flows_dir):
    types = tmp_path / "types"
    types.mkdir()
    for i, (name, examples) in enumerate({"order_pizza": ["order a pizza", "I want a large pepperoni pizza",
                                                          "pizza delivery please"],
                                          "store_hours": ["what time do you open", "are you open sunday",
                                                          "when do you close"]}.items()):
        (types / f"{name}.yaml").write_text(json.dumps({"name": name, "description": name, "examples": examples}))
    result = CliRunner().invoke(classify, ["--flows", str(flows_dir), "--call-types", str(types)],
                                input="can I order a pizza\nwhen do you open on sunday\nmy car broke down\n", env=env)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["intent"] for r in rows] == ["order_pizza", "store_hours", "out_of_scope"]
    assert set(rows[0]) == {"text", "intent", "confidence", "escalate"}


def test_classify_command_bad_flows_is_a_clear_error(tmp_path, env):
    result = CliRunner().invoke(classify, ["--flows", str(tmp_path)], input="hi\n", env=env)
    assert result.exit_code != 0 and "cannot load flows" in result.output


def test_nlu_eval_text_and_json(tmp_path, env, flows_dir):
    labeled = tmp_path / "labeled.jsonl"
    rows = [("I'd like to book a cleaning", "book_appointment"), ("please cancel my appointment", "cancel_appointment"),
            ("what are your hours on friday", "office_question"), ("order me a pizza", "out_of_scope"),
            ("I'm running about ten minutes late", "running_late")]
    labeled.write_text("\n".join(json.dumps({"text": t, "intent": i}) for t, i in rows) + "\n")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(nlu, ["eval", "--flows", str(flows_dir), "--labeled", str(labeled), "--json", str(out)],
                                env=env)
    assert result.exit_code == 0, result.output
    assert "in-scope accuracy" in result.output and "out-of-scope recall" in result.output
    report = json.loads(out.read_text())
    assert report["total"] == 5
    assert set(report["per_call_type"]) >= {"book_appointment", "out_of_scope"}
    assert 0 <= report["in_scope_accuracy"] <= 1


def test_evaluate_figures():
    pairs = [("t1", "a"), ("t2", "a"), ("t3", "b"), ("t4", "out_of_scope"), ("t5", "out_of_scope")]
    report = evaluate(pairs, ["a", "b", "b", "out_of_scope", "a"], ["a", "b"])
    assert report.in_scope_accuracy == pytest.approx(2 / 3, abs=1e-3)
    assert report.out_of_scope_recall == 0.5
    assert report.per_call_type["a"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert report.confusion["a"] == {"a": 1, "b": 1}


def test_labeled_file_errors_name_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "hi", "intent": "a"}\n{"text": "no intent"}\n')
    with pytest.raises(LabeledFileError, match=r"bad.jsonl:2"):
        read_labeled(bad)
