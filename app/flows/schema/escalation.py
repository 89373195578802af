"""escalation.yaml: the always-escalate policy, readable and editable by operators."""
from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .common import StrictModel

ALWAYS_ESCALATE = ("human_request", "safety", "minors", "mental_health", "legal")
TRIGGERS = ("out_of_scope", "low_confidence", "repeated_no_match", "negative_sentiment", "vip", "system_failure")
ESCALATION_REASONS = ALWAYS_ESCALATE + TRIGGERS


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"'{pattern}' is not a valid regular expression ({error.msg} at position {error.pos}); "
                         "fix it, or put plain words under phrases instead") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_compiles)]


class PhraseSet(StrictModel):
    """Phrases match as whole words after normalisation; patterns are regular expressions."""

    phrases: list[str] = Field(default_factory=list)
    patterns: list[Pattern] = Field(default_factory=list, description="regular expressions over normalised text")
    people: list[str] = Field(
        default_factory=list,
        description="human_request only: extra person nouns or staff names the ask-for-a-person grammar accepts",
    )
    partial: bool = Field(default=False, description="also fire on unfinished transcripts (unambiguous phrases only)")


class Category(StrictModel):
    """An always-escalate category: where it goes and how it is recognised, per language."""

    target: str
    say: dict[str, str] | str | None = None
    match: dict[str, PhraseSet] = Field(default_factory=dict, description="language code -> phrases and patterns")
    exclude: dict[str, PhraseSet] = Field(default_factory=dict, description="look-alikes that must not escalate")
    builtin: bool = Field(default=True, description="keep the built-in English and Spanish rules for this category")


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
