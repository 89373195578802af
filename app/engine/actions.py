"""Actions the engine asks the outside world to carry out. Plain data, JSON-friendly."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Union


@dataclass(frozen=True)
class Say:
    text: str
    language: str = "en"
    interruptible: bool = True
    prompt_key: str | None = None
    """Set for the flows' fixed prompts, so their audio can be rendered once and cached."""


@dataclass(frozen=True)
class ClearAudio:
    """Stop the bot's audio now (barge-in, or an escalation heard over the bot)."""


@dataclass(frozen=True)
class Transfer:
    target: str
    reason: str
    brief: str
    evidence: str = ""
    language: str = "en"


@dataclass(frozen=True)
class TakeMessage:
    """A message was taken: the outside world stores it and creates a callback task."""

    reason: str
    caller_name: str | None
    callback_number: str | None
    message: str
    escalation: str | None = None


@dataclass(frozen=True)
class RunAction:
    """A call type's configured action (request_booking, ...), with the collected slots."""

    name: str
    call_type: str
    slots: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Hangup:
    outcome: str


Action = Union[Say, ClearAudio, Transfer, TakeMessage, RunAction, Hangup]


def action_to_dict(action: Action) -> dict[str, Any]:
    """{'type': 'say', ...}: the form used in logs, the QA report and the chat view."""
    kind = {
        Say: "say", ClearAudio: "clear", Transfer: "transfer", TakeMessage: "take_message",
        RunAction: "run_action", Hangup: "hangup",
    }[type(action)]
    return {"type": kind, **asdict(action)}
