"""business.yaml: who the business is, when it is open, and how the bot sounds."""
from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from .common import LocalizedText, StrictModel

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_time_range(text: str) -> tuple[time, time]:
    """'08:00-17:30' -> (08:00, 17:30); ValueError with a usable message otherwise."""
    match = _RANGE.match(text)
    if not match:
        raise ValueError(f"'{text}' is not an opening range; write it as HH:MM-HH:MM, e.g. 08:00-17:00")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError:
        raise ValueError(f"'{text}' has an hour or minute out of range; use 00:00 to 23:59") from None
    if end <= start:
        raise ValueError(f"'{text}' ends before it starts; put the earlier time first, and write overnight hours as two ranges (e.g. 18:00-23:59 and 00:00-02:00)")
    return start, end


def _check_range(text: str) -> str:
    parse_time_range(text)
    return text


def _check_tag(tag: str) -> str:
    if not re.match(r"^[a-z]{2}(-[A-Z]{2})?$", tag):
        raise ValueError(f"'{tag}' is not a language tag; write it like en-US or es-US")
    return tag


def _as_range_list(value: Any) -> Any:
    """A day may be written as one range, or left empty / 'closed' when the office is closed."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "closed"):
        return []
    return [value] if isinstance(value, str) else value


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
TimeRange = Annotated[str, AfterValidator(_check_range)]
"""An opening range written HH:MM-HH:MM, checked where it is written so errors name its line."""
DayHours = Annotated[list[TimeRange], BeforeValidator(_as_range_list)]
LanguageTag = Annotated[str, AfterValidator(_check_tag)]


class Holidays(StrictModel):
    """Public holidays come from the `holidays` package; operators add or remove days."""

    country: str = Field(default="US", min_length=2, max_length=2)
    subdivision: str | None = None
    closed: list[date] = Field(default_factory=list, description="extra days the office is closed")
    open: list[date] = Field(default_factory=list, description="public holidays the office is open anyway")


class Voice(StrictModel):
    tone: str = "warm, brief and plain-spoken"
    openai_voice: str = "alloy"
    flite_voice: str = "slt"
    speaking_rate: float = Field(default=1.0, ge=0.5, le=2.0)


class Messages(StrictModel):
    """Fixed things the bot says, per language; every one has a sensible default."""

    greeting: LocalizedText = {
        "en": "Thanks for calling {business}. This is the virtual receptionist. How can I help you today?",
        "es": "Gracias por llamar a {business}. Habla la recepcionista virtual. ¿En qué le puedo ayudar?",
    }
    after_hours_greeting: LocalizedText = {
        "en": "Thanks for calling {business}. We're closed right now. I can help with a few things or take a message.",
        "es": "Gracias por llamar a {business}. Ahora estamos cerrados. Puedo ayudarle con algunas cosas o tomar un mensaje.",
    }
    connecting: LocalizedText = {
        "en": "Of course. I'm connecting you with someone now. Please hold.",
        "es": "Claro. Le comunico con una persona ahora. Por favor espere.",
    }
    didnt_understand: LocalizedText = {
        "en": "Sorry, I didn't catch that. Could you say it another way?",
        "es": "Perdón, no le entendí. ¿Me lo puede decir de otra forma?",
    }
    anything_else: LocalizedText = {
        "en": "Is there anything else I can help you with?",
        "es": "¿Hay algo más en lo que le pueda ayudar?",
    }
    goodbye: LocalizedText = {
        "en": "Thanks for calling. Goodbye!",
        "es": "Gracias por llamar. ¡Adiós!",
    }
    out_of_scope_message: LocalizedText = {
        "en": "That's something a person here should help you with. I'll take a message and someone will call you back {callback_within}.",
        "es": "Eso lo debe atender una persona. Le tomo un mensaje y le devolverán la llamada {callback_within}.",
    }
    message_done: LocalizedText = {
        "en": "Thank you. I've passed your message on, and someone will call you back {callback_within}. Goodbye!",
        "es": "Gracias. Ya pasé su mensaje y le devolverán la llamada {callback_within}. ¡Adiós!",
    }
    no_answer_found: LocalizedText = {
        "en": "I'm sorry, I don't have that information. I can connect you with someone or take a message. Which would you prefer?",
        "es": "Lo siento, no tengo esa información. Puedo comunicarle con una persona o tomar un mensaje. ¿Qué prefiere?",
    }
    human_question: LocalizedText = {
        "en": "I'm the virtual receptionist, an automated assistant. I can help with appointments and office questions, or connect you with a person at any time. Just say 'a person'.",
        "es": "Soy la recepcionista virtual, un asistente automático. Puedo ayudarle con citas y preguntas de la oficina, o comunicarle con una persona cuando quiera. Solo diga 'una persona'.",
    }
    message_intro_no_answer: LocalizedText = {
        "en": "I'm sorry, nobody is free to pick up right now. I'll take a message and someone will call you back {callback_within}.",
        "es": "Lo siento, nadie puede atender en este momento. Le tomo un mensaje y le devolverán la llamada {callback_within}.",
    }
    message_intro_after_hours: LocalizedText = {
        "en": "Our office is closed right now, so I'll take a message and someone will call you back {callback_within}.",
        "es": "La oficina está cerrada ahora, así que le tomo un mensaje y le devolverán la llamada {callback_within}.",
    }
    message_ask_name: LocalizedText = {
        "en": "May I have your name, please?",
        "es": "¿Me da su nombre, por favor?",
    }
    message_ask_number: LocalizedText = {
        "en": "What's the best number to call you back on?",
        "es": "¿A qué número le devolvemos la llamada?",
    }
    message_confirm_caller_id: LocalizedText = {
        "en": "Should we call you back at the number you're calling from?",
        "es": "¿Le llamamos al número desde el que está llamando?",
    }
    message_ask_reason: LocalizedText = {
        "en": "And briefly, what is the call about?",
        "es": "Y brevemente, ¿de qué se trata?",
    }
    still_there: LocalizedText = {
        "en": "Are you still there?",
        "es": "¿Sigue ahí?",
    }
    take_your_time: LocalizedText = {
        "en": "Sure, take your time.",
        "es": "Claro, tómese su tiempo.",
    }
    still_here: LocalizedText = {
        "en": "I'm still here whenever you're ready.",
        "es": "Aquí sigo, cuando esté listo.",
    }
    what_else: LocalizedText = {
        "en": "Sure, what else can I help you with?",
        "es": "Claro, ¿en qué más le puedo ayudar?",
    }
    what_to_change: LocalizedText = {
        "en": "Sorry about that. What should I change: the name, the time, or something else?",
        "es": "Perdón. ¿Qué debo cambiar: el nombre, la hora u otra cosa?",
    }
    system_failure: LocalizedText = {
        "en": "I'm sorry, I'm having trouble on my end. Let me get you to a person.",
        "es": "Lo siento, tengo un problema técnico. Le comunico con una persona.",
    }


class Business(StrictModel):
    name: str = Field(min_length=1)
    timezone: str = Field(description="an IANA time zone such as America/New_York")
    languages: list[LanguageTag] = Field(default_factory=lambda: ["en-US"], min_length=1)
    phone: str | None = None
    hours: dict[Weekday, DayHours]
    holidays: Holidays = Holidays()
    special_hours: dict[date, DayHours] = Field(
        default_factory=dict, description="dated exceptions: these hours replace the weekday's on that date ('closed' closes it)")
    callback_within: LocalizedText = {"en": "within two business hours", "es": "en menos de dos horas hábiles"}
    after_hours: Literal["message", "on_call"] = "message"
    voice: Voice = Voice()
    messages: Messages = Messages()

    @property
    def language_codes(self) -> list[str]:
        return [tag.split("-")[0] for tag in self.languages]
