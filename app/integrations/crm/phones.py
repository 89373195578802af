"""Phone numbers in one form (E.164), and what the number says about where the recipient is."""
from __future__ import annotations

import phonenumbers
from phonenumbers import timezone as pn_timezone


def to_e164(raw: str | None, region: str = "US") -> str | None:
    """'(212) 555-0123' -> '+12125550123'; None when it does not parse as a possible number."""
    if not raw or not str(raw).strip():
        return None
    text = str(raw).strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_valid(e164: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return False


def time_zones(e164: str, fallback: str | None = None) -> list[str]:
    """IANA zones the number may be in (several for some regions); `fallback` when unknown."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return [fallback] if fallback else []
    zones = [z for z in pn_timezone.time_zones_for_number(number) if z and z != "Etc/Unknown"]
    if not zones:
        zones = [z for z in pn_timezone.time_zones_for_geographical_number(number) if z and z != "Etc/Unknown"]
    return zones or ([fallback] if fallback else [])
