"""The shape of the operator's flows, as pydantic models (checked before any meaning check)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .business import Business, Holidays, Messages, Voice, WEEKDAYS, parse_time_range
from .call_types import CallType, Pilot, Slot, SlotType
from .common import LocalizedText, has_language, localize
from .escalation import ALWAYS_ESCALATE, ESCALATION_REASONS, TRIGGERS, Category, EscalationPolicy, PhraseSet, Trigger
from .knowledge import Knowledge, KnowledgeEntry
from .staff import Staff, StaffMember, TransferTarget


class Flows(BaseModel):
    """Everything loaded from one flows folder."""

    model_config = ConfigDict(frozen=True)

    business: Business
    staff: Staff
    escalation: EscalationPolicy
    knowledge: Knowledge
    call_types: dict[str, CallType]

    def call_type(self, name: str | None) -> CallType | None:
        return self.call_types.get(name) if name else None


__all__ = [
    "ALWAYS_ESCALATE", "ESCALATION_REASONS", "TRIGGERS", "WEEKDAYS", "Business", "CallType", "Category",
    "EscalationPolicy", "Flows", "Holidays", "Knowledge", "KnowledgeEntry", "LocalizedText", "Messages",
    "PhraseSet", "Pilot", "Slot", "SlotType", "Staff", "StaffMember", "TransferTarget", "Trigger", "Voice",
    "has_language", "localize", "parse_time_range",
]
