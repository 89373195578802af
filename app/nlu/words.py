"""Content words of an utterance: stop words dropped (English and Spanish), light stemming."""
from __future__ import annotations

import re

from app.nlu.text import fold

STOP_WORDS = frozenset("""
a an the and or but if of to in on at by for with from about as into over under than then so too very
i me my mine we us our ours you your yours he him his she her it its they them their this that these those
is am are was were be been being do does did done doing have has had having can could will would shall should
may might must let lets get got go going want wanna gonna need like please just also any some there here
what whats which who whom whose why how hi hello hey yes yeah no not dont do ok okay well um uh
much many more most tell know say said give really thanks thank sorry excuse question ask asking wondering
el la los las un una unos unas de del al y o u que en por para con sin su sus mi mis tu tus es son esta
estan hay como cual cuales quien quienes me te se le les lo nos yo usted ustedes ellos
quiero quisiera puedo puede pueden tiene tienen tengo saber favor gracias hola si no pero muy mas
actually first wait hold hang quick real guys again right maybe kind sort though anyway basically honestly
oh hmm sure alright cool great perfect good before one thing another else mean guess
oye perdon pregunta primero antes bueno pues este oiga disculpe
""".split())
"""Besides the usual stop words, what callers wrap a question in ('actually, wait, one more thing: ...')."""
_TOKEN = re.compile(r"[a-z0-9]+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude, predictable stem: common English suffixes off, then at most six letters."""
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry the meaning of a question."""
    return {stem(w) for w in _TOKEN.findall(fold(text)) if w not in STOP_WORDS and len(w) > 1}
