"""human_request: roles beyond the front office, someone asked after and said to be staff, "are you
real? I need one", negative questions ("isn't there a person..."), split person nouns, and the
third parties and attendance questions that only mention a person."""
from __future__ import annotations

import pytest

from app.engine.escalation import normalize_text
from tests.unit.escalation_support import category, demo_detector


@pytest.fixture(scope="module")
def detector():
    return demo_detector(with_staff_names=True)


@pytest.mark.parametrize("heard,meant", [
    ("i need a live purr son", "i need a live person"),
    ("put on an actual pers un", "put on an actual person"),
    ("can i get a gent", "can i get an agent"),
])
def test_person_nouns_split_by_a_pause_are_joined(heard, meant):
    assert normalize_text(heard) == meant


@pytest.mark.parametrize("text,language", [
    ("could I get a live purr son please", "en"),
    ("put me through to a gent", "en"),
    ("Can I talk to the concierge about a late checkout?", "en"),
    ("I'd like a word with your event coordinator.", "en"),
    ("Is Marcus around? He's our property manager.", "en"),
    ("is Priya in the office? she was handling my claim", "en"),
    ("Wait, is this a human? I'd really like one.", "en"),
    ("Isn't there anybody there I can talk to?", "en"),
    ("¿Eres una persona de verdad? Porque necesito una.", "es"),
    ("¿no tienen a alguien con quien pueda hablar?", "es"),
    ("páseme con la señorita de recepción por favor", "es"),
])
def test_asks_for_a_person(detector, text, language):
    assert category(detector, text, language) == "human_request", text


@pytest.mark.parametrize("text,language", [
    ("I need to talk to my landlord first before I book.", "en"),
    ("Is Tuesday available? He's my son and needs a cleaning.", "en"),
    ("is parking available? she is my mother and uses a wheelchair", "en"),
    ("Are you a person? I don't need one, just curious.", "en"),
    ("¿Eres un robot? necesito una cita para mañana", "es"),
    ("mi hija es una muchacha muy tímida", "es"),
    ("My secretary scheduled this for me, can you confirm it's at ten?", "en"),
    ("My assistant at work will call to reschedule, she knows my calendar.", "en"),
    ("Does somebody have to be there to let the technician in?", "en"),
    ("Someone needs to be home to let the plumber in, right?", "en"),
])
def test_mentions_and_questions_do_not_transfer(detector, text, language):
    assert category(detector, text, language) is None, text
