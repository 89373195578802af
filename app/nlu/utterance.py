"""What the call-type detector should look at in an utterance, and whether there is anything to look at.

Two things carry no call type and only pull an utterance towards "other": people's names ("for my
daughter Emma") and talk without content ("the thing, you know"). Names are dropped when the
transcript capitalises a word mid-sentence that no example uses; an utterance with no content word
at all is unclear (the caller is asked again), which is different from confidently out of scope.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from app.nlu.text import fold
from app.nlu.words import STOP_WORDS

VAGUE = frozenset("""
thing things stuff something anything everything whatever kind sort mean guess basically actually anyway
anyways right um umm uh uhh hmm er ah oh huh well like you know see so yeah yep nope alright sure wait
cosa cosas algo este pues bueno oye mira sabes digo eso esto ese eh ehh mm mmm
don doesn didn isn wasn aren t s m re ve ll d im
""".split())
# A word nobody's examples use, right after one of these, is a name even in a lower-case transcript.
KIN = frozenset("""
daughter son kid child husband wife mom dad mother father boy girl grandson granddaughter grandma grandpa
brother sister partner baby niece nephew stepson stepdaughter hija hijo nina nino esposo esposa mama papa
nieto nieta hermano hermana bebe
""".split())
# Capitalised but meaningful: days, months, titles, holidays. Never dropped as names.
KEEP = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december lunes martes miercoles jueves viernes sabado domingo enero
febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre dr dra mr mrs ms miss
doctor doctora christmas thanksgiving easter navidad spanish english espanol ingles
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?¿¡]\s*$")


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Every folded word of the examples (and negatives) a detector was trained on."""
    return frozenset(word for text in texts for word in fold(text).split())


def drop_names(text: str, known: frozenset[str]) -> str:
    """Remove words no example uses that read as names: capitalised mid-sentence, or right after 'my daughter'."""
    kept: list[str] = []
    last, previous = 0, ""
    for found in _WORD.finditer(text):
        word, folded = found.group(0), fold(found.group(0))
        before = text[:found.start()].rstrip()
        mid_sentence = bool(before) and not _SENTENCE_END.search(before)
        looks_like_name = (mid_sentence and word[0].isupper() and word != "I" and not word.startswith("I'")) \
            or previous in KIN
        if looks_like_name and folded not in known and folded not in KEEP and folded not in STOP_WORDS:
            kept.append(text[last:found.start()])
            last = found.end()
        previous = folded
    kept.append(text[last:])
    cleaned = re.sub(r"\s+", " ", "".join(kept)).strip()
    return cleaned or text


def has_content(text: str) -> bool:
    """True when at least one word says what the utterance is about."""
    return any(word not in STOP_WORDS and word not in VAGUE for word in fold(text).replace("'", " ").split())
