"""Free text slots and the parse_slot entry point."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.engine.slots import SLOT_TYPES, parse_slot, parse_text

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize("text,expected", [
    ("um, about fifteen minutes, uh", "about fifteen minutes"),
    ("like twenty minutes I think", "twenty minutes I think"),
    ("pues, unos veinte minutos", "unos veinte minutos"),
    ("A cleaning", "A cleaning"),
    ("my tooth hurts when I chew", "my tooth hurts when I chew"),
    ("15", "15"),
])
def test_text_keeps_the_callers_words(text: str, expected: str) -> None:
    result = parse_text(text)
    assert result.ok and result.value == expected


@pytest.mark.parametrize("text", ["", "   ", "uh...", "um, uh", "...", "este, pues"])
def test_empty_text_is_refused(text: str) -> None:
    assert parse_text(text).reason == "empty"


@pytest.mark.parametrize("kind,text,value", [
    ("name", "it's John Smith", "John Smith"),
    ("date", "tomorrow", "2026-11-25"),
    ("time", "at 3", "15:00"),
    ("datetime", "next Tuesday afternoon", "2026-12-01T12:00:00-05:00"),
    ("phone", "2125550123", "+12125550123"),
    ("yes_no", "yes", True),
    ("text", "a cleaning", "a cleaning"),
])
def test_parse_slot_dispatches_every_type(kind: str, text: str, value: object) -> None:
    result = parse_slot(kind, text, now=NOW, timezone="America/New_York", language="en")
    assert result.ok and result.value == value


def test_every_declared_type_is_handled() -> None:
    for kind in SLOT_TYPES:
        parse_slot(kind, "hello", now=NOW, timezone="America/New_York", language="en")


def test_unknown_type_and_empty_input() -> None:
    with pytest.raises(ValueError, match="unknown slot type 'colour'"):
        parse_slot("colour", "blue", now=NOW, timezone="America/New_York", language="en")
    assert parse_slot("name", "  ", now=NOW, timezone="America/New_York", language="en").reason == "empty"


def test_slots_package_does_no_io() -> None:
    import ast
    from pathlib import Path

    import app.engine.slots as package

    banned = {"flask", "redis", "requests", "httpx", "openai", "socket", "os", "subprocess", "rq", "sqlalchemy"}
    for path in Path(package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not {n.split(".")[0] for n in names} & banned, path


@pytest.mark.parametrize("text,language,minutes", [
    ("I'm running about fifteen minutes behind for my 2 o'clock", "en", "15"),
    ("10 or 15 minutes", "en", "15"),
    ("half an hour", "en", "30"),
    ("stuck in traffic, probably ten minutes late for my 3:30", "en", "10"),
    ("an hour", "en", "60"),
    ("un cuarto de hora", "es", "15"),
    ("unos diez minutos", "es", "10"),
])
def test_minutes_late(text: str, language: str, minutes: str) -> None:
    result = parse_slot("minutes", text, now=NOW, timezone="America/New_York", language=language)
    assert result.ok and result.value == minutes


@pytest.mark.parametrize("text", ["thanks", "not sure", "I'll be there at 3", "for my 2 o'clock"])
def test_not_a_number_of_minutes(text: str) -> None:
    assert not parse_slot("minutes", text, now=NOW, timezone="America/New_York").ok
