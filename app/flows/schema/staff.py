"""staff.yaml: the people who take calls and the transfer targets built from them."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import StrictModel


class StaffMember(StrictModel):
    """One person. `phone` is E.164, a SIP URI (sip:...) or a Twilio Client identity (client:...)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    phone: str
    role: str | None = None
    languages: list[str] = Field(default_factory=lambda: ["en"])
    sms: bool = True


class TransferTarget(StrictModel):
    """A group of staff dialled in order or together; `fallback` names the next target to try."""

    description: str | None = None
    members: list[str] = Field(min_length=1)
    strategy: Literal["sequential", "simultaneous"] = "sequential"
    ring_seconds: int = Field(default=20, ge=5, le=120)
    fallback: str | None = Field(default=None, description="another target, or 'message'")
    languages: list[str] = Field(default_factory=lambda: ["en"])
    hold_music: str | None = None


class Staff(StrictModel):
    staff: list[StaffMember] = Field(min_length=1)
    targets: dict[str, TransferTarget] = Field(min_length=1)
    front_desk: str = Field(default="front_desk", description="the target of last resort (system failures)")
    spanish_target: str | None = None
    on_call: str | None = None

    def member(self, member_id: str) -> StaffMember | None:
        return next((m for m in self.staff if m.id == member_id), None)
