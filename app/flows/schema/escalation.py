"""escalation.yaml: the always-escalate policy, readable and editable by operators."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import StrictModel

ALWAYS_ESCALATE = ("human_request", "safety", "minors", "mental_health", "legal")
TRIGGERS = ("out_of_scope", "low_confidence", "repeated_no_match", "negative_sentiment", "vip", "system_failure")
ESCALATION_REASONS = ALWAYS_ESCALATE + TRIGGERS


class PhraseSet(StrictModel):
    """Phrases match as whole words after normalisation; patterns are regular expressions."""

    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)


class Category(StrictModel):
    """An always-escalate category: where it goes and how it is recognised, per language."""

    target: str
    say: dict[str, str] | str | None = None
    match: dict[str, PhraseSet] = Field(default_factory=dict, description="language code -> phrases and patterns")
    exclude: dict[str, PhraseSet] = Field(default_factory=dict, description="look-alikes that must not escalate")


class Trigger(StrictModel):
    target: str
    action: Literal["transfer", "message"] = "transfer"
    threshold: float | None = None
    consecutive: int = Field(default=2, ge=1, le=10)


class EscalationPolicy(StrictModel):
    categories: dict[Literal["human_request", "safety", "minors", "mental_health", "legal"], Category]
    triggers: dict[
        Literal["out_of_scope", "low_confidence", "repeated_no_match", "negative_sentiment", "vip", "system_failure"],
        Trigger,
    ] = Field(default_factory=dict)

    def target_for(self, reason: str, default: str) -> str:
        if reason in self.categories:
            return self.categories[reason].target  # type: ignore[index]
        trigger = self.triggers.get(reason)  # type: ignore[call-overload]
        return trigger.target if trigger else default
