"""The business can be reached and its calendar computed: time zone, holidays, languages, phones."""
from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import holidays
import phonenumbers

from ..suggest import closest
from ..yaml_lines import YamlDoc
from .context import Parts, Sink

_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
_SIP = re.compile(r"^sip:[^@\s]+@[^@\s]+$")
_CLIENT = re.compile(r"^client:[A-Za-z0-9_.\-]+$")


def check_business(parts: Parts, sink: Sink) -> None:
    """Time zone, holiday calendar, languages and phone numbers."""
    business = parts.business
    if business is not None:
        doc = parts.doc("business")
        _check_timezone(business.timezone, doc, sink)
        _check_holidays(business.holidays.country, business.holidays.subdivision, doc, sink)
        if "en" not in business.language_codes:
            sink.error(doc, ("languages",), "languages must include English (en-US or another en tag); it is the language every text falls back to, so add en-US")
        if business.phone is not None:
            problem = phone_problem(business.phone, _region(parts), allow_uri=False)
            if problem:
                sink.error(doc, ("phone",), problem)
    if parts.staff is not None:
        doc = parts.doc("staff")
        for index, member in enumerate(parts.staff.staff):
            problem = phone_problem(member.phone, _region(parts), allow_uri=True)
            if problem:
                sink.error(doc, ("staff", index, "phone"), f"phone of '{member.id}': {problem}")


def phone_problem(value: str, region: str | None, allow_uri: bool) -> str | None:
    """None when the number can be dialled; otherwise what is wrong and what to write instead."""
    text = value.strip()
    if allow_uri and text.startswith("sip:"):
        return None if _SIP.match(text) else f"'{value}' is not a SIP address; write it like sip:alice@example.sip.twilio.com"
    if allow_uri and text.startswith("client:"):
        return None if _CLIENT.match(text) else f"'{value}' is not a Twilio Client identity; write it like client:front_desk_1"
    alternatives = " (or a sip:/client: address)" if allow_uri else ""
    try:
        parsed = phonenumbers.parse(text, None if text.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return f"'{value}' is not a phone number; write it in E.164 form, with + and the country code, e.g. +12125550123{alternatives}"
    if not phonenumbers.is_valid_number(parsed):
        return f"'{value}' is not a valid phone number (wrong length or an unassigned area code); write it in E.164 form, e.g. +12125550123{alternatives}"
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if text != e164 or not _E164.match(text):
        return f"'{value}' is not in E.164 form; write it as \"{e164}\""
    return None


def _region(parts: Parts) -> str | None:
    return parts.business.holidays.country.upper() if parts.business else None


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def _check_timezone(name: str, doc: YamlDoc, sink: Sink) -> None:
    try:
        ZoneInfo(name)
        return
    except (ZoneInfoNotFoundError, ValueError):
        pass
    guess = closest(name, _zones())
    hint = f"did you mean '{guess}'?" if guess else "use an IANA name such as America/New_York or Europe/Madrid"
    sink.error(doc, ("timezone",), f"timezone '{name}' is not a known time zone; {hint}")


def _check_holidays(country: str, subdivision: str | None, doc: YamlDoc, sink: Sink) -> None:
    supported = holidays.list_supported_countries()
    if country not in supported:
        guess = country.upper() if country.upper() in supported else closest(country, list(supported))
        hint = f"did you mean '{guess}'?" if guess else "use a two-letter ISO country code such as US, CA or MX"
        sink.error(doc, ("holidays", "country"), f"holidays country '{country}' is not supported by the holidays calendar; {hint}")
        return
    if subdivision is None:
        return
    try:
        holidays.country_holidays(country, subdiv=subdivision)
    except NotImplementedError:
        known = supported[country]
        guess = closest(subdivision.upper(), known)
        hint = f"did you mean '{guess}'? " if guess else ""
        listing = f"use one of: {', '.join(known)}" if known else f"{country} has no subdivisions, so remove `subdivision`"
        sink.error(doc, ("holidays", "subdivision"), f"holidays subdivision '{subdivision}' does not exist for {country}; {hint}{listing}")
