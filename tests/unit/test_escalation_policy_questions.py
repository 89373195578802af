"""Questions about a policy, settled matters, lawyers doing routine work and mild idioms do not escalate;
contested fees, refusing to pay for bad work, a refund never received, "not doing okay" and veiled
threats do."""
from __future__ import annotations

import pytest

from app.engine.escalation import normalize_text
from tests.unit.escalation_support import category, demo_detector


@pytest.fixture(scope="module")
def detector():
    return demo_detector()


@pytest.mark.parametrize("text,language", [
    ("Would I get my money back if I have to cancel the day before?", "en"),
    ("Can we get a refund if we need to reschedule the party?", "en"),
    ("¿Devuelven el depósito si cancelo con una semana?", "es"),
    ("¿Es reembolsable el anticipo?", "es"),
    ("We received the refund last week, all good, just calling to book again.", "en"),
    ("I did get my refund, thank you so much.", "en"),
    ("My attorney is reviewing the lease you sent and will email it back.", "en"),
    ("Our law firm is preparing the trust documents, can we book the signing?", "en"),
    ("There was a contest fee on the flyer, what is it?", "en"),
    ("I'm not paying today, I'll pay at the visit.", "en"),
    ("no voy a pagar con tarjeta, ¿aceptan efectivo?", "es"),
    ("I'm kind of panicking because I can't find the parking lot.", "en"),
    ("I'm not doing okay with the 7am slot, anything later?", "en"),
    ("I know where your office is, I'll drop the forms off.", "en"),
    ("Sé dónde queda la oficina, paso mañana.", "es"),
    ("Can the technician call me when he's on the way?", "en"),
])
def test_questions_and_routine_mentions_do_not_escalate(detector, text, language):
    assert category(detector, text, language) is None, text


@pytest.mark.parametrize("text,language,expected", [
    ("I want a refund, you cancelled on me twice.", "en", "legal"),
    ("I got my refund but it was only half of what I paid.", "en", "legal"),
    ("I still haven't received the refund you promised.", "en", "legal"),
    ("My lawyer is reviewing the paperwork for the lawsuit against you.", "en", "legal"),
    ("We're appealing the cancellation fee, we gave two days notice.", "en", "legal"),
    ("There's no way I'm paying, the work was botched.", "en", "legal"),
    ("no vamos a pagar nada, nunca terminaron el trabajo", "es", "legal"),
    ("I'm not doing okay, I can't stop crying.", "en", "mental_health"),
    ("I know where you live and I'm coming for you.", "en", "safety"),
    ("Sé dónde vive el dentista.", "es", "safety"),
    ("Can the manager call me when she gets in?", "en", "human_request"),
])
def test_disputes_distress_and_threats_escalate(detector, text, language, expected):
    assert category(detector, text, language) == expected, text


def test_nothing_is_wrong_is_a_denial(detector):
    assert normalize_text("nothing's wrong") == "nothing is wrong"
    assert detector.declined("Do you have weekend emergency hours? Nothing's wrong, just planning ahead.", "en")


@pytest.mark.parametrize("text", ["I can't make Tuesday, could we do Wednesday?", "No, I don't have a preference for the time."])
def test_a_negation_without_any_rule_words_declines_nothing(detector, text):
    normalized = normalize_text(text)
    assert not [r.name for r in detector.rules for m in r.pattern.finditer(normalized) if m.end() == m.start()]
    assert not detector.declined(text, "en")
