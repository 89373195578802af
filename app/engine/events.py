"""Events the engine reacts to. They carry everything it needs, including the time."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Union


@dataclass(frozen=True)
class CallerProfile:
    """What the CRM knew about the caller when the call started (None fields: unknown)."""

    name: str | None = None
    contact_id: str | None = None
    vip: bool = False
    do_not_call: bool = False
    preferred_language: str | None = None
    duplicate_records: bool = False
    notes: str | None = None


@dataclass(frozen=True)
class CallStarted:
    call_sid: str
    at: datetime
    caller: str | None = None
    called: str | None = None
    profile: CallerProfile | None = None
    after_hours: bool = False
    mode: str = "live"
    call_types: tuple[str, ...] | None = None
    """The call types the bot may handle on this call (pilots, shadow); None: every live one."""


@dataclass(frozen=True)
class CallerUtterance:
    """Speech from the caller; partial transcripts only feed the always-escalate checks."""

    text: str
    at: datetime
    final: bool = True
    confidence: float = 1.0
    language: str | None = None


@dataclass(frozen=True)
class DtmfPressed:
    digit: str
    at: datetime


@dataclass(frozen=True)
class BotFinishedSpeaking:
    at: datetime
    mark: str | None = None


@dataclass(frozen=True)
class SilenceTimeout:
    at: datetime


@dataclass(frozen=True)
class TransferFailed:
    """Nobody accepted at the target (the fallback chain decides what is next)."""

    at: datetime
    target: str


@dataclass(frozen=True)
class SystemFailure:
    """A component (stt, tts, llm, redis, ...) failed; the caller must reach a person."""

    at: datetime
    component: str
    detail: str = ""


@dataclass(frozen=True)
class CallEnded:
    at: datetime
    reason: str = "hangup"
    extra: dict[str, str] = field(default_factory=dict)


Event = Union[
    CallStarted, CallerUtterance, DtmfPressed, BotFinishedSpeaking, SilenceTimeout,
    TransferFailed, SystemFailure, CallEnded,
]
