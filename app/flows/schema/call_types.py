"""flows/call_types/<name>.yaml: one kind of call the bot handles end to end."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .business import TimeRange, Weekday
from .common import LocalizedText, StrictModel

SlotType = Literal["name", "date", "time", "datetime", "phone", "yes_no", "text", "minutes"]


class Slot(StrictModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: SlotType
    prompt: LocalizedText
    reprompt: LocalizedText | None = None
    required: bool = True
    max_attempts: int = Field(default=2, ge=1, le=5)


class PilotWindow(StrictModel):
    days: list[Weekday] = Field(default_factory=list)
    hours: TimeRange | None = None


class Pilot(StrictModel):
    """Limit a call type to a share of calls and/or time windows while it is being trialled."""

    share: float = Field(default=1.0, ge=0.0, le=1.0)
    windows: list[PilotWindow] = Field(default_factory=list)
    outside: Literal["off", "shadow"] = Field(
        default="off", description="what the call type is on calls outside the pilot: off (people handle it) or shadow")


class CallType(StrictModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str
    examples: list[str] = Field(min_length=1)
    mode: Literal["live", "shadow", "off"] = "live"
    after_hours: bool = False
    pilot: Pilot | None = None
    answer_from: Literal["knowledge"] | None = None
    slots: list[Slot] = Field(default_factory=list)
    confirm: LocalizedText | None = None
    action: str | None = None
    reply: LocalizedText | None = None
    handoff: str | None = Field(default=None, description="target when the call type has no reply")
