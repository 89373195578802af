"""Names as callers give them: with cue phrases, for someone else, spelled out, in two languages."""
from __future__ import annotations

import pytest

from app.engine.slots import parse_name


@pytest.mark.parametrize("text,expected", [
    ("it's John Smith", "John Smith"),
    ("this is dr. patel's patient, anita patel", "Anita Patel"),
    ("it's Nguyen, N G U Y E N, Thanh Nguyen", "Thanh Nguyen"),
    ("yeah it's under my wife's name, karen lee", "Karen Lee"),
    ("John Smith", "John Smith"),
    ("john smith", "John Smith"),
    ("my name is Maria de la Cruz", "Maria de la Cruz"),
    ("this is for my daughter Emma Lopez", "Emma Lopez"),
    ("Hi, this is Ann, I'm calling for my son Leo Park", "Leo Park"),
    ("I'm calling to book for my son Jake Miller", "Jake Miller"),
    ("the patient is Mary O'Brien", "Mary O'Brien"),
    ("um yeah it's uh Priya Patel", "Priya Patel"),
    ("my name is Will Turner", "Will Turner"),
    ("first name Ana last name Ruiz", "Ana Ruiz"),
    ("Sarah Jane Parker-Lee", "Sarah Jane Parker-Lee"),
    ("John Smith and I need a cleaning", "John Smith"),
    ("it's under Kim Nguyen", "Kim Nguyen"),
    ("Mrs. Garcia", "Garcia"),
    ("mcdonald", "McDonald"),
    ("me llamo José García", "José García"),
    ("mi nombre es María José Rodríguez", "María José Rodríguez"),
    ("es para mi hija Sofía Hernández", "Sofía Hernández"),
    ("a nombre de Carmen López", "Carmen López"),
    ("soy Juan Pérez", "Juan Pérez"),
    ("the name's Chen, Wei Chen", "Wei Chen"),
    ("Ben. Ben Stone.", "Ben Stone"),
    ("It's gonna be for my husband, David Kim", "David Kim"),
    ("my son's name is Ethan Cole", "Ethan Cole"),
    ("no, my name is Tom Baker", "Tom Baker"),
])
def test_names(text: str, expected: str) -> None:
    result = parse_name(text)
    assert result.ok, result
    assert result.value == expected
    assert result.display == expected


@pytest.mark.parametrize("text,expected", [
    ("J O H N", "John"),
    ("Smith, S M I T H", "Smith"),
    ("S as in Sam, M as in Mary, I, T, H", "Smith"),
    ("S-M-I-T-H", "Smith"),
    ("it's Smith, spelled S M I T H", "Smith"),
    ("Smyth, that's S M I T H", "Smith"),
    ("my name is John, J O H N, and last name is Smyth, S M Y T H", "John Smyth"),
    ("Kowalski, K O W A L S K I", "Kowalski"),
    ("Ann Lee, double E at the end, L E E", "Ann Lee"),
    ("Pérez, P de París, E, R, E, Z", "Perez"),
])
def test_spelled_names(text: str, expected: str) -> None:
    result = parse_name(text)
    assert result.ok, result
    assert result.value == expected
    assert result.details["spelled"] is True
    assert result.needs_confirmation


@pytest.mark.parametrize("text", ["I don't know", "tomorrow", "yes", "it's for my daughter", "I need an appointment",
                                  "next Tuesday at 3", "no sé", "what?", "hello?", "two one two",
                                  "can I speak to someone", "hmm, let me think", "thank you"])
def test_non_names_are_refused(text: str) -> None:
    result = parse_name(text)
    assert not result.ok
    assert result.reason == "no_name"


def test_a_single_name_is_accepted_but_confirmed() -> None:
    result = parse_name("Emma")
    assert result.ok and result.value == "Emma" and result.needs_confirmation
    assert not parse_name("Emma Lopez").needs_confirmation
