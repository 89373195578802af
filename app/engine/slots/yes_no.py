"""Yes or no to a confirmation, in many phrasings; a 'no, it's Tuesday' keeps its correction."""
from __future__ import annotations

import re

from .result import SlotResult, failed
from .textnorm import fold

_UNCLEAR = [
    r"not sure", r"i'?m not sure", r"no se", r"no estoy segur[oa]", r"maybe", r"i don'?t know", r"i dunno",
    r"quizas?", r"tal vez", r"a lo mejor", r"depends", r"depende", r"what\b", r"como\??$", r"perhaps",
    r"i guess not", r"hmm+", r"no idea",
]
_NO = [
    r"no(?:pe|ope)?", r"nah", r"not (?:right )?now", r"not at the moment", r"not today", r"ahora no", r"todavia no", r"nay", r"negative", r"not really", r"not quite", r"not exactly", r"not at all",
    r"that'?s (?:not (?:right|correct|it)|wrong|incorrect)", r"that is (?:not (?:right|correct)|wrong|incorrect)",
    r"(?:it'?s |it is )?(?:wrong|incorrect)", r"not (?:right|correct)", r"i don'?t think so", r"(?:please )?don'?t",
    r"i do not", r"i don'?t", r"never mind", r"cancel that", r"no thanks?(?: you)?", r"wrong", r"incorrect",
    r"esta mal", r"no es (?:correcto|asi|cierto)", r"incorrecto", r"para nada", r"equivocad[oa]", r"no gracias",
    r"de ninguna manera", r"tampoco", r"not that", r"no way", r"absolutely not", r"definitely not", r"not that one", r"of course not",
    r"claro que no",
]
_YES = [
    r"yes(?:s+)?", r"yeah?", r"yah", r"yep", r"yup", r"ya", r"sure(?: thing)?", r"correct", r"right", r"exactly",
    r"absolutely", r"definitely", r"of course", r"certainly", r"indeed", r"affirmative", r"totally",
    r"ok(?:ay)?", r"o k", r"alright", r"all right", r"sounds (?:good|great|right|perfect)", r"perfect", r"great",
    r"good", r"fine", r"uh[ -]?huh", r"mhm+", r"mm[ -]?hmm", r"you got it", r"you bet", r"that works",
    r"that'?s (?:right|correct|it|fine|good|perfect|true)", r"that is (?:right|correct)", r"it is", r"it'?s (?:right|correct)",
    r"go ahead", r"please do", r"that'?d be (?:great|good|perfect|nice|wonderful|fine|helpful)",
    r"that would be (?:great|good|perfect|nice|wonderful|fine|helpful)", r"i'?d (?:like|love|appreciate) (?:that|it)",
    r"i would (?:like|love|appreciate) (?:that|it)", r"me parece bien", r"me gustaria", r"please", r"i do", r"i would", r"i think so", r"i guess(?: so)?", r"why not",
    r"no problem", r"no worries", r"si+", r"claro(?: que si)?", r"correcto", r"exacto", r"esta bien", r"de acuerdo",
    r"vale", r"perfecto", r"asi es", r"por supuesto", r"eso es", r"andale", r"aja", r"orale", r"bueno", r"cierto",
    r"efectivamente", r"okey", r"dale", r"sale", r"seguro", r"con gusto", r"por favor", r"true", r"yessir",
]
_LEAD = r"^(?:(?:um+|uh+|er|oh|well|so|ah|eh|pues|este|mm)[ ,.!]+)*"
_JOIN = r"[ ,.!;:\-]*"
_POLITE = re.compile(
    r"(?:[ ,.!]*(?:thanks?|thank you(?: so much| very much)?|gracias|muchas gracias|to me|for me|please|por favor|"
    r"i think|i guess|i'?m sure|sir|ma'?am|senora?|senorita|then|entonces|that'?s all|that'?s it|it is|it'?s fine|that'?s fine|that'?s ok(?:ay)?|"
    r"it'?s ok(?:ay)?|esta bien|muy bien|that'?s everything|eso es todo|i'?m (?:good|fine|ok(?:ay)?)|"
    r"estoy bien|it isn'?t|it'?s not|it is not|it wasn'?t|no es|no lo es|it is|it was))+[ ,.!]*")
_TAIL_FILLERS = re.compile(r"^(?:but|pero|actually|sorry|perdon|perdone|lo siento|and|y|it should be|deberia ser)\b[ ,]*")


def _lead_match(text: str, patterns: list[str]) -> re.Match[str] | None:
    """The run of these phrases at the start of the text, taking the longest phrase at each step."""
    lead = re.match(_LEAD, text)
    ends = [_run_end(text, start, patterns) for start in {0, lead.end() if lead else 0}]
    pos = max((end for end in ends if end is not None), default=None)
    return re.match(rf".{{{pos}}}", text, re.DOTALL) if pos else None


def _run_end(text: str, pos: int, patterns: list[str]) -> int | None:
    found = None
    while True:
        best = max((m.end() for m in (re.match(rf"(?:{p})\b{_JOIN}", text[pos:]) for p in patterns) if m), default=0)
        if not best:
            return found
        pos = found = pos + best


def _rest(original: str, folded: str, consumed: int) -> str | None:
    """The caller's own words after the yes/no ('no, it's Tuesday' -> "it's Tuesday")."""
    if len(original) == len(folded):
        tail = original[consumed:]
    else:
        tail = folded[consumed:]
    tail = _TAIL_FILLERS.sub("", tail.strip(" ,.!?;:-")).strip(" ,.!?;:-")
    if not tail or _POLITE.fullmatch(fold(tail)):
        return None
    return tail


def parse_yes_no(text: str, *, language: str = "en") -> SlotResult:
    """True/False with the rest of the sentence as a possible correction; unclear answers are not ok."""
    folded = fold(text).replace("¿", "").replace("¡", "")
    if not folded.strip(" ,.!?"):
        return failed("empty")
    no = _lead_match(folded, _NO)
    yes = _lead_match(folded, _YES)
    unclear = _lead_match(folded, _UNCLEAR)
    if unclear and unclear.end() >= max(no.end() if no else 0, yes.end() if yes else 0):
        return failed("unclear")
    if no and (not yes or no.end() >= yes.end()):
        value, consumed = False, no.end()
    elif yes:
        value, consumed = True, yes.end()
    else:
        return _anywhere(folded)
    remainder = _rest(text.strip(), folded, consumed)
    if remainder and _contradicts(remainder, value):
        return failed("unclear", remainder=remainder)
    display = ("sí" if value else "no") if language.startswith("es") else ("yes" if value else "no")
    return SlotResult(ok=True, value=value, display=display, remainder=remainder)


def _contradicts(remainder: str, value: bool) -> bool:
    """'yes, no wait' or 'no, yes that's right': the caller said both; ask again."""
    folded = fold(remainder)
    opposite = _lead_match(folded, _YES if not value else _NO)
    if not opposite:
        return False
    word = opposite.group(0).strip(" ,.!")
    return word not in ("please", "por favor", "bueno", "ok", "okay", "good", "fine", "great", "thanks", "thank you", "no problem",
                    "that's fine", "thats fine", "that's okay", "thats okay", "it's fine", "its fine", "esta bien")


def _anywhere(folded: str) -> SlotResult:
    """No yes/no word up front: accept 'that's wrong' or 'it's correct' said later in a short answer."""
    words = folded.split()
    if len(words) > 8:
        return failed("unclear")
    negative = re.search(r"\b(?:not right|not correct|wrong|incorrect|esta mal|no es correcto|incorrecto)\b", folded)
    positive = re.search(r"\b(?:that'?s right|correct|exactly|perfect|esta bien|correcto|exacto|perfecto)\b", folded)
    if negative and not re.search(r"\bnothing(?:'?s| is) wrong\b", folded):
        return SlotResult(ok=True, value=False, display="no")
    if positive:
        return SlotResult(ok=True, value=True, display="yes")
    return failed("unclear")
