"""Short answers: a bare 'Operator!' is a request; 'are you a robot?' is a question about the bot."""
from __future__ import annotations

import re

from .normalize import Normalized

_FILLER = frozenset({
    "please", "hello", "hi", "hey", "yes", "yeah", "yep", "okay", "just", "a", "an", "the", "real", "live",
    "actual", "now", "again", "right", "i", "said", "human", "oh", "come", "on", "already", "thanks",
    "thank", "you", "por", "favor", "si", "hola", "oiga", "oye", "una", "un", "la", "el", "ya", "ahora",
    "de", "verdad", "bueno", "pues", "le", "dije", "con", "so", "and", "sir", "mam", "maam", "senorita",
    "zero", "0", "cero", "only", "por", "favor", "stop", "ugh", "not", "no", "there", "ahi", "alli",
})
_NOUNS = frozenset({
    "human", "person", "operator", "agent", "representative", "receptionist", "reception", "front", "desk",
    "someone", "somebody", "staff", "customer", "service", "manager", "supervisor", "people", "being",
    "persona", "humano", "operador", "operadora", "agente", "representante", "recepcionista", "recepcion",
    "alguien", "gerente", "transfer", "transferencia", "humana", "zero", "0", "cero", "anyone", "anybody",
})
# Enough on their own to act on before the caller has finished: nouns nobody starts a mention with,
# or any person noun closed by 'please' ('agent, please').
_UNMISTAKABLE = frozenset({"human", "operator", "representative", "humano", "operador", "operadora", "representante"})
_PLEASE = ("please", "por favor")
_REAL = frozenset({"real", "live", "actual"})
_ARTICLES = frozenset({"a", "an", "the", "real", "live", "actual", "una", "un", "la", "el"})
_BOT = r"(?:robot|bot|machine|computer|ai|recording|automated|artificial intelligence|a\.?i|virtual assistant|real|human|human being|person|real person|live person|actual person|real human|someone real|chatbot|program)"
_BOT_ES = r"(?:robot|humano|humana|persona|persona real|maquina|computadora|grabacion|real|bot|inteligencia artificial|ia|contestadora|de verdad|programa)"
_QUESTIONS = (
    re.compile(rf"\b(?:are|r) (?:you|u) (?:a |an |even |actually |really |like )*(?:real |live |actual )?{_BOT}\b"),
    re.compile(rf"\bis (?:this|that|it) (?:a |an |just |really )*(?:real |live )?{_BOT}\b"),
    re.compile(rf"\b(?:if|whether) (?:you are|this is|i am (?:talking|speaking) (?:to|with)) (?:a |an |just )?(?:real |live |actual )?{_BOT}\b"),
    re.compile(rf"\b(?:am i|are we) (?:talking|speaking|chatting) (?:to|with) (?:a |an |some )?(?:real |live |actual )?{_BOT}\b"),
    re.compile(rf"^(?:so )?(?:you are|you re|you sound like|this is) (?:a |an |just )?(?:real |live )?{_BOT}(?: (?:right|huh|are you not|is it not|then|or what|or not))?$"),
    re.compile(r"\b(?:who|what) am i (?:talking|speaking) (?:to|with)\b|\bwhat are you\b|\bis anyone real\b"),
    re.compile(rf"\b(?:eres|es usted|usted es|eres tu|sos) (?:un |una )?{_BOT_ES}\b"),
    re.compile(rf"\b(?:estoy hablando|hablo|estamos hablando) con (?:un |una )?{_BOT_ES}\b"),
    re.compile(r"\b(?:es|esto es) (?:un |una )?(?:grabacion|maquina|robot|contestadora|persona real)\b|\bcon quien hablo\b|\bcon quien estoy hablando\b"),
)


def bare_request(norm: Normalized) -> str | None:
    """The words heard when the whole utterance is a person noun and politeness ('agent, please')."""
    tokens = norm.tokens
    if not tokens or len(tokens) > 8:
        return None
    nouns = [word for word in tokens if word in _NOUNS]
    if not nouns or not all(word in _FILLER or word in _NOUNS for word in tokens):
        return None
    if any(_negated(norm, index) for index, word in enumerate(tokens) if word in _NOUNS):
        return None  # 'not a person', 'no human': said of something, not asked for
    weak = {"front", "desk", "service", "customer", "being"}
    if set(nouns) <= weak and not ({"customer", "service"} <= set(tokens) or {"front", "desk"} <= set(tokens)):
        return None
    return norm.text


def _negated(norm: Normalized, index: int) -> bool:
    """The word before a noun, skipping articles, is 'not' or 'no' in the same clause ('no, a person' is a request)."""
    for before in range(index - 1, -1, -1):
        if norm.tokens[before] in _ARTICLES:
            continue
        return norm.tokens[before] in {"not", "no"} and not norm.boundary_before[before + 1]
    return False


def unmistakable(norm: Normalized) -> bool:
    """A bare request safe to act on in a partial transcript: 'operator', 'a real person', 'agent please'."""
    tokens = set(norm.tokens)
    return (bool(tokens & _UNMISTAKABLE) or bool(tokens & _REAL and tokens & {"person", "persona", "human"})
            or norm.text.endswith(_PLEASE))


def question_about_bot(norm: Normalized) -> bool:
    """'Are you a real person?', '¿Eres un robot?': curiosity, answered honestly."""
    return any(pattern.search(norm.text) for pattern in _QUESTIONS)
