"""The embedded call-type detector: in-scope paraphrases, out-of-scope requests, Spanish, bad input."""
from __future__ import annotations

import pytest

from app.engine.understanding import OUT_OF_SCOPE
from app.flows.loader import load_flows
from app.nlu.embedded import build_embedded_classifier
from app.nlu.intents import flows_examples

EXAMPLES = {
    "order_pizza": ["I want to order a pizza", "can I get a large pepperoni", "I'd like a pizza delivered",
                    "order a margherita for pickup", "quiero pedir una pizza"],
    "store_hours": ["what time do you open", "are you open on sunday", "when do you close tonight",
                    "what are your hours", "a qué hora abren"],
}


@pytest.fixture(scope="module")
def ngram_classifier():
    return build_embedded_classifier(EXAMPLES, encoder=None)


@pytest.fixture(scope="module")
def demo_classifier(flows_dir):
    return build_embedded_classifier(flows_examples(load_flows(flows_dir)), encoder=None)


def test_in_scope_paraphrases(ngram_classifier):
    assert ngram_classifier.classify("could I order a pepperoni pizza please").intent == "order_pizza"
    assert ngram_classifier.classify("until what time are you open today").intent == "store_hours"


def test_unrelated_request_is_out_of_scope(ngram_classifier):
    prediction = ngram_classifier.classify("my credit card was stolen and I need to freeze it")
    assert prediction.intent == OUT_OF_SCOPE
    assert 0.0 <= prediction.confidence <= 1.0


def test_prediction_carries_ranking_and_source(ngram_classifier):
    prediction = ngram_classifier.classify("I want to order a pizza")
    assert prediction.ranking[0][0] == "order_pizza"
    assert all(name in EXAMPLES for name, _ in prediction.ranking)
    assert prediction.source == "embedded"
    assert prediction.confidence >= 0.5


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_or_missing_text_is_out_of_scope(ngram_classifier, text):
    assert ngram_classifier.classify(text).intent == OUT_OF_SCOPE


def test_batch_matches_single(ngram_classifier):
    texts = ["order a pizza", "are you open sunday", "tell me a joke"]
    assert [p.intent for p in ngram_classifier.classify_batch(texts)] == \
        [ngram_classifier.classify(t).intent for t in texts]


def test_no_examples_is_a_clear_error():
    with pytest.raises(ValueError, match="example"):
        build_embedded_classifier({"a": ["", " "]}, encoder=None)


@pytest.mark.parametrize("text,intent", [
    ("I'd like to make an appointment for a cleaning", "book_appointment"),
    ("I need to cancel my appointment on Friday", "cancel_appointment"),
    ("can I move my appointment to next week", "reschedule_appointment"),
    ("I'm stuck in traffic, I'll be fifteen minutes late", "running_late"),
    ("do you take Delta Dental", "office_question"),
    ("quiero cancelar mi cita", "cancel_appointment"),
    ("what's the weather in Chicago tomorrow", OUT_OF_SCOPE),
    ("I want to order a pizza", OUT_OF_SCOPE),
])
def test_demo_flows_light_path(demo_classifier, text, intent):
    assert demo_classifier.classify(text).intent == intent


def test_generic_negative_that_the_flows_cover_stays_in_scope():
    examples = {"weather": ["what's the weather tomorrow", "is it going to rain", "will it be sunny today",
                            "weather forecast for the weekend"],
                "pizza": ["order a pizza", "I want a pizza delivered"]}
    clf = build_embedded_classifier(examples, encoder=None)
    assert clf.classify("what's the weather going to be like tomorrow").intent == "weather"


def test_scope_score_counts_half_the_runner_up():
    from app.nlu.embedded import scope_score

    assert scope_score([0.4, 0.3, 0.1]) == pytest.approx(0.55)
    assert scope_score([0.7]) == pytest.approx(0.7)
    assert scope_score([]) == 0.0


def test_utterance_split_between_two_call_types_stays_in_scope(ngram_classifier):
    import numpy as np

    columns = {name: i for i, name in enumerate(ngram_classifier.classes)}
    split, lone = np.zeros(len(columns)), np.zeros(len(columns))
    split[columns["order_pizza"]], split[columns["store_hours"]], split[columns["__other__"]] = 0.4, 0.35, 0.25
    lone[columns["order_pizza"]], lone[columns["store_hours"]], lone[columns["__other__"]] = 0.4, 0.05, 0.35
    assert ngram_classifier.decide(split, 0.5).intent == "order_pizza"  # 0.4 + 0.35 / 2 clears 0.5
    assert ngram_classifier.decide(lone, 0.5).intent == OUT_OF_SCOPE  # 0.4 + 0.05 / 2 does not
    assert ngram_classifier.decide(lone, 0.5).confidence == pytest.approx(1 - 0.425)
