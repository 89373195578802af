"""What the call-type detector looks at: names dropped, content-free talk recognised as unclear."""
from __future__ import annotations

import pytest

from app.engine.understanding import OUT_OF_SCOPE
from app.nlu.embedded import build_embedded_classifier
from app.nlu.utterance import drop_names, has_content, vocabulary

KNOWN = vocabulary(["book a cleaning for my daughter", "do you take Delta Dental", "my son is running late"])


@pytest.mark.parametrize("text,expected", [
    ("hi, I'm calling to book a cleaning for my daughter Emma", "hi, I'm calling to book a cleaning for my daughter"),
    ("book a cleaning for my daughter emma please", "book a cleaning for my daughter please"),
    ("quiero una cita para mi hija valentina", "quiero una cita para mi hija"),
    ("Do you take Delta Dental?", "Do you take Delta Dental?"),
    ("Can I see Dr. Smith on Monday?", "Can I see Dr. Smith on Monday?"),
    ("my son is running late", "my son is running late"),
    ("Emma", "Emma"),
])
def test_names_are_dropped_and_meaningful_words_kept(text, expected):
    assert drop_names(text, KNOWN) == expected


@pytest.mark.parametrize("text", ["the thing, you know", "yeah so, um", "something, I don't know", "eh, pues, este", "yes"])
def test_talk_without_content(text):
    assert not has_content(text)


@pytest.mark.parametrize("text", ["cancel", "Saturday?", "I need a cleaning", "quiero una cita", "what's the address"])
def test_talk_with_content(text):
    assert has_content(text)


@pytest.fixture(scope="module")
def classifier():
    return build_embedded_classifier({
        "book_appointment": ["I'd like to book a cleaning", "can I make an appointment", "schedule a checkup for my son",
                             "I need an appointment for my daughter", "book me in for a filling"],
        "running_late": ["I'm running late", "I'll be ten minutes late", "stuck in traffic, be there soon"],
    })


def test_unclear_talk_is_out_of_scope_with_no_confidence(classifier):
    prediction = classifier.classify("the thing, you know")
    assert prediction.intent == OUT_OF_SCOPE and prediction.confidence == 0.0


def test_a_name_does_not_change_the_call_type(classifier):
    plain = classifier.classify("book a cleaning for my daughter")
    named = classifier.classify("book a cleaning for my daughter Anastasia")
    assert named.intent == plain.intent == "book_appointment"
    assert named.confidence == pytest.approx(plain.confidence)
