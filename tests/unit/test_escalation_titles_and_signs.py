"""Titled names and "is anybody actually there"; vision after a head knock, a gas line hissing, a
Spanish CO alarm said verb first, an infant's fever given in months; threats against staff; distress
said as "better off not here" or "too anxious to leave the house"; a fee the caller will dispute; an
ex acting behind the caller's back. Each with a look-alike."""
from __future__ import annotations

import pytest

from tests.unit.escalation_support import category, demo_detector


@pytest.fixture(scope="module")
def detector():
    return demo_detector()


@pytest.mark.parametrize("text,language,expected", [
    ("I'd like to talk to Mrs. Alvarez about my bill.", "en", "human_request"),
    ("hello? is anyone really there", "en", "human_request"),
    ("necesito hablar con una per sona de la clínica", "es", "human_request"),
    ("My son bumped his head at the park, his vision is blurry now.", "en", "safety"),
    ("the propane tank out back that you filled is making a hissing sound", "en", "safety"),
    ("Está pitando el detector de monóxido en la cocina.", "es", "safety"),
    ("Mi niña tiene fiebre y apenas tiene tres semanas.", "es", "safety"),
    ("Some guy phoned and said he's coming to hurt the receptionist.", "en", "safety"),
    ("Estaría mejor si no existiera.", "es", "mental_health"),
    ("Ya no tengo ganas de vivir.", "es", "mental_health"),
    ("I'm so scared I can't get out of bed most days.", "en", "mental_health"),
    ("That cancellation charge is wrong and I'm going to dispute it.", "en", "legal"),
    ("Her dad signed her up for braces behind my back, I have joint custody.", "en", "minors"),
])
def test_escalates(detector, text, language, expected):
    assert category(detector, text, language) == expected, text


@pytest.mark.parametrize("text,language", [
    ("It's twenty dollars per son for the group lesson, right?", "en"),
    ("I need to talk about my ms treatment plan before the cleaning.", "en"),
    ("I hit my head on the cabinet last month, and I need new glasses because I'm seeing double sometimes?", "en"),
    ("The gas company came yesterday and checked for leaking, all fine.", "en"),
    ("¿Cómo cambio la pila de la alarma de monóxido? suena cada rato.", "es"),
    ("Tengo 40 de edad y quiero una limpieza.", "es"),
    ("Can I come to kill some time in your waiting room?", "en"),
    ("Sería mejor no ir hoy, ¿puedo cambiar la cita?", "es"),
    ("I'm so anxious I can't sleep before the extraction, any tips?", "en"),
    ("There's a fee for the late cancellation? Okay, I'm not going to fight it.", "en"),
])
def test_look_alikes_do_not(detector, text, language):
    assert category(detector, text, language) is None, text
