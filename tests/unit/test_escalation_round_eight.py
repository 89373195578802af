"""Eighth round of the escalation grammar: a means turned on oneself and how much it takes to die;
a threat to come back and hurt; an animal attack; water near the electrical panel in Spanish; a
teenager's care kept from a parent; someone else authorising a child's care, a relative's children
in the caller's care, a home asking who signs, a child asking for a grown-up, parents who disagree
(Spanish); wanting it made right; being passed along, going over it with a person, calling for
someone and asking if she is in; 'operator' and 'front desk' as speech-to-text splits them. Each
group has look-alikes that stay quiet."""
from __future__ import annotations

import pytest

from tests.unit.escalation_support import category, demo_detector


@pytest.fixture(scope="module")
def detector():
    return demo_detector()


@pytest.mark.parametrize("text,language,expected", [
    ("my dad keeps a pistol in the closet and lately i think about turning it on myself", "en", "mental_health"),
    ("i've got a bottle of pills and i keep wanting to use them on myself", "en", "mental_health"),
    ("how many of my sleeping pills would it take to not wake up", "en", "mental_health"),
    ("what's the most tylenol someone can take before it's deadly", "en", "mental_health"),
    ("i tried the whitening kit on myself and my gums hurt", "en", None),
    ("what's the most advil i can take for this toothache", "en", None),
])
def test_means_and_amounts(detector, text, language, expected):
    assert category(detector, text, language) == expected, text


@pytest.mark.parametrize("text,language,expected", [
    ("the roofer told me he'd come back and beat me if i don't pay him", "en", "safety"),
    ("he says he's going to come find me and hurt me", "en", "safety"),
    ("the painter said he would come back tomorrow to finish the trim", "en", None),
    ("the neighbor's dog bit my son on the hand and it's bleeding a lot", "en", "safety"),
    ("we're afraid of dogs because one bit my husband years ago", "en", None),
    ("hay agua goteando encima del panel eléctrico", "es", "safety"),
])
def test_threats_bites_and_water_on_the_panel(detector, text, language, expected):
    assert category(detector, text, language) == expected, text


@pytest.mark.parametrize("text,language,expected", [
    ("my son is fifteen and he doesn't want his mom to know he's coming in, can you keep it private", "en", "minors"),
    ("my stepdaughter is 14 and she asked me not to tell her mother about the visit", "en", "minors"),
    ("my grandmother will be watching the kids this week, can she sign for their cleanings", "en", "minors"),
    ("my nephew is staying with us this summer, can i bring him in for a filling", "en", "minors"),
    ("this is the foster agency, who can sign for one of our youth to be seen", "en", "minors"),
    ("are there any grown ups i can talk to, i'm home alone", "en", "minors"),
    ("la mamá de mi hija y yo no nos ponemos de acuerdo con su tratamiento", "es", "minors"),
    ("my daughter is 25 and doesn't want her father to know about her appointment", "en", None),
    ("who signs for the delivery of the new chairs", "en", None),
    ("can i book my son and my daughter together on friday", "en", None),
])
def test_minors_in_new_words(detector, text, language, expected):
    assert category(detector, text, language) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("the plumber left a mess and i need this made right today", "legal"),
    ("you people need to make this right or else", "legal"),
    ("the crown looks right now, thanks so much", None),
])
def test_wanting_it_made_right(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text,expected", [
    ("could you maybe be passing me along to somebody who does billing", "human_request"),
    ("i'd rather go over the estimate with the owner if he's around", "human_request"),
    ("i'm calling for the office manager, is she in today", "human_request"),
    ("uh op ray tor please", "human_request"),
    ("can i talk to someone at the front dusk", "human_request"),
    ("i'm calling for my mom to book her cleaning, is friday open", None),
])
def test_person_requests_in_new_words(detector, text, expected):
    assert category(detector, text) == expected, text


@pytest.mark.parametrize("text", [
    "the rental market is on fire this spring",
    "does the buyer's representative have to sign anything",
    "what does a consultation with an attorney cost",
])
def test_look_alikes_that_stay_quiet(detector, text):
    assert category(detector, text) is None, text
