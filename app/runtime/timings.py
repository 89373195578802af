"""Per-turn timestamps (speech end, endpoint, transcript, decision, first reply byte) kept on the record."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

STAGES = ("speech_end", "endpoint", "transcript", "decision", "first_audio", "transfer_requested")


@dataclass
class TurnTimer:
    """One caller turn's clock: monotonic seconds per stage, reported as ms after the caller stopped."""

    kind: str = "utterance"
    marks: dict[str, float] = field(default_factory=dict)
    _mono0: float = field(default_factory=time.monotonic)
    _wall0: float = field(default_factory=time.time)

    def mark(self, stage: str, at: float | None = None) -> None:
        """Record a stage once (the first time counts); `at` is a time.monotonic() value."""
        if stage not in STAGES:
            raise ValueError(f"unknown turn stage {stage!r}; expected one of {STAGES}")
        self.marks.setdefault(stage, time.monotonic() if at is None else at)

    def ms(self, stage: str) -> float | None:
        """Milliseconds from the caller's speech end to a stage (None if either is missing)."""
        if stage not in self.marks or "speech_end" not in self.marks:
            return None
        return round((self.marks[stage] - self.marks["speech_end"]) * 1000.0, 1)

    def to_dict(self) -> dict[str, Any]:
        """{'kind', 'speech_end_at' (UTC ISO), '<stage>_ms': ms after speech end (negative: before it)}."""
        origin = self.marks.get("speech_end", self._mono0)
        out: dict[str, Any] = {"kind": self.kind,
                               "speech_end_at": datetime.fromtimestamp(self._wall0 + origin - self._mono0,
                                                                       tz=timezone.utc).isoformat()}
        for stage in STAGES[1:]:
            if stage in self.marks:
                out[f"{stage}_ms"] = round((self.marks[stage] - origin) * 1000.0, 1)
        return out
