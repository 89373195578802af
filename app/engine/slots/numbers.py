"""Number words in English and Spanish become digits, so dates, times and phones parse one way."""
from __future__ import annotations

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
    "veinte": 20, "veintiuno": 21, "veintiun": 21, "veintidos": 22, "veintitres": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "primero": 1, "primer": 1,
}
_SPANISH_ONLY = {"y"}


def cardinal(token: str) -> int | None:
    """The value of one number word or digit token, else None."""
    if token.isdigit():
        return int(token)
    for table in (_UNITS, _TEENS, _TENS):
        if token in table:
            return table[token]
    return None


def is_tens(token: str) -> bool:
    return token in _TENS


def ordinal_suffix(n: int) -> str:
    """'1st', '22nd', '13th': how an ordinal is written after normalisation."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def normalize_numbers(tokens: list[str]) -> list[str]:
    """['twenty', 'fourth'] -> ['24th']; ['treinta', 'y', 'cinco'] -> ['35']; ['three'] -> ['3']."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        after = tokens[i + 2] if i + 2 < len(tokens) else ""
        if tok in _TENS:
            if nxt in _UNITS and _UNITS[nxt] > 0:
                out.append(str(_TENS[tok] + _UNITS[nxt]))
                i += 2
                continue
            if nxt in _ORDINALS and _ORDINALS[nxt] < 10:
                out.append(ordinal_suffix(_TENS[tok] + _ORDINALS[nxt]))
                i += 2
                continue
            if nxt in _SPANISH_ONLY and after in _UNITS and _UNITS[after] > 0:
                out.append(str(_TENS[tok] + _UNITS[after]))
                i += 3
                continue
        if tok in _ORDINALS:
            out.append(ordinal_suffix(_ORDINALS[tok]))
        else:
            value = cardinal(tok)
            out.append(str(value) if value is not None and not tok.isdigit() else tok)
        i += 1
    return out
