"""The state of one call: everything the engine knows, serialisable to JSON after every turn."""
from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, Literal, Optional

from pydantic import BaseModel, Field

OUTCOMES = ("resolved", "transferred", "message_taken", "abandoned")


class Phase(str, Enum):
    """Where the conversation is; each phase decides how the next caller turn is read."""

    GREETING = "greeting"
    LISTENING = "listening"            # waiting to hear what the caller wants
    COLLECTING = "collecting"          # filling the current call type's slots
    CONFIRMING = "confirming"          # read back, waiting for yes / no
    CORRECTING = "correcting"          # the caller said no: which detail to change
    ANYTHING_ELSE = "anything_else"    # after a resolved request
    OFFERING = "offering"              # no answer found: a person or a message?
    MESSAGE = "message"                # taking a message (name, number, reason)
    TRANSFERRING = "transferring"      # handed to a person; the bot no longer decides
    ENDING = "ending"                  # goodbye said, hanging up
    ENDED = "ended"


class Turn(BaseModel):
    role: Literal["caller", "bot", "system"]
    text: str
    at: str
    dtmf: Optional[str] = None
    intent: Optional[str] = None
    confidence: Optional[float] = None
    escalate: Optional[str] = None
    sentiment: Optional[float] = None
    language: Optional[str] = None


class Escalation(BaseModel):
    reason: str
    evidence: str
    target: str
    at: str


class MessageDraft(BaseModel):
    """A message being taken: which field is being asked for, and what was said so far."""

    field: Literal["name", "number", "reason"] = "name"
    name: Optional[str] = None
    number: Optional[str] = None
    reason: Optional[str] = None
    why: str = "out_of_scope"
    attempts: int = 0


class CallSession(BaseModel):
    call_sid: str
    caller: Optional[str] = None
    called: Optional[str] = None
    started_at: Optional[str] = None
    ended_at: Optional[str] = None
    language: str = "en"
    after_hours: bool = False
    mode: str = "live"
    call_types: Optional[list[str]] = None
    """The call types the bot may handle on this call (set by routing); None: every live one."""
    routing: Optional[dict[str, Any]] = None
    """How the call was routed before the bot spoke (route, reason, target), kept on the record."""
    profile: Optional[dict[str, Any]] = None
    phase: Phase = Phase.GREETING
    call_type: Optional[str] = None
    slots: dict[str, Any] = Field(default_factory=dict)
    slot_display: dict[str, str] = Field(default_factory=dict)
    skipped_slots: list[str] = Field(default_factory=list)
    slot_attempts: int = 0
    confirm_attempts: int = 0
    dtmf_buffer: str = ""
    low_confidence_streak: int = 0
    no_match_streak: int = 0
    silence_count: int = 0
    caller_holding: bool = False
    """The caller asked for a moment ('hold on'): the next silence gets a patient word, not 'still there?'."""
    sentiment: Optional[float] = None
    message: Optional[MessageDraft] = None
    escalation: Optional[Escalation] = None
    targets_tried: list[str] = Field(default_factory=list)
    transfer: Optional[dict[str, Any]] = None
    """The warm transfer in progress or done (status, target, who is ringing, who accepted), for staff screens."""
    resolved: list[str] = Field(default_factory=list)
    outcome: Optional[str] = None
    bot_speaking: bool = False
    turns: list[Turn] = Field(default_factory=list)
    actions: list[dict[str, Any]] = Field(default_factory=list)
    timings: list[dict[str, Any]] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, data: str | bytes) -> "CallSession":
        return cls.model_validate_json(data)

    @property
    def is_over(self) -> bool:
        return self.phase in (Phase.ENDED, Phase.TRANSFERRING, Phase.ENDING)

    def add_turn(self, role: str, text: str, at: datetime, **details: Any) -> Turn:
        turn = Turn(role=role, text=text, at=at.isoformat(), language=self.language, **details)  # type: ignore[arg-type]
        self.turns.append(turn)
        return turn

    def caller_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.role == "caller"]

    def to_record(self) -> dict[str, Any]:
        """The finished call, as stored in SQL and sent to the CRM."""
        return {
            "call_sid": self.call_sid,
            "caller": self.caller,
            "called": self.called,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "outcome": self.outcome,
            "call_type": self.call_type or (self.resolved[-1] if self.resolved else None),
            "resolved_call_types": list(self.resolved),
            "language": self.language,
            "mode": self.mode,
            "after_hours": self.after_hours,
            "routing": self.routing,
            "slots": dict(self.slots),
            "escalation": self.escalation.model_dump() if self.escalation else None,
            "transfer": self.transfer,
            "sentiment": self.sentiment,
            "profile": self.profile,
            "message": self.message.model_dump() if self.message and self.outcome == "message_taken" else None,
            "turns": [t.model_dump() for t in self.turns],
            "actions": list(self.actions),
            "timings": list(self.timings),
        }
