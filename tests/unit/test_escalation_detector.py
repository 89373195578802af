"""The always-escalate detector: each category in English and Spanish, look-alikes, partial transcripts."""
from __future__ import annotations

import pytest

from app.engine.escalation import build_escalation_detector
from app.engine.understanding import EscalationDetector
from app.flows.loader import load_flows


@pytest.fixture(scope="module")
def detector(flows_dir):
    return build_escalation_detector(load_flows(flows_dir).escalation)


POSITIVES = [
    ("human_request", "en", "Could I speak to a live person, please?"),
    ("human_request", "en", "ugh, just get me somebody who works there"),
    ("human_request", "en", "is there anyone there i can talk to"),
    ("human_request", "en", "transfer me to the front desk"),
    ("human_request", "en", "I'm not talking to a machine."),
    ("human_request", "en", "operater"),
    ("human_request", "en", "i wanna talk to a real persona"),
    ("human_request", "en", "let me speak with the represent a tive"),
    ("human_request", "en", "I need to talk to the doctor about my results"),
    ("human_request", "en", "a real person, that's who I want to talk to"),
    ("human_request", "es", "Quiero hablar con alguien, por favor."),
    ("human_request", "es", "Páseme con una persona."),
    ("human_request", "es", "¿Me comunica con la recepción?"),
    ("human_request", "es", "prefiero hablar con un humano"),
    ("safety", "en", "my wife can't breathe after the injection"),
    ("safety", "en", "the extraction site won't stop bleeding"),
    ("safety", "en", "the swelling is spreading up toward my eye"),
    ("safety", "en", "I'm having chest pain"),
    ("safety", "en", "my son's tooth got knocked out playing hockey"),
    ("safety", "en", "I have a high fever and my whole jaw is swollen"),
    ("safety", "es", "No puedo respirar bien."),
    ("safety", "es", "Está sangrando muchísimo desde la cirugía."),
    ("minors", "en", "I'm eleven and nobody is home"),
    ("minors", "en", "Who has to consent for my grandson's treatment? I have custody."),
    ("minors", "es", "Tengo doce años y mi mamá no está."),
    ("minors", "es", "¿Necesitan la firma de los dos padres? Estamos divorciados y mi ex no da permiso para mi hija."),
    ("mental_health", "en", "I keep thinking about killing myself"),
    ("mental_health", "en", "I'm having a panic attack in the parking lot right now"),
    ("mental_health", "es", "Estoy teniendo un ataque de pánico."),
    ("mental_health", "es", "No quiero seguir viviendo."),
    ("legal", "en", "I want a full refund for that crown."),
    ("legal", "en", "My lawyer will be calling you."),
    ("legal", "en", "I'm going to report this office to the dental board."),
    ("legal", "es", "Quiero poner una queja formal."),
    ("legal", "es", "Voy a demandar a la clínica."),
]

NEGATIVES = [
    ("en", "The agent at my insurance said my plan covers two cleanings."),
    ("en", "My husband is a real person too, he wants a checkup."),
    ("en", "Someone told me you're open on Saturday."),
    ("en", "I spoke to a representative yesterday and she said my crown was in."),
    ("en", "Are you a human?"),
    ("en", "My gums bleed a little when I floss."),
    ("en", "What's your cancellation policy?"),
    ("en", "I don't need a refund, just a receipt."),
    ("en", "I'd like to book a cleaning for my daughter, she's nine."),
    ("en", "I'm 15 minutes late, sorry!"),
    ("en", "I don't need to talk to anyone, I just want to cancel."),
    ("en", "Do you take emergency appointments?"),
    ("en", "Nothing urgent, no swelling or fever."),
    ("es", "El agente de mi seguro me dijo que estoy cubierto."),
    ("es", "Alguien me dijo que abren los sábados."),
    ("es", "¿Eres un robot?"),
    ("es", "Necesito una cita para mi hijo de ocho años."),
    ("es", "No necesito un reembolso, solo el recibo."),
]


def test_satisfies_the_protocol(detector):
    typed: EscalationDetector = detector
    assert typed.detect("hello", "en") is None
    assert typed.is_question_about_bot("hello", "en") is False


@pytest.mark.parametrize("category,language,text", POSITIVES)
def test_positive(detector, category, language, text):
    hit = detector.detect(text, language)
    assert hit is not None, text
    assert hit.category == category, hit.evidence


@pytest.mark.parametrize("language,text", NEGATIVES)
def test_look_alike_does_not_escalate(detector, language, text):
    assert detector.detect(text, language) is None


def test_evidence_names_the_rule_and_the_words_heard(detector):
    hit = detector.detect("Can I PLEASE talk to a real person??", "en")
    assert hit is not None
    assert "talk to a real person" in hit.evidence
    assert "built-in" in hit.evidence
    assert hit.language == "en" and 0 < hit.score <= 1


def test_spanish_hit_reports_spanish(detector):
    hit = detector.detect("quiero hablar con una persona", "en")
    assert hit is not None and hit.language == "es"


def test_most_urgent_category_wins(detector):
    hit = detector.detect("get me a person, my throat is closing up", "en")
    assert hit is not None and hit.category == "safety"


def test_partial_fires_on_unambiguous_evidence(detector):
    assert detector.detect("I want to talk to a real person", "en", partial=True).category == "human_request"
    assert detector.detect("no puedo respirar y", "es", partial=True).category == "safety"


def test_partial_waits_on_ambiguous_evidence(detector):
    assert detector.detect("I'm 12", "en", partial=True) is None  # "... minutes away" may follow
    assert detector.detect("I want a refund", "en", partial=True) is None
    assert detector.detect("I'm 12", "en").category == "minors"


def test_question_about_the_bot(detector):
    assert detector.is_question_about_bot("are you a real person?", "en")
    assert detector.is_question_about_bot("¿Estoy hablando con una máquina?", "es")
    assert not detector.is_question_about_bot("I need a cleaning", "en")


@pytest.mark.parametrize("text", ["", "   ", "...", "¿?", "\u200b"])
def test_empty_or_odd_input_is_safe(detector, text):
    assert detector.detect(text, "en") is None
    assert detector.detect(text, "xx", partial=True) is None
