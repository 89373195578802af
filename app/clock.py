"""The wall clock, in UTC: one definition for everything that stamps times (decisions take the time as input)."""
from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
