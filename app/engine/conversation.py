"""A call driven by text: the chat command, the QA runner and classify use the same engine path."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .actions import Action, Say, action_to_dict
from .engine import CallEngine
from .events import (
    CallEnded, CallerProfile, CallerUtterance, CallStarted, DtmfPressed, Event, SilenceTimeout, TransferFailed,
)
from .hours import is_open
from .session import CallSession


@dataclass
class TurnResult:
    """What one caller turn produced, as the chat view and the QA report show it."""

    intent: str | None
    confidence: float | None
    escalate: str | None
    reply: str
    actions: list[Action] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"intent": self.intent, "confidence": self.confidence, "escalate": self.escalate, "reply": self.reply,
                "actions": [action_to_dict(a) for a in self.actions]}


class TextConversation:
    """One simulated call. The clock advances a few seconds per turn from the call's start time."""

    def __init__(self, engine: CallEngine, *, call_sid: str = "CA-text", step_seconds: int = 8) -> None:
        self.engine = engine
        self.session = CallSession(call_sid=call_sid)
        self.clock: datetime | None = None
        self.step = timedelta(seconds=step_seconds)

    def _tick(self) -> datetime:
        assert self.clock is not None, "start() the call first"
        self.clock += self.step
        return self.clock

    def _run(self, event: Event) -> TurnResult:
        actions = self.engine.handle(self.session, event)
        # the bot's audio is played to the end in a text conversation
        self.session.bot_speaking = False
        reply = " ".join(a.text for a in actions if isinstance(a, Say))
        stamp = event.at.isoformat()
        turn = next((t for t in reversed(self.session.turns) if t.role == "caller" and t.at == stamp), None)
        escalate = turn.escalate if turn is not None else None
        if escalate is None and self.session.escalation is not None and self.session.escalation.at == stamp:
            escalate = self.session.escalation.reason
        return TurnResult(
            intent=turn.intent if turn is not None else None,
            confidence=turn.confidence if turn is not None else None,
            escalate=escalate,
            reply=reply,
            actions=actions,
        )

    def start(self, *, at: datetime, caller: str | None = None, profile: CallerProfile | None = None,
              mode: str = "live") -> TurnResult:
        self.clock = at
        after_hours = not is_open(self.engine.flows.business, at)
        return self._run(CallStarted(call_sid=self.session.call_sid, at=at, caller=caller, called=None,
                                     profile=profile, after_hours=after_hours, mode=mode))

    def say(self, text: str, *, confidence: float = 0.95) -> TurnResult:
        return self._run(CallerUtterance(text=text, at=self._tick(), final=True, confidence=confidence))

    def press(self, digits: str) -> TurnResult:
        result = TurnResult(None, None, None, "")
        for digit in digits:
            step = self._run(DtmfPressed(digit=digit, at=self._tick()))
            result = TurnResult(step.intent, step.confidence, step.escalate or result.escalate,
                                " ".join(x for x in (result.reply, step.reply) if x), result.actions + step.actions)
        return result

    def silence(self) -> TurnResult:
        return self._run(SilenceTimeout(at=self._tick()))

    def transfer_failed(self) -> TurnResult:
        """Nobody accepted the last transfer (the fallback chain takes over)."""
        tried = self.session.targets_tried
        return self._run(TransferFailed(at=self._tick(), target=tried[-1] if tried else "front_desk"))

    def end(self, reason: str = "hangup") -> TurnResult:
        return self._run(CallEnded(at=self._tick(), reason=reason))

    def hang_up(self) -> None:
        self.end("hangup")

    @property
    def outcome(self) -> str | None:
        return self.session.outcome

