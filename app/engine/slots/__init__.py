"""Slot filling for phone calls: pure functions from one utterance to a value the engine can store.

Everything here is deterministic and does no I/O: the call time and the business's timezone are
passed in, so the same words on the same clock always give the same answer.
"""
from __future__ import annotations

from datetime import datetime

from .free_text import clean_text, parse_text
from .minutes import parse_minutes
from .names import parse_name
from .phone import parse_phone
from .result import SlotResult, failed
from .when import parse_date, parse_datetime, parse_time
from .yes_no import parse_yes_no

SLOT_TYPES = ("name", "date", "time", "datetime", "phone", "yes_no", "text", "minutes")

__all__ = [
    "SLOT_TYPES",
    "SlotResult",
    "clean_text",
    "parse_date",
    "parse_datetime",
    "parse_minutes",
    "parse_name",
    "parse_phone",
    "parse_slot",
    "parse_text",
    "parse_time",
    "parse_yes_no",
]


def parse_slot(slot_type: str, text: str, *, now: datetime, timezone: str, language: str = "en",
               region: str = "US") -> SlotResult:
    """Read one slot of the given type from one utterance (or DTMF digits) said at `now`."""
    if not isinstance(text, str) or not text.strip():
        return failed("empty")
    if slot_type == "name":
        return parse_name(text, language=language)
    if slot_type in ("date", "time", "datetime"):
        parser = {"date": parse_date, "time": parse_time, "datetime": parse_datetime}[slot_type]
        return parser(text, now=now, timezone=timezone, language=language)
    if slot_type == "phone":
        return parse_phone(text, language=language, region=region)
    if slot_type == "yes_no":
        return parse_yes_no(text, language=language)
    if slot_type == "text":
        return parse_text(text, language=language)
    if slot_type == "minutes":
        return parse_minutes(text, language=language)
    raise ValueError(f"unknown slot type '{slot_type}'; expected one of {', '.join(SLOT_TYPES)}")
