"""A person's name from what a caller says: cue phrases, spelled letters, and a patient who is not the caller."""
from __future__ import annotations

import re

from .result import SlotResult, failed
from .spelling import merge_spelling
from .textnorm import fold

_CUES = [
    r"(?:the )?(?:appointment|booking|reservation|visit|cita)(?: is|'s)? (?:for|under|a nombre de|para) (?:my \w+ |mi \w+ )?",
    (r"(?:for|para) (?:my|our|mi|nuestra|nuestro) (?:son|daughter|child|kid|wife|husband|mom|mother|dad|father|"
     r"grandmother|grandma|grandfather|grandpa|partner|brother|sister|boyfriend|girlfriend|friend|niece|nephew|"
     r"hijo|hija|nino|nina|esposa|esposo|mama|madre|papa|padre|abuela|abuelo|hermano|hermana|sobrino|sobrina|amigo|amiga)"
     r"(?:,)? (?:named |called |que se llama )?"),
    r"(?:my|our|mi|su) (?:son|daughter|child|kid|wife|husband|mom|mother|dad|father|hijo|hija|esposa|esposo|mama|papa)(?:'s name is| is called| is named| se llama)? ",
    r"(?:the )?(?:patient|paciente)(?:'s name)?(?: is| es| se llama)? ",
    r"(?:my )?(?:full |first |last )?name(?: is|'s)? ",
    r"(?:under|a nombre de|bajo el nombre de|under the name(?: of)?) ",
    r"(?:it's|it is|this is|i'm|i am|im|soy|habla|me llamo|mi nombre es|se llama|el nombre es|es) ",
]
_STOP = frozenset("""
a an and are at be but by can could did do does for from had has have he her him his how i if in is it its
just me my no not now of on or our she so than that the their them then there they this to too up us was we
were what when where which who why with would yes you your yeah yep nope okay ok sure hello hi hey please
thanks thank sorry know don't dont idk calling call called need want like appointment cleaning checkup dentist
doctor name patient number phone today son daughter child kid wife husband mom mother dad father grandmother
grandma grandfather grandpa partner brother sister boyfriend girlfriend friend niece nephew hijo hija nino
nina esposa esposo mama madre papa padre abuela abuelo hermano hermana sobrino sobrina amigo amiga tomorrow
tonight yesterday morning afternoon evening week month next last time day monday tuesday wednesday thursday
friday saturday sunday one two three four five six seven eight nine ten um uh hmm er oh well actually right
correct wrong again repeat what's i'm i'll i've it's that's there's quiero necesito tengo hacer una uno un el
los las por para con sin que como cual cuando donde quien es soy esta estoy si sí se sé yo tu su mi mis hola
gracias buenos buenas dias tardes noches cita manana hoy ayer nombre persona señor senor señora senora claro
bueno pues este eso esto lo le nada nose speak talk book schedule cancel reschedule make get let think come go
see help check tell say said spell wait hold someone somebody anyone anybody person human agent operator
representative receptionist real whom whose gonna wanna gotta kind really hablar llamar puedo puede alguien
gente ver dejeme
""".split())  # noqa: SIM905 (a word list reads better as text)
_PARTICLES = {"de", "la", "del", "van", "von", "der", "da", "di", "du", "le", "y", "dos", "bin", "al", "st", "st."}
_TITLES = {"mr", "mrs", "ms", "miss", "mister", "dr", "doctor", "sr", "sra", "srta", "dona"}
_POSSESSIVE = re.compile(r"['’]s$")
"""'Dr. Patel's patient', 'under my wife's name': a possessive names whose something, not the caller."""
_RELATION_ONLY = re.compile(r"^(?:my|mi|our|the) \w+$")


_LABELS = re.compile(
    r"(?:,? (?:and|y) )?\b(?:my |mi |his |her |su )?(?:first name|last name|surname|family name|middle name|apellidos?|"
    r"primer nombre|segundo nombre)(?: is| es|'s)?\b|\b(?:that's|that is|it's|which is|eso es|es)? ?(?:spelled|spelt|se escribe|se deletrea)(?: like)?\b|"
    r"\b(?:that's|that is)(?= (?:[^\W\d_][ ,.\-]+){2})", re.IGNORECASE)


def _cue_rest(text: str) -> str:
    """The part after the last cue phrase ('this is Ann calling for my son Leo Park' -> 'Leo Park')."""
    best = text
    for cue in _CUES:
        for m in re.finditer(rf"(?:^|\b){cue}", best):
            if best[m.end():].strip():
                best = best[m.end():]
                break
    return best


def _name_tokens(text: str) -> list[str]:
    tokens = re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?", text)
    out: list[str] = []
    for tok in tokens:
        low = fold(tok).rstrip(".")
        if low in _TITLES and not out:
            continue
        if low in _PARTICLES and out:
            out.append(low)
            continue
        if low in _STOP or (len(low) == 1 and low not in ("o",)) or _POSSESSIVE.search(low):
            if out:
                break
            continue
        out.append(tok)
    while out and fold(out[-1]) in _PARTICLES:
        out.pop()
    return out


def _best_segment(rest: str) -> str:
    """'Chen, Wei Chen' or 'Ben. Ben Stone.': a caller who restarts a name means the fuller version."""
    segments = [seg for seg in re.split(r"[,.;]", rest) if seg.strip()]
    if len(segments) < 2:
        return rest
    seen = [{fold(w) for w in _name_tokens(seg)} for seg in segments]
    repeated = any(seen[i] & seen[j] for i in range(len(seen)) for j in range(i + 1, len(seen)))
    if not repeated:
        return rest
    return max(reversed(segments), key=lambda seg: len(_name_tokens(seg)))


def _capitalise(tok: str) -> str:
    """'john' -> 'John', "o'brien" -> "O'Brien", 'mcdonald' -> 'McDonald'; mixed case is kept."""
    if tok.lower() in _PARTICLES:
        return tok.lower()
    if not (tok.islower() or tok.isupper()):
        return tok
    parts = re.split(r"(['’\-])", tok.lower())
    word = "".join(p[:1].upper() + p[1:] for p in parts)
    return re.sub(r"^Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), word)


def parse_name(text: str, *, language: str = "en") -> SlotResult:
    """'my name is Maria de la Cruz', 'Smith, S M I T H', 'this is for my daughter Emma Lopez'."""
    merged, spelled = merge_spelling(_LABELS.sub(" ", text))
    folded_keep_case = re.sub(r"\s+", " ", merged).strip()
    lowered = folded_keep_case.lower()
    rest_low = _cue_rest(lowered)
    start = len(lowered) - len(rest_low)
    rest = folded_keep_case[start:]
    if _RELATION_ONLY.match(rest_low.strip()):
        return failed("no_name")
    tokens = _name_tokens(_best_segment(rest))
    if not tokens:
        return failed("no_name")
    if len(tokens) > 5:
        tokens = tokens[:5]
    name = " ".join(_capitalise(t.rstrip(".")) for t in tokens)
    single = len([t for t in tokens if t.lower() not in _PARTICLES]) == 1
    return SlotResult(ok=True, value=name, display=name, needs_confirmation=single or spelled,
                      details={"spelled": spelled, "parts": len(tokens)})
