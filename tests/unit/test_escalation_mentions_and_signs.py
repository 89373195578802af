"""Mentions that are not requests, and signs said in ways the grammar first missed.

Each case stands for a cause (a lawyer as a relative's job, a refund as someone's job, a custody
matter long closed; a threat reported, rescue medicine missing, pills kept and dwelt on), so the
sentences here are not the benchmark's.
"""
from __future__ import annotations

import pytest

from app.engine.escalation import build_escalation_detector
from app.flows.loader import load_flows


@pytest.fixture(scope="module")
def detector(flows_dir):
    return build_escalation_detector(load_flows(flows_dir).escalation)


@pytest.mark.parametrize("language,text", [
    # lawyers and refunds merely mentioned
    ("en", "my daughter's a lawyer, she wants to come to my consultation"),
    ("en", "I'm a paralegal at a law firm and can only do lunchtime appointments"),
    ("en", "could I move my consultation with the attorney to Thursday"),
    ("es", "quisiera una cita con la abogada para revisar un contrato"),
    ("es", "mi tío es abogado y me recomendó venir"),
    # custody long settled, and a parent who will be there
    ("en", "the guardianship was resolved ages ago, I'm only calling to update my address"),
    ("en", "my daughter is 12, does a parent have to be there for her filling? I'll come with her anyway"),
    # routine requests that look like claims or a person being asked for
    ("en", "I want you to replace the air filter, the old one is broken"),
    ("en", "my tooth is broken, does my insurance cover a crown"),
    ("en", "I'll pay the copay at your front desk, could you email me the receipt"),
    ("en", "I'm the office manager at a clinic and need to book flu shots for the staff"),
    # look-alikes of the new distress and safety signs
    ("en", "I hurt myself playing basketball, can I still get my cleaning"),
    ("en", "I won't be around much longer, we're moving to Denver next month"),
    ("en", "I don't know if I want to be here at 8am, is there anything later"),
    ("en", "my son swallowed a bit of toothpaste, is that okay"),
    ("en", "my blood sugar was low last week so I'd like a morning slot"),
    ("en", "my son keeps saying he's going to beat me at chess"),
    ("es", "me voy a volver loca con tantos papeles del seguro"),
])
def test_mentions_and_routine_look_alikes_do_not_escalate(detector, language, text):
    assert detector.detect(text, language) is None


@pytest.mark.parametrize("language,text,category", [
    # a request for a person that names a group, an order, or a person with a legal word nearby
    ("en", "could you get me over to one of your techs, this quote makes no sense", "human_request"),
    ("en", "is there a real agent around", "human_request"),
    ("en", "connect to the front desk please", "human_request"),
    ("en", "can I speak to whoever processes refunds", "human_request"),
    # claims for damage the business did
    ("en", "the cleaners you sent stained my couch and I expect you to pay for it", "legal"),
    ("en", "your installer gouged my hardwood, who is responsible for fixing it", "legal"),
    ("es", "quiero una indemnización, sus técnicos rayaron mi piso", "legal"),
    # a child whose parents are away, a relative authorising care
    ("en", "her parents are overseas until June, can I sign for her braces appointment", "minors"),
    ("en", "can we authorize the extraction for my niece, she lives with us now", "minors"),
    # dangers said indirectly
    ("en", "my ex is texting me that he's going to kill me", "safety"),
    ("es", "un tipo me está siguiendo, está acosándome", "safety"),
    ("en", "my toddler drank some of the mouthwash and now she's really drowsy", "safety"),
    ("en", "a bee got me and I left my epipen at home, my throat feels weird", "safety"),
    ("en", "I'm diabetic and my glucose is plummeting", "safety"),
    ("en", "the red streaks are moving up toward my neck", "safety"),
    ("es", "mi bebé de tres semanas tiene calentura", "safety"),
    # distress said indirectly
    ("en", "I cut my arm deliberately yesterday", "mental_health"),
    ("en", "I probably won't be around long enough to need that crown", "mental_health"),
    ("en", "I've got meds stashed away and I keep thinking about them", "mental_health"),
    ("en", "I've really been breaking down every day", "mental_health"),
    ("es", "ya no aguanto nada, todo está perdido", "mental_health"),
])
def test_signs_and_requests_said_indirectly_escalate(detector, language, text, category):
    hit = detector.detect(text, language)
    assert hit is not None and hit.category == category, hit


def test_a_lawyer_of_ones_own_is_still_legal(detector):
    """The mention guards are narrow: the caller's own lawyer, or a lawsuit, still escalates."""
    for text in ("my attorney's assistant will be calling you", "my brother is getting me a lawyer",
                 "I've been in touch with an attorney about the bill", "I'm meeting with the lawyer about this tomorrow",
                 "I want my money back, whoever handles refunds can call me"):
        hit = detector.detect(text, "en")
        assert hit is not None and hit.category == "legal", text
