"""The test-call page's additions to Media Streams: typed text and keep-alives in; what happened, out.

Everything else on the socket is Twilio's own format, read by app.integrations.twilio.media. Real
Twilio never connects here, so these extra messages only ever reach the page.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.engine.actions import RunAction, TakeMessage, Transfer
from app.engine.session import CallSession, Turn
from app.integrations.twilio import media

MAX_TYPED_CHARS = 500


@dataclass(frozen=True)
class Typed:
    """The tester typed what a caller would say: a final utterance, no audio."""

    text: str


@dataclass(frozen=True)
class Ping:
    """Keeps a typing-only call's socket alive (no audio frames flow without a microphone)."""


class PageMessageError(ValueError):
    """A page message we understand but refuse (the reason is shown on the page)."""


def read(raw: str | bytes) -> Typed | Ping | None:
    """A page-only message, or None when the message is for the Media Streams translator."""
    if not isinstance(raw, str) or len(raw) > media.MAX_MESSAGE_BYTES:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    event = data.get("event") if isinstance(data, dict) else None
    if event == "ping":
        return Ping()
    if event != "text":
        return None
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise PageMessageError("a typed message needs some text")
    if len(text) > MAX_TYPED_CHARS:
        raise PageMessageError(f"typed messages are limited to {MAX_TYPED_CHARS} characters")
    return Typed(" ".join(text.split()))


def start_message(start: media.Start, parameters: dict[str, str]) -> str:
    """The page's `start`, rewritten with the parameters the server decided (as Twilio would send it)."""
    return json.dumps({
        "event": "start", "sequenceNumber": "1", "streamSid": start.stream_sid,
        "start": {"accountSid": start.account_sid, "streamSid": start.stream_sid, "callSid": start.call_sid,
                  "tracks": list(start.tracks), "customParameters": parameters,
                  "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}},
    })


# ------------------------------------------------------------------ server -> page
def transcript(turn: Turn) -> dict[str, Any]:
    """One line of the conversation, with what the engine made of it."""
    return {"event": "transcript", "role": turn.role, "text": turn.text, "dtmf": turn.dtmf,
            "intent": turn.intent, "confidence": turn.confidence, "escalate": turn.escalate,
            "language": turn.language}


def call_state(session: CallSession) -> dict[str, Any]:
    """What the page's call panel shows: phase, call type, slots, escalation, outcome."""
    escalation = session.escalation
    return {
        "event": "state", "phase": session.phase.value, "callType": session.call_type,
        "language": session.language, "afterHours": session.after_hours, "mode": session.mode,
        "slots": {name: session.slot_display.get(name) or str(value) for name, value in session.slots.items()},
        "escalation": {"reason": escalation.reason, "target": escalation.target,
                       "evidence": escalation.evidence} if escalation else None,
        "outcome": session.outcome, "resolved": list(session.resolved), "callTypes": session.call_types,
    }


def would_transfer(action: Transfer, numbers: list[str], strategy: str, say: str | None) -> dict[str, Any]:
    ringing = f"; would ring {', '.join(numbers)} ({strategy})" if numbers else "; nobody is listed for it"
    return {"event": "would", "kind": "transfer", "target": action.target, "reason": action.reason,
            "brief": action.brief, "numbers": numbers, "strategy": strategy, "say": say,
            "text": f"would transfer to {action.target}: {action.brief}{ringing}"}


def would_take_message(action: TakeMessage) -> dict[str, Any]:
    who = ", ".join(part for part in (action.caller_name, action.callback_number) if part) or "unknown caller"
    return {"event": "would", "kind": "message", "reason": action.reason, "callerName": action.caller_name,
            "callbackNumber": action.callback_number, "message": action.message,
            "text": f"would take a message from {who}: {action.message or '(no message)'}"}


def would_run_action(action: RunAction) -> dict[str, Any]:
    details = ", ".join(f"{name} {value}" for name, value in action.slots.items()) or "no details"
    return {"event": "would", "kind": "action", "name": action.name, "callType": action.call_type,
            "slots": {k: str(v) for k, v in action.slots.items()},
            "text": f"would run {action.name} for {action.call_type}: {details}"}


def would_hang_up() -> dict[str, Any]:
    return {"event": "would", "kind": "hangup", "text": "would hang up the call"}


def ended(session: CallSession) -> dict[str, Any]:
    return {"event": "ended", "outcome": session.outcome,
            "text": f"call ended ({session.outcome or 'no outcome'}); nothing was stored"}


def notice(text: str, level: str = "info") -> dict[str, Any]:
    return {"event": "notice", "level": level, "text": text}
