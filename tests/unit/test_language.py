"""English or Spanish from short phone utterances; names never switch the call's language."""
from __future__ import annotations

import pytest

from app.engine.language import (
    WordEvidenceLanguageDetector,
    detect_language,
    language_scores,
)
from app.engine.understanding import LanguageDetector

SPANISH = [
    "sí", "si", "hola, buenos días", "buenas tardes", "necesito una cita", "quiero hacer una cita",
    "quiero cancelar mi cita", "¿tienen citas el sábado?", "¿cuál es su horario?", "¿dónde están?",
    "voy a llegar tarde", "estoy en el tráfico", "me llamo Ana", "gracias", "por favor", "no sé",
    "sí, correcto", "no, está mal", "el martes por la tarde", "mañana", "a las tres", "pasado mañana",
    "quiero hablar con una persona", "¿aceptan seguro?", "me duele una muela", "bueno", "de nada",
    "dos uno dos cinco cinco cinco", "Hello, sí, hablo español", "¿habla español?", "ok, perfecto",
    "mi hijo tiene dolor", "perdón, no le entendí",
]
ENGLISH = [
    "yes", "hi", "hello", "I need an appointment", "can I speak to a real person", "I'm running late",
    "next Tuesday afternoon", "tomorrow", "at three", "thank you", "please", "I don't know",
    "yeah that's right", "what are your hours", "do you take my insurance", "it's for my son Jesús",
    "my name is Maria de la Cruz", "this is Jose Hernandez calling about my appointment",
    "I'd like to book a cleaning for my daughter Lucia", "my tooth hurts", "two one two five five five",
]
NAMES_ONLY = ["Maria Lopez", "Jose", "José García", "josé garcía", "Maria de los Angeles", "Lopez, L O P E Z",
              "Dolores Sanchez", "Guadalupe", "Ximena Núñez", "De la Cruz"]
NEUTRAL = ["okay", "no", "mm", "", "123", "uh huh", "Lupe"]


@pytest.mark.parametrize("text", SPANISH)
def test_spanish(text: str) -> None:
    assert detect_language(text) == "es", language_scores(text)


@pytest.mark.parametrize("text", ENGLISH)
def test_english(text: str) -> None:
    assert detect_language(text) == "en", language_scores(text)
    assert detect_language(text, current="es") == "en", language_scores(text)


@pytest.mark.parametrize("text", NAMES_ONLY + NEUTRAL)
def test_names_and_neutral_words_keep_the_current_language(text: str) -> None:
    assert detect_language(text) == "en"
    assert detect_language(text, current="es") == "es"


def test_detector_has_the_engine_protocol_shape() -> None:
    detector: LanguageDetector = WordEvidenceLanguageDetector()
    assert detector.detect("necesito una cita") == "es"
    assert WordEvidenceLanguageDetector(default="es").detect("Maria Lopez") == "es"


def test_scores_grow_with_evidence() -> None:
    assert language_scores("necesito una cita para el martes")["es"] > language_scores("necesito")["es"] > 0
    assert language_scores("Maria de la Cruz") == {"en": 0.0, "es": 0.0}
