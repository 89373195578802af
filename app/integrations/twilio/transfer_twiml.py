"""TwiML of a warm transfer: the caller on hold in a conference, the whisper to staff, the staff join.

Built with twilio's VoiceResponse (goodbyes and hang-ups are `twiml.hangup_response`). The caller enters the conference with startConferenceOnEnter=false,
so they hear the hold audio (waitUrl, or Twilio's default music) until a staff member who pressed 1
joins with startConferenceOnEnter=true. Both sides end the conference when they leave.
"""
from __future__ import annotations

from twilio.twiml.voice_response import Conference, Dial, Gather, VoiceResponse

CONFERENCE_EVENTS = "start end join leave"


def caller_on_hold(conference: str, *, say: str | None, language_tag: str, hold_url: str | None,
                   events_url: str, after_url: str, response: VoiceResponse | None = None) -> VoiceResponse:
    """'Connecting you', then the caller waits in the conference with hold audio (appended to `response`)."""
    response = response if response is not None else VoiceResponse()
    if say:
        response.say(say, language=language_tag)
    dial = Dial(action=after_url, method="POST")
    options: dict[str, object] = {
        "start_conference_on_enter": False, "end_conference_on_exit": True, "beep": False,
        "status_callback": events_url, "status_callback_method": "POST",
        "status_callback_event": CONFERENCE_EVENTS,
    }
    if hold_url:
        options.update(wait_url=hold_url, wait_method="GET")
    dial.append(Conference(conference, **options))
    response.append(dial)
    return response


def whisper(brief: str, *, accept_url: str, seconds: int = 8) -> str:
    """What the staff member hears on answering: the brief, then 'press 1'; silence counts as no."""
    response = VoiceResponse()
    gather = Gather(input="dtmf", num_digits=1, timeout=seconds, action=accept_url, method="POST",
                    action_on_empty_result=True)
    gather.say(f"Frontdesk transfer. {brief} Press 1 to take this call.", language="en-US")
    response.append(gather)
    return str(response)


def staff_joins(conference: str, *, language_tag: str = "en-US") -> str:
    """The member accepted: into the conference, which starts now (the caller's hold audio stops)."""
    response = VoiceResponse()
    response.say("Connecting you now.", language=language_tag)
    dial = Dial()
    dial.append(Conference(conference, start_conference_on_enter=True, end_conference_on_exit=True, beep=False))
    response.append(dial)
    return str(response)
