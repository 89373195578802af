"""minors: a child left at the appointment, a 16- or 17-year-old deciding alone, custody the caller
lacks, and a relative or sitter bringing the child (English and Spanish); with their look-alikes."""
from __future__ import annotations

import pytest

from tests.unit.escalation_support import category, demo_detector


@pytest.fixture(scope="module")
def detector():
    return demo_detector()


@pytest.mark.parametrize("text,language", [
    ("Is it okay if I leave my daughter there and pick her up after? She's eleven.", "en"),
    ("Can I wait in the car while my son gets his cleaning?", "en"),
    ("Could my 12 year old go in by herself while I park?", "en"),
    ("my son is sixteen, can he consent on his own?", "en"),
    ("Our daughter is 17 and wants to sign her own papers.", "en"),
    ("I don't have custody of my son but I want to see his records.", "en"),
    ("I'm not her legal guardian, I'm her aunt, can I still bring her?", "en"),
    ("Can the uncle take the boy to his cleaning?", "en"),
    ("Our nanny will take the kids in Tuesday, do I need to sign anything?", "en"),
    ("¿La vecina puede traer a mi hija mañana? Yo trabajo.", "es"),
    ("mi suegra la puede acompañar a la cita?", "es"),
    ("¿Puedo dejar a mi hijo en su limpieza y regresar por él?", "es"),
])
def test_a_child_without_a_parent_escalates(detector, text, language):
    assert category(detector, text, language) == "minors", text


@pytest.mark.parametrize("text,language", [
    ("I'll drop my son off at school and then come back for my appointment.", "en"),
    ("Can I drop off my son's retainer and come back later for the bill?", "en"),
    ("my son turned 19, can he sign his own forms?", "en"),
    ("My daughter is 25, she'll fill out her own paperwork.", "en"),
    ("Can my husband bring our son in Tuesday?", "en"),
    ("I don't have the insurance paperwork for my son yet.", "en"),
    ("mi esposo puede llevar a los niños a la cita", "es"),
    ("la abuela puede llevar las radiografías", "es"),
])
def test_parents_errands_and_adult_children_do_not(detector, text, language):
    assert category(detector, text, language) is None, text
