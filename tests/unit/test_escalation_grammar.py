"""General pieces of the escalation grammar: near-miss spellings, "can't stop", now versus a history."""
from __future__ import annotations

import pytest

from app.engine.escalation import build_escalation_detector, normalize_text
from app.engine.escalation.spelling import correct
from app.flows.loader import load_flows


@pytest.fixture(scope="module")
def detector(flows_dir):
    return build_escalation_detector(load_flows(flows_dir).escalation)


@pytest.mark.parametrize("heard,meant", [
    ("reseptionist", "receptionist"), ("represenative", "representative"), ("sombody", "somebody"),
    ("opperator", "operator"), ("persin", "person"), ("recepsionista", "recepcionista"),
])
def test_near_miss_spellings_are_corrected(heard, meant):
    assert correct(heard) == meant


@pytest.mark.parametrize("word", ["personal", "operate", "sometime", "managed", "prison", "human", "agent", "pearson"])
def test_real_words_and_short_words_are_left_alone(word):
    assert correct(word) == word


def test_normalised_text_carries_the_correction():
    assert normalize_text("can i talk to the reseptionist") == "can i talk to the receptionist"


@pytest.mark.parametrize("text,category", [
    ("i want to talk to a reseptionist", "human_request"),
    ("can i speak to sombody", "human_request"),
    ("I can't stop throwing up blood.", "safety"),
    ("It won't stop bleeding and I can't stop shaking", "safety"),
    ("She had a seizure just now after the shot.", "safety"),
    ("My boyfriend hit me and I'm scared to go home.", "safety"),
    ("There's a man outside threatening the staff.", "safety"),
    ("I'm having trouble getting enough air.", "safety"),
    ("Nothing matters anymore.", "mental_health"),
    ("I'm in a really bad place mentally.", "mental_health"),
    ("I keep crying and I can't cope.", "mental_health"),
    ("I'd like a call back from someone in the office.", "human_request"),
    ("Could somebody there help me instead?", "human_request"),
    ("Who needs to sign for a minor to get a filling?", "minors"),
    ("I don't want my parents to know I called.", "minors"),
    ("Can my cousin, who is 20, take my daughter to her cleaning?", "minors"),
])
def test_general_phrasings_escalate(detector, text, category):
    hit = detector.detect(text, "en")
    assert hit is not None and hit.category == category, (text, hit)


@pytest.mark.parametrize("text,category", [
    ("El papá de mi hijo no quiere firmar el permiso.", "minors"),
    ("¿Mi hija de quince años puede ir sola?", "minors"),
    ("Quiero mi dinero de regreso.", "legal"),
])
def test_general_spanish_phrasings_escalate(detector, text, category):
    hit = detector.detect(text, "es")
    assert hit is not None and hit.category == category, (text, hit)


@pytest.mark.parametrize("text", [
    "I had a seizure once as a kid, is sedation safe for me?",
    "I used to get panic attacks at the dentist years ago.",
    "What's your policy on refunds for prepaid treatment?",
    "I'm overwhelmed with work, can we do an evening appointment?",
    "Is it okay if my husband brings our son in?",
    "I'm calling for my son, can I book him a cleaning?",
])
def test_look_alikes_do_not_escalate(detector, text):
    assert detector.detect(text, "en") is None


@pytest.mark.parametrize("text,language", [
    ("I don't need a person, you're doing fine.", "en"),
    ("No necesito una persona, así está bien.", "es"),
    ("I don't need a refund.", "en"),
])
def test_negated_requests_are_declined(detector, text, language):
    assert detector.detect(text, language) is None
    assert detector.declined(text, language)


@pytest.mark.parametrize("text", ["I need a person.", "What time do you open?"])
def test_plain_requests_and_questions_are_not_declined(detector, text):
    assert not detector.declined(text, "en")


@pytest.mark.parametrize("text", [
    "One of your staff, please.",
    "I'll hold for a person.",
    "I'd like to talk this over with a member of your staff.",
])
def test_person_and_request_in_any_order(detector, text):
    hit = detector.detect(text, "en")
    assert hit is not None and hit.category == "human_request" and "one sentence" in hit.evidence


@pytest.mark.parametrize("text", [
    "Am I speaking to a real person or a recording?",
    "Do you have a human resources department? I want to apply for a job.",
    "The person who cleaned my teeth last time was great, can I get her again?",
    "I spoke to a representative from my insurance and they said it's covered.",
    "I'm a representative for a dental supply company, can I leave my number?",
])
def test_person_mentions_that_are_not_requests(detector, text):
    assert detector.detect(text, "en") is None
