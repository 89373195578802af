"""Sixth round of the escalation grammar: carers who are not the parent, a child placed with the
caller or given by age, who must come with a minor; card disputes, money wanted back, licensing
boards; a scorched or crackling panel; crying after losses, not caring, harm kept secret; a staff
member described and asked for; sound-alike spellings. Each group has look-alikes that stay quiet."""
from __future__ import annotations

import pytest

from app.engine.escalation import normalize_text
from tests.unit.escalation_support import category, demo_detector


@pytest.fixture(scope="module")
def detector():
    return demo_detector()


@pytest.mark.parametrize("text,language", [
    ("I'm his grandma and he's staying with me for the summer, can I bring him in for a filling?", "en"),
    ("i'm the nanny, can i take the twins to their cleaning on friday?", "en"),
    ("I'm her stepdad, am I allowed to sign her paperwork?", "en"),
    ("I'm the step mom, can I bring her in tomorrow?", "en"),
    ("my girlfriend's son chipped a tooth, can I bring him in? I'm not his dad", "en"),
    ("i'm the babysitter, can i consent for her filling", "en"),
    ("cps placed him with me last month, can I schedule his checkup?", "en"),
    ("the judge made me her temporary guardian, what paperwork do you need", "en"),
    ("can I drop off my 9 year old for his cleaning and come back in an hour?", "en"),
    ("who needs to come with my son if he's only fifteen?", "en"),
    ("do you have a consent form for minors I can fill out?", "en"),
    ("soy la abuela y lo cuido esta semana, ¿lo puedo llevar a su cita?", "es"),
    ("soy la niñera, ¿puedo llevar a la niña a su limpieza?", "es"),
    ("soy el tío, ¿la puedo llevar yo?", "es"),
    ("soy el padrastro, can I bring him in?", "es"),
    ("¿mi hijo de 16 puede firmar solo?", "es"),
    ("my cousin, who's 20, will be bringing my daughter, does she need a note from me?", "en"),
])
def test_a_child_brought_or_signed_for_by_someone_else_escalates(detector, text, language):
    assert category(detector, text, language) == "minors", text


@pytest.mark.parametrize("text,language", [
    ("I'm the mom, can I bring him in Tuesday?", "en"),
    ("I'm the grandmother, I'd like to book my own cleaning", "en"),
    ("I'm the babysitter, can I take a message for the parents?", "en"),
    ("my boyfriend's appointment needs to move to Friday", "en"),
    ("my husband's son is 25 and wants a cleaning, can I book it for him?", "en"),
    ("my 12 year old needs a checkup, I'll come with her", "en"),
    ("who needs to sign the insurance form, me or my husband?", "en"),
    ("who has to be there for my husband's implant surgery?", "en"),
    ("my step mom wants to book a cleaning for herself", "en"),
    ("soy la mamá, ¿puedo llevar a mi hija el martes?", "es"),
    ("soy la abuela, quiero una cita para mí", "es"),
    ("soy el tío de la dueña, ¿está ella?", "es"),
    ("I'm his sister, can I bring him in? he's 30", "en"),
    ("I'm the grandmother, can I sign up for your newsletter?", "en"),
    ("I'm the neighbor, can I take the package for her?", "en"),
    ("soy la vecina, ¿dónde firmo el recibo?", "es"),
])
def test_parents_and_carers_booking_for_themselves_do_not(detector, text, language):
    assert category(detector, text, language) is None, text


@pytest.mark.parametrize("text,expected,language", [
    ("the breaker box is crackling and there are black marks around it", "safety", "en"),
    ("the outlet in the kitchen is crackling and smells hot", "safety", "en"),
    ("le salen chispas al enchufe de la cocina", "safety", "es"),
    ("el panel eléctrico truena y tiene marcas negras", "safety", "es"),
    ("I'm sorry, I can't stop crying, my husband left and I lost my job", "mental_health", "en"),
    ("everything is falling apart and honestly I'm just done", "mental_health", "en"),
    ("I don't care about anything anymore, I haven't showered in a week", "mental_health", "en"),
    ("I burned myself again and nobody knows", "mental_health", "en"),
    ("I left notes for my kids, I can't do this anymore", "mental_health", "en"),
    ("no puedo parar de llorar, perdí mi trabajo y mi casa", "mental_health", "es"),
    ("I called my bank to reverse the charge", "legal", "en"),
    ("I'm filing a dispute with my visa over this", "legal", "en"),
    ("I gave you a deposit and you never showed, I want it back", "legal", "en"),
    ("I'm reporting your company to the licensing board", "legal", "en"),
    ("voy a disputar el cargo con mi banco", "legal", "es"),
    ("the lady who answered the phone last time, can I talk to her?", "human_request", "en"),
    ("I need the office manager herself on the line", "human_request", "en"),
    ("i'd like the billing lady on the phone please", "human_request", "en"),
    ("can I speak to the scheduler please", "human_request", "en"),
])
def test_new_descriptions_of_urgency_distress_disputes_and_people(detector, text, expected, language):
    assert category(detector, text, language) == expected, text


@pytest.mark.parametrize("text,language", [
    ("the outlet by the sink stopped working", "en"),
    ("the panel needs a new breaker, can you quote it?", "en"),
    ("el contacto de la cocina no funciona", "es"),
    ("I cut myself shaving, it's nothing, just booking a cleaning", "en"),
    ("I'm done with my forms, what's next?", "en"),
    ("I'm sorry, I'm crying laughing, you guys are great", "en"),
    ("I have the flu and can barely get out of bed, can I reschedule?", "en"),
    ("I wrote a letter to my family about the reunion", "en"),
    ("is your company registered with the contractors board?", "en"),
    ("do you accept visa or mastercard?", "en"),
    ("I paid a deposit last week, can you confirm you got it?", "en"),
    ("can i get a refund on the whitening kit if it's unopened?", "en"),
    ("I'd like to book a consultation with one of your attorneys about my will", "en"),
    ("can i schedule a meeting with an attorney about the trust for my kids", "en"),
    ("my lawyer needs a copy of my records for the closing", "en"),
    ("¿aceptan tarjeta de crédito?", "es"),
    ("the girl who cleaned my teeth was so nice", "en"),
    ("my life insurance agent needs a receipt", "en"),
])
def test_look_alikes_stay_quiet(detector, text, language):
    assert category(detector, text, language) is None, text


def test_a_lawyer_met_about_a_dispute_is_still_legal(detector):
    assert category(detector, "I'm meeting with an attorney about the bill you sent me") == "legal"
    assert category(detector, "is the attorney in? can I talk to him") == "human_request"


@pytest.mark.parametrize("heard,meant", [
    ("wreck a shunist please", "receptionist please"),
    ("I already called my a turney", "i already called my attorney"),
    ("ree fund please", "refund please"),
    ("sue a cidal thoughts", "suicidal thoughts"),
    ("temporary guardian ship", "temporary guardianship"),
    ("the con sent form", "the consent form"),
    ("my step dad", "my stepdad"),
    ("put me threw to billing", "put me through to billing"),
    ("life agent please", "live agent please"),
    ("my life agent", "my life agent"),
    ("reporting you to the dentle board", "reporting you to the dental board"),
])
def test_sound_alike_spellings_are_mended(heard, meant):
    assert normalize_text(heard) == meant


@pytest.mark.parametrize("text,expected", [
    ("i've been having sue a cidal thoughts", "mental_health"),
    ("the court gave my sister guardian ship of my nephew, she'll bring him", "minors"),
    ("I've already talked to my law yer", "legal"),
    ("can i talk to the wreck a shun ist", "human_request"),
])
def test_sound_alike_spellings_escalate(detector, text, expected):
    assert category(detector, text) == expected, text
