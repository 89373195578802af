"""Remove card numbers, social security numbers and dates of birth before anything leaves the call record."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

CARD, SSN, DOB = "[card number]", "[ssn]", "[date of birth]"

_SEP = r"[\s\-.]?"
# 13-19 digits, optionally grouped with spaces, dashes or dots (phone numbers have at most 15 and
# E.164 ones start with '+', so a '+' prefix is left alone).
_CARD_RE = re.compile(r"(?<![\d+])(?:\d" + _SEP + r"){12,18}\d(?!\d)")
_SSN_RE = re.compile(r"(?<![\d+])\d{3}[\s\-.]\d{2}[\s\-.]\d{4}(?!\d)|(?<![\d+\-])\d{9}(?![\d\-])")
_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|" \
          r"septiembre|setiembre|octubre|noviembre|diciembre)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DATE_WITH_YEAR = re.compile(
    rf"\b(?:{_DAY}[/\-.][0-3]?\d[/\-.](?:{_YEAR}|\d{{2}})|{_YEAR}-[01]?\d-[0-3]?\d|"
    rf"{_MONTHS}\.?\s+{_DAY},?\s+(?:of\s+)?{_YEAR}|{_DAY}\s+(?:de\s+|of\s+)?{_MONTHS},?\s+(?:de(?:l)?\s+)?{_YEAR})\b",
    re.IGNORECASE)
_DATE_ANY = re.compile(
    rf"\b(?:{_YEAR}-[01]?\d-[0-3]?\d|{_DAY}[/\-.][0-3]?\d(?:[/\-.](?:{_YEAR}|\d{{2}}))?|{_MONTHS}\.?\s+{_DAY}(?:,?\s+{_YEAR})?|"
    rf"{_DAY}\s+(?:de\s+|of\s+)?{_MONTHS}(?:,?\s+(?:de(?:l)?\s+)?{_YEAR})?)\b", re.IGNORECASE)
_BIRTH_CONTEXT = re.compile(r"\b(?:born|birth|birthday|dob|d\.o\.b|nacimiento|naci|nací|cumpleaños)\b", re.IGNORECASE)
_SENSITIVE_KEYS = re.compile(r"(?:card|ssn|social|birth|dob|cvv|cvc)", re.IGNORECASE)


def _year_of(text: str) -> int | None:
    m = re.search(_YEAR, text)
    return int(m.group()) if m else None


def redact_text(text: str, today: date | None = None) -> str:
    """Card numbers and SSNs always; dates when the sentence is about birth, or when their year is past."""
    if not text:
        return text
    out = _CARD_RE.sub(CARD, text)
    out = _SSN_RE.sub(SSN, out)
    if _BIRTH_CONTEXT.search(out):
        return _DATE_ANY.sub(DOB, out)
    this_year = (today or date.today()).year

    def past_year(m: re.Match[str]) -> str:
        year = _year_of(m.group())
        return DOB if year is not None and year < this_year - 1 else m.group()

    return _DATE_WITH_YEAR.sub(past_year, out)


def redact(value: Any, key: str = "", today: date | None = None) -> Any:
    """Walk dicts and lists; strings are redacted, values under keys like 'card' or 'dob' are masked."""
    if isinstance(value, dict):
        return {k: redact(v, str(k), today) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v, key, today) for v in value]
    if isinstance(value, str):
        if key and _SENSITIVE_KEYS.search(key) and value.strip():
            return "[redacted]"
        return redact_text(value, today)
    return value
