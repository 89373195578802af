"""human_request as grammar: indirect asks, staff by name or role, split and doubled spellings,
Spanglish, bare requests (also on partial transcripts), and the mentions that must not transfer."""
from __future__ import annotations

import pytest

from app.engine.escalation import build_escalation_detector, normalize_text
from app.engine.escalation.spelling import correct
from app.flows.loader import load_flows
from app.nlu.factory import staff_names


@pytest.fixture(scope="module")
def detector(flows_dir):
    flows = load_flows(flows_dir)
    return build_escalation_detector(flows.escalation, people=staff_names(flows))


@pytest.mark.parametrize("heard,meant", [
    ("repre sentative", "representative"), ("recep tionist", "receptionist"),
    ("represent a tive please", "representative please"), ("a reel person", "a real person"),
    ("huh man please", "human please"), ("me pasa con una presona", "me pasa con una persona"),
    ("kiero ablar con un umano", "quiero hablar con un humano"),
])
def test_speech_to_text_spellings_are_mended(heard, meant):
    assert normalize_text(heard) == meant


@pytest.mark.parametrize("heard,meant", [("purrson", "person"), ("presona", "persona"), ("opperator", "operator")])
def test_doubled_and_swapped_letters_are_one_slip(heard, meant):
    assert correct(heard) == meant


def test_pieces_that_are_words_already_stay_apart():
    assert normalize_text("one of the receptionists if that is possible") == "one of the receptionist if that is possible"


@pytest.mark.parametrize("text,language", [
    ("would you mind transferring me to the front desk", "en"),
    ("could Dr. Patel's assistant call me", "en"),
    ("is the office manager available", "en"),
    ("is anyone in the office available to talk", "en"),
    ("can I ask for James please", "en"),
    ("I need Linda to call me", "en"),
    ("can I get Maria on the line", "en"),
    ("Anika please", "en"),
    ("I'm looking for the office manager", "en"),
    ("what do I have to say to get a real person", "en"),
    ("I need someone who knows what they're doing", "en"),
    ("can a person take over", "en"),
    ("I want to escalate this", "en"),
    ("this is a question for a human", "en"),
    ("is there an operator", "en"),
    ("hello? anyone there?", "en"),
    ("stop stop stop. human.", "en"),
    ("not you, a person", "en"),
    ("zero", "en"),
    ("I need to hablar con alguien please", "en"),
    ("can you pasame con someone", "en"),
    ("quiero hablar con a real person", "es"),
    ("me puede transfer con una persona", "es"),
    ("¿hay alguien ahí?", "es"),
    ("alguien que me atienda por favor", "es"),
    ("ocupo hablar con alguien", "es"),
    ("hablar con un agente", "es"),
])
def test_ways_of_asking_for_a_person(detector, text, language):
    hit = detector.detect(text, language)
    assert hit is not None and hit.category == "human_request", text


@pytest.mark.parametrize("text", [
    "let me speak to the dentist", "can I speak to the doctor please", "could the doctor give me a quick call",
])
def test_asking_to_speak_with_a_clinician_is_a_request_for_a_person(detector, text):
    hit = detector.detect(text, "en")
    assert hit is not None and hit.category == "human_request"


@pytest.mark.parametrize("text,language", [
    ("can the doctor see me Tuesday", "en"),
    ("is Dr. Patel in on Tuesday", "en"),
    ("I'm looking for a new dentist", "en"),
    ("I'm calling for my mother, she needs a cleaning", "en"),
    ("can someone else pick up my prescription", "en"),
    ("can you give the receptionist a message that I found my card", "en"),
    ("operator error on my part, I put the wrong date", "en"),
    ("can I transfer my records to another office", "en"),
    ("can you connect me to the wifi", "en"),
    ("can you switch me to a different time", "en"),
    ("put me through the whole process again?", "en"),
    ("I'll talk to the front desk when I come in", "en"),
    ("not a person", "en"),
    ("is anyone available Tuesday at 3", "en"),
    ("I'm a real person too haha", "en"),
    ("la recepcionista me dijo que llamara hoy", "es"),
])
def test_mentions_and_bookings_do_not_transfer(detector, text, language):
    assert detector.detect(text, language) is None, text


@pytest.mark.parametrize("text,language", [
    ("I want a real person", "en"), ("operator", "en"), ("representative please", "en"),
    ("a real person", "en"), ("quiero hablar con alguien", "es"), ("una persona por favor", "es"),
])
def test_plain_requests_fire_on_partial_transcripts(detector, text, language):
    hit = detector.detect(text, language, partial=True)
    assert hit is not None and hit.category == "human_request"


@pytest.mark.parametrize("text", ["receptionist", "agent", "the front desk", "someone"])
def test_a_lone_noun_that_may_start_a_mention_waits_for_the_final_transcript(detector, text):
    assert detector.detect(text, "en", partial=True) is None
    assert detector.detect(text, "en") is not None


def test_spanglish_reply_follows_the_verb(detector):
    hit = detector.detect("quiero hablar con una persona", "en")
    assert hit is not None and hit.language == "es"
