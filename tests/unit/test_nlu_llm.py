"""The language-model classifier with the real openai client against a local stand-in server."""
from __future__ import annotations

import json

import openai
import pytest

from app.engine.understanding import OUT_OF_SCOPE, IntentPrediction
from app.flows.loader import load_flows
from app.nlu.llm import LLMClassifier, load_prompt, parse_answer, LLMAnswerError
from app.config import PROJECT_ROOT
from tests.standins.openai_chat import ChatStandin


class Fallback:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def classify(self, text: str) -> IntentPrediction:
        self.calls.append(text)
        return IntentPrediction("book_appointment", 0.42, (), "embedded")


@pytest.fixture()
def standin():
    with ChatStandin() as server:
        yield server


@pytest.fixture()
def make(flows_dir, standin):
    flows = load_flows(flows_dir)

    def build(timeout: float = 2.0):
        client = openai.OpenAI(api_key="test-key", base_url=standin.base_url, max_retries=0)
        fallback = Fallback()
        clf = LLMClassifier(client, "test-model", flows, fallback=fallback,
                            prompt=load_prompt(PROJECT_ROOT / "prompts", "classify"), timeout=timeout)
        return clf, fallback
    return build


def test_valid_answer_is_used(make, standin):
    standin.script.content = '{"call_type": "cancel_appointment", "confidence": 0.93}'
    clf, fallback = make()
    prediction = clf.classify("I can't make it tomorrow, please cancel")
    assert (prediction.intent, prediction.confidence, prediction.source) == ("cancel_appointment", 0.93, "llm")
    assert fallback.calls == []
    request = standin.script.requests[-1]
    system = request["body"]["messages"][0]["content"]
    assert "cancel_appointment" in system and "running_late" in system and "Bright Smile Dental" in system
    assert request["body"]["messages"][1]["content"] == "I can't make it tomorrow, please cancel"
    assert request["auth"] == "Bearer test-key"


def test_unknown_call_type_becomes_out_of_scope(make, standin):
    standin.script.content = '{"call_type": "order_pizza", "confidence": 0.99}'
    clf, fallback = make()
    assert clf.classify("one large pepperoni").intent == OUT_OF_SCOPE
    assert fallback.calls == []


def test_answer_wrapped_in_prose_is_accepted(make, standin):
    standin.script.content = 'Sure! {"call_type": "running_late", "confidence": 0.8} hope that helps'
    clf, _ = make()
    assert clf.classify("I'm running ten minutes late").intent == "running_late"


def test_server_error_falls_back(make, standin):
    standin.script.status = 500
    clf, fallback = make()
    prediction = clf.classify("I need a cleaning")
    assert prediction.source == "embedded" and fallback.calls == ["I need a cleaning"]


def test_timeout_falls_back(make, standin):
    standin.script.delay = 1.5
    clf, fallback = make(timeout=0.3)
    assert clf.classify("book me in please").intent == "book_appointment"
    assert fallback.calls == ["book me in please"]


def test_garbage_answer_falls_back(make, standin):
    standin.script.content = "I think they want to book something"
    clf, fallback = make()
    assert clf.classify("hello").source == "embedded"
    assert len(fallback.calls) == 1


@pytest.mark.parametrize("content,expected", [
    ('{"call_type": "x", "confidence": 2}', ("x", 1.0)),
    ('{"call_type": "x", "confidence": "high"}', ("x", 0.8)),
    ('{"intent": "out_of_scope"}', (OUT_OF_SCOPE, 0.8)),
])
def test_parse_answer(content, expected):
    assert parse_answer(content, {"x"}) == expected


@pytest.mark.parametrize("content", [None, "", "{not json}", '{"confidence": 0.5}'])
def test_parse_answer_rejects(content):
    with pytest.raises(LLMAnswerError):
        parse_answer(content, {"x"})


def test_missing_prompt_names_the_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="classify.md"):
        load_prompt(tmp_path, "classify")
