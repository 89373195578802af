"""Seventh round of the escalation grammar: the business's own attorney asked for is a person
request, not a legal threat; a lawyer for a transaction of any kind is routine; a complaint that
was checked out is over (unless it came back); a head injury with warning signs in Spanish; an
electric shock; not seeing oneself around; anyone besides the machine; a review posted as a
threat; a child brought by someone the parent names, and letters for carers. Each group has
look-alikes that stay quiet or keep their category."""
from __future__ import annotations

import pytest

from tests.unit.escalation_support import category, demo_detector


@pytest.fixture(scope="module")
def detector():
    return demo_detector()


@pytest.mark.parametrize("text,language,expected", [
    ("could I speak with the attorney who's working on my divorce", "en", "human_request"),
    ("can I talk to the lawyer about my file", "en", "human_request"),
    ("fine, let me talk to your lawyer then", "en", "legal"),
    ("necesito hablar con la abogada que lleva mi divorcio", "es", "human_request"),
    ("I'm going to talk to my lawyer about this", "en", "legal"),
    ("my attorney will be calling your office", "en", "legal"),
    ("can I talk to the lawyer about suing the other driver", "en", "legal"),
    ("quiero hablar con mi abogado sobre lo que pasó", "es", "legal"),
])
def test_the_business_lawyer_asked_for_is_a_person_not_a_threat(detector, text, language, expected):
    assert category(detector, text, language) == expected, text


@pytest.mark.parametrize("text", [
    "do you have a lawyer for a commercial lease",
    "we need an attorney for a quick real estate closing next month",
    "looking for a lawyer for an uncontested adoption",
])
def test_a_lawyer_for_a_transaction_is_routine(detector, text):
    assert category(detector, text) is None, text


@pytest.mark.parametrize("text,expected", [
    ("the bleeding after my extraction was looked at last week, I need my follow up", None),
    ("my son's rash got checked out already, can we book his cleaning", None),
    ("my chest pain was looked at in march but now it's back and worse", "safety"),
    ("the swelling was treated but it came back tonight and it's spreading", "safety"),
])
def test_a_complaint_that_was_checked_out_is_over_unless_it_came_back(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("mi niña se pegó en la cabeza jugando y ahora está vomitando", "safety"),
    ("mi papá se cayó y se golpeó la cabeza, anda confundido", "safety"),
    ("se golpeó la cabeza ayer pero está bien, quiero una cita de revisión", None),
])
def test_a_head_injury_with_warning_signs_in_spanish(detector, text, expected):
    assert category(detector, text, "es") == expected, text


@pytest.mark.parametrize("text,expected", [
    ("my husband got zapped by the breaker box and his arm is numb", "safety"),
    ("my kid got an electric shock from the toaster", "safety"),
    ("someone got electrocuted in the basement", "safety"),
    ("honestly I was shocked by how fast you fixed it", None),
    ("the electric bill was a shock this month", None),
])
def test_an_electric_shock(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("i can't picture myself still being around by christmas", "mental_health"),
    ("i don't even see myself being here much longer to be honest", "mental_health"),
    ("i can't see myself being here next year because we're relocating to ohio", None),
])
def test_not_seeing_oneself_around(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("is there somebody there other than the recording", "human_request"),
    ("are there any humans besides you on this line", "human_request"),
    ("is there anyone besides you who handles billing here", "human_request"),
])
def test_anyone_besides_the_machine(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("i'm going to leave a review on yelp so everyone knows how you treat people", "legal"),
    ("i'll be writing reviews everywhere unless somebody fixes this", "legal"),
    ("i just left you guys a five star review on google", None),
    ("how do i write a review for dr patel", None),
])
def test_a_review_posted_as_a_threat(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("the grandpa is taking her to the appointment, does he need a signed letter", "minors"),
    ("what do you need for my neighbor to bring my son in on tuesday", "minors"),
    ("is a note from me enough for my coworker to pick up my daughter after her cleaning", "minors"),
    ("can you fax the letter for my neighbor to my office", None),
    ("i'd like to book my daughter's cleaning and i'll bring her myself", None),
])
def test_a_child_brought_by_someone_the_parent_names(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("the swelling is spreading", "safety"),
    ("his swelling has been spreading since this morning", "safety"),
    ("the swelling is not spreading but it still hurts", None),
    ("how do i keep the swelling from spreading after my extraction", None),
    ("is it normal if the swelling spreads a little", None),
])
def test_swelling_that_is_spreading(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("i had chest pain last year and it's back now", "safety"),
    ("i had chest pain last year but now i need a cleaning", None),
    ("i had chest pain last year and now i just need a checkup", None),
])
def test_a_past_complaint_counts_again_only_when_it_is_back(detector, text, expected):
    assert category(detector, text) == expected, text
