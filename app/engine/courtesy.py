"""Turns that ask nothing of the flow: 'sorry, what?' (say it again) and 'hold on' (wait for me).

Neither is a misunderstanding: counting them as no-match would send a caller who only missed a
word to a person after two tries, and a caller checking a calendar would be asked for a name.
Only short utterances that are nothing but the request count ('hold on, I think Tuesday' is an answer).
"""
from __future__ import annotations

import re

from .slots.textnorm import squash

_LEAD = (r"(?:(?:um|uh|oh|sorry|i'?m sorry|excuse me|pardon|pardon me|perdon|perdone|disculpe|what|huh|eh|"
         r"ok|okay|wait)\s+)*")
_REPEAT = re.compile(
    rf"^{_LEAD}(?:(?:could|can|would) you |please |puede |podria |me puede |me lo puede )?"
    r"(?:(?:say|repeat) (?:that|it|the (?:last )?(?:part|question))(?: (?:again|one more time))?|repeat(?: that| it)?|"
    r"come again|one more time|what (?:was that|did you (?:say|just say))|"
    r"i (?:didn'?t|did not|couldn'?t|could not) (?:hear|catch|get|understand) (?:that|you|what you said|"
    r"the (?:last )?(?:part|question))|you broke up|you'?re breaking up|"
    r"repet\w*|repita\w*|otra vez|no (?:le|te|lo) (?:escuche|entendi|oi)|que dijo|como dijo|no escuche)"
    r"(?: (?:please|por favor|again|otra vez))?$")
_ALONE = re.compile(rf"^{_LEAD}(?:sorry|pardon|pardon me|what|huh|excuse me|perdon|perdone|como|que|eh|mande)$")
_HOLD = re.compile(
    r"^(?:(?:um|uh|oh|ok|okay|yeah|yes|sure|si|bueno|sorry)\s+)*"
    r"(?:hold on|hang on|one (?:sec|second|moment|minute)|just a (?:sec|second|moment|minute)|"
    r"give me (?:a|one) (?:sec|second|moment|minute)|wait a (?:sec|second|moment|minute)|bear with me|"
    r"let me (?:check|look|see|find|grab|get|pull up)|un momento|un momentito|un segundo|un segundito|espere|"
    r"espereme|permitame|aguarde|dejeme (?:ver|revisar|buscar|checar|mirar)|deja(?:me)? (?:ver|revisar|buscar))\b")
_WHILE_WAITING = frozenset("""
a an the my our it that this for one sec second moment minute please real quick let me check look see find
grab get pull up on hold i need to gotta have calendar schedule planner phone card insurance wallet book
agenda notes email purse por favor mi calendario tarjeta seguro cartera telefono ver revisar buscar un
""".split())
"""What may follow 'hold on' in a request to wait ('hold on, let me grab my insurance card')."""


def asks_to_repeat(text: str) -> bool:
    """'Sorry, what?', 'can you say that again', '¿me puede repetir?': the caller missed the bot's words."""
    said = squash(text)
    return bool(said) and (bool(_ALONE.match(said)) or bool(_REPEAT.match(said)))


def asks_to_hold(text: str) -> bool:
    """'Hold on, let me check my calendar', 'un momento': the caller needs a moment, not a re-prompt."""
    said = squash(text)
    m = _HOLD.match(said)
    return m is not None and all(word in _WHILE_WAITING for word in said[m.end():].split())


_GOODBYE = re.compile(
    r"^(?:(?:no|nope|nah|ok|okay|alright|all right|great|perfect|thanks|thank you|thank you so much|thanks so much|"
    r"i think|gracias|muchas gracias|no gracias|bueno|ok gracias|pues|then|so|well|um|uh)\s+)*"
    r"(?:bye|bye bye|goodbye|good bye|see you|take care|have a (?:good|nice|great) (?:day|one|night|evening|afternoon)|"
    r"(?:that's|thats|that is|that'll be|that will be) (?:all|it|everything)(?: i needed| i need)?|"
    r"(?:i'm|im|i am|we're|we are) (?:good|fine|done|all set|all good)|all set|nothing else|no more|"
    r"adios|hasta luego|hasta pronto|chao|chau|eso es todo|es todo|eso seria todo|nada mas|ya es todo|estoy bien)"
    r"(?:\s+(?:thanks|thank you|bye|goodbye|gracias|adios|for now|for today|then))*$")
_GOODBYE_ALONE = re.compile(r"^(?:no thanks|no thank you|no gracias|thanks|thank you|gracias|muchas gracias)$")


def says_goodbye(text: str) -> bool:
    """'No thanks, bye', "that's all", 'eso es todo, gracias': the caller is done."""
    said = squash(text)
    return bool(said) and (bool(_GOODBYE.match(said)) or bool(_GOODBYE_ALONE.match(said)))
