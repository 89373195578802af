"""The outcome of reading one slot from one utterance: a value the engine can store and a readback."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SlotValue = str | bool | None

Granularity = Literal["exact", "part_of_day", "range", "day", "week", "month", "asap"]
"""How precise a date/time is: an exact minute, a window of the day, a day, a week, a month."""


@dataclass(frozen=True)
class SlotResult:
    """ok with a JSON-safe value and a readback, or not ok with a reason the engine can re-prompt on."""

    ok: bool
    value: SlotValue = None
    display: str | None = None
    reason: str | None = None
    needs_confirmation: bool = False
    granularity: Granularity | None = None
    end: str | None = None
    remainder: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict (JSON-serialisable) for the session record."""
        return asdict(self)


def failed(reason: str, **details: Any) -> SlotResult:
    """A not-ok result carrying a machine-readable reason."""
    return SlotResult(ok=False, reason=reason, details=dict(details))
