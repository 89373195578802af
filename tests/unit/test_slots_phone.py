"""Phone numbers said aloud, typed with punctuation, or pressed on the keypad."""
from __future__ import annotations

import pytest

from app.engine.slots import parse_phone


@pytest.mark.parametrize("text,language", [
    ("two one two five five five oh one two three", "en"),
    ("two one two, five five five, zero one two three", "en"),
    ("my number is two one two double five five oh one two three", "en"),
    ("two one two five five five oh one twenty three", "en"),
    ("it's 212 555 0123", "en"),
    ("(212) 555-0123", "en"),
    ("212.555.0123", "en"),
    ("+1 212 555 0123", "en"),
    ("1 212 555 0123", "en"),
    ("2125550123#", "en"),
    ("2125550123", "en"),
    ("two one two five five five oh one to three", "en"),
    ("dos uno dos cinco cinco cinco cero uno dos tres", "es"),
    ("mi número es dos uno dos, cinco cinco cinco, cero uno, veintitrés", "es"),
    ("dos doce, cinco cinco cinco, cero ciento veintitrés", "es"),
])
def test_us_numbers_normalise_to_e164(text: str, language: str) -> None:
    result = parse_phone(text, language=language)
    assert result.ok, result
    assert result.value == "+12125550123"
    assert result.display == "2 1 2, 5 5 5, 0 1 2 3"
    assert result.details["formatted"] == "(212) 555-0123"


def test_triple_and_toll_free() -> None:
    assert parse_phone("eight hundred triple five oh one nine nine").value == "+18005550199"
    assert parse_phone("one eight hundred five five five oh one nine nine").value == "+18005550199"


def test_international_number() -> None:
    result = parse_phone("plus four four two zero seven nine four six zero nine five eight")
    assert result.value == "+442079460958"
    assert result.display == "plus 4 4, 2 0, 7 9 4 6, 0 9 5 8"
    assert parse_phone("+44 20 7946 0958", language="es").display.startswith("más 4 4")


@pytest.mark.parametrize("text,reason", [
    ("five five five oh one two three", "missing_area_code"),
    ("two one two five five", "too_few_digits"),
    ("212 555 0123 4567", "too_many_digits"),
    ("I don't know", "no_digits"),
    ("one two three four five six seven eight nine zero", "invalid_number"),
    ("555 555 0123", "invalid_number"),
])
def test_bad_numbers_say_why(text: str, reason: str) -> None:
    result = parse_phone(text)
    assert not result.ok
    assert result.reason == reason


@pytest.mark.parametrize("text", ["this number", "you can use the number I'm calling from", "same one",
                                  "este número", "el mismo"])
def test_caller_id_is_offered_back_to_the_engine(text: str) -> None:
    assert parse_phone(text).reason == "same_as_caller"


def test_for_and_to_are_digits_only_between_digits() -> None:
    assert parse_phone("nine one seven for five five oh one two three").value == "+19174550123"
    assert parse_phone("call me back for sure at 917 555 0123").value == "+19175550123"


@pytest.mark.parametrize("text,language,extension", [
    ("617-492-3308 extension 12", "en", "12"),
    ("six one seven four nine two three three oh eight ext 4 5", "en", "45"),
    ("seis uno siete cuatro nueve dos tres tres cero ocho extensión veinte", "es", "20"),
])
def test_an_extension_is_kept_apart_from_the_number(text: str, language: str, extension: str) -> None:
    result = parse_phone(text, language=language)
    assert result.ok and result.value == "+16174923308"
    assert result.details["extension"] == extension and extension[-1] in result.display


@pytest.mark.parametrize("text", ["yes that's my cell", "my cell", "that is my mobile"])
def test_the_callers_own_cell_means_the_caller_id(text: str) -> None:
    assert parse_phone(text).reason == "same_as_caller"


def test_a_cell_number_said_aloud_is_still_read() -> None:
    assert parse_phone("my cell is 617 492 3308").value == "+16174923308"
