"""Yes/no answers to a confirmation, including corrections ('no, it's Tuesday')."""
from __future__ import annotations

import pytest

from app.engine.slots import parse_yes_no


@pytest.mark.parametrize("text", [
    "yes", "Yes.", "yeah that's right", "correct", "sure", "yep", "uh huh", "mhm", "that's correct", "exactly",
    "absolutely", "of course", "sounds good to me", "yes please", "I think so", "okay", "perfect, thanks",
    "um, yes", "right", "you got it", "that works", "That'd be great", "I'd like that", "yes, that's everything", "sí", "si", "sí, correcto", "claro", "claro que sí",
    "correcto", "exacto", "está bien", "así es", "de acuerdo", "por supuesto", "eso es", "ajá", "it's correct",
])
def test_yes(text: str) -> None:
    result = parse_yes_no(text)
    assert result.ok, result
    assert result.value is True
    assert result.remainder is None


@pytest.mark.parametrize("text", [
    "no", "nope", "nah", "that's wrong", "that's not right", "not quite", "incorrect", "no no no",
    "I don't think so", "no thanks", "no, está mal", "no es correcto", "incorrecto", "no gracias",
    "para nada", "no, that's fine", "wrong", "not really", "that is not correct", "not right now", "no, I'm good",
    "No it isn't", "No, not that one",
])
def test_no(text: str) -> None:
    result = parse_yes_no(text)
    assert result.ok, result
    assert result.value is False
    assert result.remainder is None


@pytest.mark.parametrize("text,value,remainder", [
    ("no, it's Tuesday", False, "it's Tuesday"),
    ("Nope, my number is 917 555 0123", False, "my number is 917 555 0123"),
    ("nah, the 25th", False, "the 25th"),
    ("no, es el martes", False, "es el martes"),
    ("no, pero a las cuatro", False, "a las cuatro"),
    ("Yeah, but make it Wednesday", True, "make it Wednesday"),
    ("that's wrong, it's Emma with two m's", False, "it's Emma with two m's"),
])
def test_corrections_keep_the_remainder(text: str, value: bool, remainder: str) -> None:
    result = parse_yes_no(text)
    assert result.ok and result.value is value
    assert result.remainder == remainder


@pytest.mark.parametrize("text", [
    "maybe", "I'm not sure", "I don't know", "no sé", "hmm", "what?", "yes no", "yes, no wait",
    "no, yes, that's right", "the name is right but the date is wrong", "can you repeat that",
    "¿qué?", "tal vez",
])
def test_unclear_is_not_ok(text: str) -> None:
    result = parse_yes_no(text)
    assert not result.ok
    assert result.reason == "unclear"


def test_display_follows_the_language() -> None:
    assert parse_yes_no("sí", language="es").display == "sí"
    assert parse_yes_no("yes").display == "yes"
