"""Grammar that generalises: negation distance, interjections, history, figures of speech, settled refunds."""
from __future__ import annotations

import pytest

from app.engine.escalation import build_escalation_detector, normalize_text
from app.flows.loader import load_flows


@pytest.fixture(scope="module")
def detector(flows_dir):
    return build_escalation_detector(load_flows(flows_dir).escalation)


@pytest.mark.parametrize(("category", "language", "text"), [
    ("human_request", "en", "yeah no I need a live human"),  # "no" answers the bot, it does not negate
    ("human_request", "en", "i need too talk two sum one in billing"),  # homophones from a transcript
    ("human_request", "en", "could you hand me off to the office"),
    ("human_request", "en", "I pressed zero because I want the operator"),
    ("human_request", "en", "zero, operator"),
    ("human_request", "en", "let me speak to whoever's in charge today"),
    ("human_request", "en", "is there an actual human who works there"),
    ("human_request", "en", "I'd like a quick word with the hygienist"),
    ("human_request", "en", "it'd be great if a staff member could call me"),
    ("human_request", "en", "get a receptionist"),
    ("human_request", "en", "this is confusing, a person would be easier"),
    ("safety", "en", "somebody is breaking into my apartment right now"),
    ("safety", "en", "my toddler swallowed a handful of grandma's pills"),
    ("safety", "en", "I'm barely able to breathe"),
    ("safety", "en", "I'm having a bad reaction to the numbing shot, my face is hot and my heart is racing"),
    ("safety", "en", "a man out front just pulled a knife"),
    ("safety", "es", "hay un tipo armado en la sala de espera"),
    ("mental_health", "en", "there's just no point in anything anymore"),
    ("mental_health", "en", "I feel like I'm going to lose my mind, I can't do this"),
    ("mental_health", "en", "I'm scared of what I might do"),
    ("mental_health", "es", "no le encuentro sentido a la vida"),
    ("minors", "en", "can a stepdad sign the consent for the kids"),
    ("minors", "en", "do both parents have to sign if we split up"),
    ("minors", "en", "I'm only in sixth grade and my tooth hurts"),
    ("minors", "es", "soy el padrastro, ¿puedo firmar el permiso?"),
    ("legal", "en", "I'm going to need that money credited back to my card"),
    ("legal", "en", "you owe me sixty dollars"),
    ("legal", "en", "I was double billed for the x-rays"),
    ("legal", "en", "you billed me for a filling I never had"),
    ("legal", "en", "I'm opening a dispute with my bank"),
    ("legal", "es", "me cobraron una limpieza que nunca me hicieron"),
    ("legal", "en", "honestly you people are a rip off"),
    ("safety", "en", "her lips are turning gray"),
    ("mental_health", "en", "some days I just want to end it"),
])
def test_new_phrasings_escalate(detector, category, language, text):
    hit = detector.detect(text, language)
    assert hit is not None and hit.category == category, (text, hit)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "I'm not looking for a refund, just the receipt"),  # "a" does not push the negation out of reach
    ("en", "I fainted at my last blood draw, so could I lie back for the cleaning"),
    ("en", "I almost had a heart attack when I saw the estimate, do you do payment plans"),
    ("en", "I'm losing my mind trying to find a parking spot, running late"),
    ("en", "my insurance already refunded me, I'd like to book again"),
    ("en", "the refund came through last week, thanks"),
    ("en", "my lawyer is my emergency contact"),
    ("en", "my cousin is suing her landlord so she gave me her slot"),
    ("en", "do you have someone on staff who speaks French"),
    ("en", "can you let the front desk know I'm ten minutes out"),
    ("en", "I have two kids and need two cleanings"),
    ("es", "ya me reembolsaron, muchas gracias"),
    ("es", "mi abogado me recomendó su consultorio"),
    ("en", "is this a scam call? I got a text about an appointment"),
    ("en", "let's end it there, thanks for your help"),
])
def test_look_alikes_stay_quiet(detector, language, text):
    assert detector.detect(text, language) is None, text


def test_a_refund_that_never_came_is_still_a_dispute(detector):
    hit = detector.detect("the refund you promised never came and I want my money back", "en")
    assert hit is not None and hit.category == "legal"


def test_whoever_and_transferred_spellings():
    assert normalize_text("whoever's there") == "whoever is there"
    assert normalize_text("can I get transfered") == "can i get transferred"


def test_denial_is_declined_and_past_or_resolved_is_settled(detector):
    assert detector.declined("I'm not in any danger, just a toothache", "en")
    assert detector.declined("no need to get anyone, I'll book online", "en")
    assert not detector.declined("I need someone now", "en")
    assert detector.settled("I had a reaction to latex years ago", "en")
    assert detector.settled("I bit my lip while numb but it's fine now", "en")
    assert not detector.settled("I had a reaction years ago and it's happening again right now", "en")
    assert not detector.settled("my face is swelling", "en")


def test_operator_exclusions_are_visible_to_other_detectors(detector):
    assert detector.mentions_exclusion("my chief complaint is a sore molar", "legal")
    assert not detector.mentions_exclusion("my chief complaint is a sore molar", "safety")
    assert not detector.mentions_exclusion("I want to make a complaint", "legal")


def test_bot_question_phrased_with_if(detector):
    assert detector.is_question_about_bot("can you tell me if you're a person or a computer", "en")
