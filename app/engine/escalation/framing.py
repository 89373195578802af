"""How a symptom or danger is framed: happening now, over and done, or only imagined.

A triage nurse hears "I had chest pain last year" and "what happens if a patient has an allergic
reaction" as routine, and "the swelling is spreading to my eye" as urgent, although all three name
the same kind of thing. These guards read the clause around a rule's words for that framing.
"""
from __future__ import annotations

import re

from .normalize import Normalized

_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
# Something over: a time in the past, or another place or time of life.
PAST = re.compile(
    r"\b(?:last (?:year|month|time|week|visit|appointment|spring|summer|fall|winter|christmas)|(?:a (?:few|couple of)|\w+) (?:years?|months?|weeks?) ago|"
    r"years ago|a (?:long )?(?:time|while) (?:ago|back)|as a (?:kid|child|teen|teenager|baby)|when i was (?:a |little|younger|pregnant|in)|in the past|"
    rf"(?:back )?in (?:19|20)\d\d|(?:back )?in {_MONTHS}(?! (?:\d|first|second|third))|back (?:in|when) |(?:at|in|from) (?:my|our|the|his|her) (?:old|previous|former|last) (?:place|house|home|apartment|job|work|office|dentist|doctor|practice|address|school|building|landlord)|"
    r"(?:at|during|after|before) (?:my|the|his|her|our|their) (?:last|previous) \w+|"
    r"el ano pasado|hace (?:\w+ )?(?:anos|meses|semanas)|de nin[oa]|la (?:ultima|otra) vez)\b")
# It is happening now, whatever past words surround it.
RECENT = re.compile(
    r"\b(?:just|right now|now|today|tonight|this (?:morning|afternoon|evening)|(?:minutes?|an hour|hours) ago|still|"
    r"(?:for|in) (?:the )?(?:past |last )?(?:\w+ )?(?:minutes?|hours?|an hour)|all (?:day|night|morning|afternoon|evening)|since (?:this morning|last night|yesterday|earlier|lunch|breakfast)|"
    r"getting worse|keeps? getting|after (?:the|his|her|my|your|their) (?:shot|injection|procedure|extraction|surgery|anesthesia|numbing|visit|"
    r"appointment|cleaning|filling|medicine|medication|antibiotics?)|since last \w+|ever since|for (?:days|weeks|months)|lately|these days|recently|"
    r"ahora|ahorita|hoy|acaba de|acabo de|todavia)\b")
# "just kidding", "haha": a figure of speech, not a report.
JOKING = re.compile(r"(?<!not )(?<!no )\b(?:(?:just |only )?kidding|joking|jokingly|haha\w*|lol)\b")
# "had a heart attack", "survived a stroke": an event in the caller's history.
_HISTORY_CUES = frozenset({"had", "survived", "recovered", "history", "previous", "prior", "former", "tuve", "tuvo"})
_UNSURE = frozenset({"think", "thinks", "believe", "maybe", "might", "may", "could", "possibly", "probably", "seems",
                     "guess", "afraid", "worried", "scared", "creo", "parece"})
_SKIP = frozenset({"a", "an", "the", "my", "his", "her", "their", "our", "one", "some", "un", "una", "mi", "su", "of", "from"})
_CONJUNCTIONS = frozenset({"and", "but", "so", "because", "although", "though", "then", "y", "pero", "porque", "entonces"})
# "it's fine now", "we're all square": whatever the caller describes is over.
RESOLVED = re.compile(
    r"\b(?:(?:it is|that is|everything is|all is|we are|i am|it was|its|he is|she is) (?:all )?(?:fine|okay|ok|good|better|resolved|sorted|"
    r"settled|taken care of|all square|all set) now|(?:it|that|everything) (?:has been|was|got) (?:resolved|sorted|settled|taken care of)|"
    r"we are (?:all )?(?:square|good|settled)|(?:ya )?(?:esta|estoy) bien (?:ahora|ya)|ya se (?:resolvio|arreglo))\b")
# Questions about what would happen, not reports of what is happening.
HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|say|suppose|whenever) (?:\w+ ){0,6}?ever\b"
    r"|\bwhat (?:should|do|would|can|could|will|does|did) (?:i|we|you|one|people|parents?|someone|a (?:parent|patient|person)) do (?:if|when|in case)\b"
    r"|\bwhat (?:happens|would happen|do you do|is (?:the|your) (?:policy|protocol|procedure|plan)|are (?:the|your) (?:steps|rules|procedures)) (?:\w+ ){0,2}?(?:if|when|in case)\b"
    r"|\bhow (?:do|would|should|does) (?:you|i|we|the office|your office) (?:\w+ ){0,2}?(?:if|when)\b"
    r"|\b(?:in case|god forbid|hypothetically|supposing|suppose)\b|\bque (?:hago|hacemos|debo hacer|pasa) si\b|\bpor si acaso\b")


def clause(norm: Normalized, first: int, last: int) -> str:
    """The words of the clause holding tokens first..last: bounded by punctuation and by 'and', 'but', 'so'."""
    start = first
    while start > 0 and not norm.boundary_before[start] and norm.tokens[start - 1] not in _CONJUNCTIONS:
        start -= 1
    end = last + 1
    while end < len(norm.tokens) and not norm.boundary_before[end] and norm.tokens[end] not in _CONJUNCTIONS:
        end += 1
    return " ".join(norm.tokens[start:end])


RETURNED = re.compile(
    r"\b(?:(?:came|come|comes|coming|is|s|are|it s) back|started (?:up )?again|flar\w* (?:up|again)|(?:is|s|getting|got) (?:\w+ )?worse|"
    r"(?:again|back) (?:now|today|tonight|this (?:morning|afternoon|evening))|ha vuelto|volvio|otra vez)\b")
"""Later in the utterance, the past complaint is back: 'checked out in March, but now it's back'."""


def past_event(norm: Normalized, first: int, last: int, *, cues: bool = True) -> bool:
    """'I had chest pain last year', 'my friend's husband had a heart attack': over, unless the same clause says now.

    With `cues` False only a time in the past counts ("I've had thoughts of ending it" is not over).
    """
    words = clause(norm, first, last)
    if RECENT.search(words):
        return False
    if PAST.search(words):
        return not RETURNED.search(" ".join(norm.tokens[last + 1:]))
    if not cues:
        return False
    position, looked = first, 0
    while position > 0 and looked < 3 and not norm.boundary_before[position]:
        position -= 1
        word = norm.tokens[position]
        if word in _HISTORY_CUES:
            # "I think he had a stroke", "she may have had a seizure": a guess about now, not a history
            return not any(w in _UNSURE for w in norm.tokens[max(0, position - 4):position])
        if word not in _SKIP:
            looked += 1
    return False


def hypothetical(norm: Normalized, first: int, size: int = 14) -> bool:
    """'what should I do if my kid ever knocks out a tooth', 'if there's ever a fire': asked about, not happening."""
    start = max(0, first - size)
    for position in range(first, start, -1):
        if norm.boundary_before[position]:
            start = position
            break
    if HYPOTHETICAL.search(" ".join(norm.tokens[start:first + 1])):
        return True
    # "if the CO alarm goes off, should we call you?": a condition followed by a question about what to do
    conditional = any(word in {"if", "when", "si"} for word in norm.tokens[max(start, first - 4):first + 1])
    return conditional and bool(WHAT_TO_DO.search(" ".join(norm.tokens[first:])))


WHAT_TO_DO = re.compile(
    r"\b(?:should (?:i|we) (?:call|come|go|do|bring|take)|do (?:i|we) (?:call|come in|go)|who (?:do|should) (?:i|we) call|"
    r"what (?:do|should) (?:i|we) do|is that (?:an emergency|urgent|serious)|would (?:that|it) (?:count|be an emergency)|"
    r"(?:debo|debemos) (?:llamar|ir)|que (?:hago|hacemos))\b")
# "...but it goes away", "the gas company already fixed it": said after the danger, it is over.
SETTLED_AFTER = re.compile(
    r"\b(?:already (?:fixed|resolved|repaired|taken care of|handled|sorted|stopped|gone|came out and fixed)|"
    r"(?:was|were|got|has been|have been) (?:all )?(?:checked out|looked at|seen to|cleared|treated|ruled out)(?! (?:yet|today|right now))"
    r"(?!(?: \w+){0,8}? (?:back|again|worse|returned|recurr\w*|flar\w* up))|"
    r"(?:it|that|the smell|the bleeding|the swelling|the pain|they) (?:goes|went|go) away(?! and (?:comes|came) back)(?: (?:right away|quickly|after|once|on its own))?|"
    r"(?:it|that|the bleeding|the swelling|the pain) (?:has |finally |already )?stopped\b(?! \w+ing| (?:working|moving|responding))|"
    r"se (?:quita|va|paso)(?! y (?:vuelve|regresa))|ya (?:lo )?(?:arreglaron|repararon))\b")


def settled_after(norm: Normalized, last: int) -> bool:
    """Words after the match say the danger is over ('a gas smell when I light it, but it goes away',
    '...but I'm fine now')."""
    after = " ".join(norm.tokens[last + 1:])
    return bool(SETTLED_AFTER.search(after) or RESOLVED.search(after))


MILD = re.compile(r"\b(?:a little(?! (?:girl|boy|toy|piece|part|kid|one|baby|guy|while|brother|sister|son|daughter|child))|a bit|a tad|"
                  r"a touch|tiny bit|slightly|mild|mildly|slight|somewhat|un poco|poquito|leve)\b")


def mild(heard: str) -> bool:
    """'a little swollen', 'sparks a tiny bit': the words (and the few after them) say it is not severe."""
    return bool(MILD.search(heard))
