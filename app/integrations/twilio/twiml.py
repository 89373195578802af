"""TwiML documents Frontdesk answers with, built with twilio's VoiceResponse (never by hand)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from twilio.twiml.voice_response import Connect, Dial, VoiceResponse

DEFAULT_SORRY = "Please hold while I connect you."
VOICEMAIL_PROMPT = {
    "en": "Sorry, nobody could take your call just now. Please leave your name, your number and what it is "
          "about after the tone, and we will call you back.",
    "es": "Lo sentimos, nadie pudo atender su llamada. Deje su nombre, su número y el motivo después del tono, "
          "y le devolveremos la llamada.",
}
VOICEMAIL_THANKS = {"en": "Thank you. Goodbye.", "es": "Gracias. Adiós."}
VOICEMAIL_PATH = "/twilio/voicemail"
VOICEMAIL_MAX_SECONDS = 120


def stream_response(wss_url: str, parameters: Mapping[str, str], status_callback: str | None = None) -> str:
    """<Connect><Stream url=wss://...> with <Parameter>s: Twilio forbids query strings in stream URLs."""
    if "?" in wss_url:
        raise ValueError(f"stream URL {wss_url!r} has a query string; pass values as <Parameter>s instead")
    response = VoiceResponse()
    connect = Connect()
    stream = connect.stream(url=wss_url, status_callback=status_callback) if status_callback else connect.stream(url=wss_url)
    for name, value in parameters.items():
        if value is not None and value != "":
            stream.parameter(name=name, value=str(value))
    response.append(connect)
    return str(response)


def append_voicemail(response: VoiceResponse, language: str = "en", public_url: str | None = None) -> VoiceResponse:
    """After a <Dial> nobody answered, Twilio goes on to these verbs: the caller leaves a message
    instead of meeting silence. The recording stays in the Twilio account; with a public URL its
    status callback also tells Frontdesk (`/twilio/voicemail`), which logs it for a callback."""
    lang = "es" if language.startswith("es") else "en"
    tag = "es-US" if lang == "es" else "en-US"
    response.say(VOICEMAIL_PROMPT[lang], language=tag)
    kwargs: dict[str, object] = {"max_length": VOICEMAIL_MAX_SECONDS, "play_beep": True, "timeout": 5}
    if public_url:
        kwargs["recording_status_callback"] = public_url.rstrip("/") + VOICEMAIL_PATH
        kwargs["recording_status_callback_event"] = "completed"
    response.record(**kwargs)
    response.say(VOICEMAIL_THANKS[lang], language=tag)
    response.hangup()
    return response


def add_dial_targets(dial: Dial, numbers: Iterable[str]) -> None:
    """Phone numbers, sip: URIs and client: identities, each as its own noun."""
    for number in numbers:
        if number.startswith("sip:"):
            dial.sip(number)
        elif number.startswith("client:"):
            dial.client(number[len("client:"):])
        else:
            dial.number(number)


def dial_response(numbers: Iterable[str], *, say: str | None = None, caller_id: str | None = None,
                  timeout: int = 20, action: str | None = None, language: str = "en-US",
                  voicemail: bool = False, public_url: str | None = None) -> str:
    """Say an optional line, then ring the given numbers together; an empty list ends in a polite hang-up.
    With `voicemail`, a caller nobody answered leaves a message (no `action`: Twilio reads on)."""
    numbers = [n for n in numbers if n]
    response = VoiceResponse()
    if say:
        response.say(say, language=language)
    if not numbers:
        response.say("Sorry, nobody can take your call right now. Please call back later.", language=language)
        response.hangup()
        return str(response)
    kwargs: dict[str, object] = {"timeout": timeout}
    if caller_id:
        kwargs["caller_id"] = caller_id
    if action:
        kwargs["action"] = action
    dial = Dial(**kwargs)
    add_dial_targets(dial, numbers)
    response.append(dial)
    if voicemail and not action:
        append_voicemail(response, language[:2], public_url)
    return str(response)


def sequential_dial_response(numbers: Iterable[str], *, say: str | None = None, timeout: int = 20,
                             language: str = "en-US") -> str:
    """Ring each number in turn (one <Dial> per member): Twilio moves on when a <Dial> is not answered."""
    numbers = [n for n in numbers if n]
    response = VoiceResponse()
    if say:
        response.say(say, language=language)
    for number in numbers:
        dial = Dial(timeout=timeout)
        add_dial_targets(dial, [number])
        response.append(dial)
    if not numbers:
        response.say("Sorry, nobody can take your call right now. Please call back later.", language=language)
    response.hangup()
    return str(response)


def hangup_response(say: str | None = None, language: str = "en-US") -> str:
    response = VoiceResponse()
    if say:
        response.say(say, language=language)
    response.hangup()
    return str(response)


def empty_response() -> str:
    """Status callbacks need no instructions; an empty <Response/> is the documented answer."""
    return str(VoiceResponse())
