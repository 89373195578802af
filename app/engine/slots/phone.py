"""Phone numbers said aloud or typed on the keypad, validated and normalised to E.164."""
from __future__ import annotations

import re

import phonenumbers

from .calendar_words import lang
from .numbers import cardinal, is_tens
from .result import SlotResult, failed
from .textnorm import squash, words

_DIGIT_WORDS = {"oh": "0", "o": "0", "zero": "0", "cero": "0", "nought": "0"}
_REPEAT = {"double": 2, "doble": 2, "triple": 3, "treble": 3}
_HOMOPHONES = {"to": "2", "too": "2", "for": "4", "won": "1", "ate": "8", "tree": "3", "fiv": "5"}
_SAME_AS_CALLER = re.compile(
    r"\b(this (?:number|phone|one)|the (?:number|phone) i'?m calling (?:from|on)|same (?:number|one|as)|"
    r"(?:that|this)(?:'s| is) my (?:cell|mobile|number|phone|cell phone)|(?:my|the) (?:cell|mobile|cell phone)$|"
    r"the one i'?m calling from|caller id|este (?:numero|telefono)|el mismo|del que (?:llamo|estoy llamando)|"
    r"el (?:numero|telefono) (?:de|del) que (?:llamo|estoy llamando))\b")


def _compound(tokens: list[str], i: int) -> tuple[int, int] | None:
    """A spoken number of ten or more at tokens[i] ('twenty three', 'cincuenta y cinco'): (value, tokens used)."""
    tok = tokens[i]
    value = cardinal(tok)
    if value is None or value < 10 or tok.isdigit():
        return None
    if not is_tens(tok):
        return value, 1
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if nxt == "y" and i + 2 < len(tokens) and _digit(tokens[i + 2]) not in (None, "0"):
        return value + int(_digit(tokens[i + 2]) or 0), 3
    unit = _digit(nxt) if nxt not in ("oh", "o", "zero", "cero") else None
    if unit is not None and len(unit) == 1 and unit != "0":
        return value + int(unit), 2
    return value, 1


def spoken_digits(text: str) -> str:
    """'two one two five five five oh one two three' -> '2125550123'; keeps a leading '+'."""
    tokens = words(text)
    out: list[str] = []
    i, after_hundred = 0, False
    while i < len(tokens):
        tok, nxt = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
        was_hundred, after_hundred = after_hundred, False
        compound = _compound(tokens, i)
        if tok in _REPEAT and _digit(nxt) is not None:
            out.append((_digit(nxt) or "") * _REPEAT[tok])
            i += 1
        elif tok in ("plus", "mas") and not out:
            out.append("+")
        elif tok in ("hundred", "cien", "ciento"):
            if tok == "hundred" and out and out[-1].isdigit():
                out[-1] += "00"
            elif tok != "hundred":
                out.append("100")
            after_hundred = True
        elif tok in ("thousand", "mil") and out and out[-1].isdigit():
            out[-1] += "000"
        elif compound and was_hundred and out and out[-1].endswith("00"):
            out[-1] = str(int(out[-1]) + compound[0])
            i += compound[1] - 1
        elif compound:
            out.append(str(compound[0]))
            i += compound[1] - 1
        elif tok in _HOMOPHONES and _between_digits(tokens, i):
            out.append(_HOMOPHONES[tok])
        elif _digit(tok) is not None:
            out.append(_digit(tok) or "")
        elif re.fullmatch(r"[0-9]+[a-z]+|[a-z]+[0-9]+", tok):
            out.append(re.sub(r"\D", "", tok))
        i += 1
    return "".join(out)


def _digit(tok: str) -> str | None:
    if tok.isdigit():
        return tok
    if tok in _DIGIT_WORDS:
        return _DIGIT_WORDS[tok]
    value = cardinal(tok)
    return str(value) if value is not None else None


def _between_digits(tokens: list[str], i: int) -> bool:
    """'five five five for one two' : 'for' and 'to' are digits only when digits surround them."""
    before = i > 0 and _digit(tokens[i - 1]) is not None
    after = i + 1 < len(tokens) and _digit(tokens[i + 1]) is not None
    return before and after


def read_back(number: phonenumbers.PhoneNumber, language: str) -> str:
    """'2 1 2, 5 5 5, 0 1 2 3': digit by digit in the groups people say them in."""
    if number.country_code == 1:
        national = phonenumbers.national_significant_number(number)
        groups = [national[:3], national[3:6], national[6:]]
        prefix = ""
    else:
        formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        groups = [re.sub(r"\D", "", g) for g in formatted.split()]
        prefix = ("más " if lang(language) == "es" else "plus ") + " ".join(groups.pop(0).lstrip("+")) + ", "
    return prefix + ", ".join(" ".join(group) for group in groups if group)


def parse_phone(text: str, *, language: str = "en", region: str = "US") -> SlotResult:
    """A callback number, from speech or DTMF; 'this number' asks the engine to use the caller ID."""
    if _SAME_AS_CALLER.search(squash(text)) and len(spoken_digits(text)) < 7:
        return failed("same_as_caller")
    raw, extension = _split_extension(text.strip())
    digits = re.sub(r"[^\d+]", "", raw) if re.fullmatch(r"[\d\s()+.\-*#]+", raw) else spoken_digits(raw)
    digits = digits[0] + digits[1:].replace("+", "") if digits else digits
    count = len(digits.lstrip("+"))
    if count == 0:
        return failed("no_digits")
    if count < 10 and not digits.startswith("+"):
        return failed("missing_area_code" if count == 7 else "too_few_digits", digits=digits)
    if count > 15:
        return failed("too_many_digits", digits=digits)
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return failed("invalid_number", digits=digits)
    if not phonenumbers.is_valid_number(number):
        reason = "too_many_digits" if count > 11 and not digits.startswith("+") else "invalid_number"
        return failed(reason, digits=digits)
    style = phonenumbers.PhoneNumberFormat.NATIONAL if phonenumbers.region_code_for_number(number) == region \
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    details = {"formatted": phonenumbers.format_number(number, style), "digits": digits}
    display = read_back(number, language)
    if extension:
        details["extension"] = extension
        details["formatted"] += f" ext. {extension}"
        display += (", extensión " if lang(language) == "es" else ", extension ") + " ".join(extension)
    return SlotResult(ok=True, value=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                      display=display, details=details)


_EXTENSION = re.compile(r"\b(?:extension|ext\.?|extensi[oó]n|anexo)(?=\s|\d|$)", re.IGNORECASE)


def _split_extension(text: str) -> tuple[str, str]:
    """'617 492 3308 extension 12' -> ('617 492 3308', '12'): the office dials the number, then asks for 12."""
    m = _EXTENSION.search(text)
    if not m:
        return text, ""
    return text[:m.start()].strip(" ,"), spoken_digits(text[m.end():])[:6]
