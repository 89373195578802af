"""Retention: transcripts and recordings older than the configured period are removed; audit records stay."""
from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select, update

from app.storage.database import Database
from app.storage.models import CallRecord, CallTurn


def purge(db: Database, *, days: int, now: datetime | None = None, recordings_dir: str | None = None) -> dict[str, int]:
    """Blank turn texts and drop transcript-like JSON of calls that ended before the cutoff."""
    if days < 1:
        raise ValueError(f"retention must be at least 1 day, got {days}")
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days)
    purged_calls = purged_turns = 0
    with db.session() as s:
        rows = list(s.scalars(select(CallRecord).where(CallRecord.ended_at < cutoff,
                                                       CallRecord.transcript_purged_at.is_(None))))
        for row in rows:
            res = s.execute(update(CallTurn).where(CallTurn.call_id == row.id).values(text="", data={}))
            purged_turns += res.rowcount or 0
            data = dict(row.data or {})
            for key in ("message", "slots", "actions", "timings"):
                data.pop(key, None)
            row.data = data
            row.transcript_purged_at = now or datetime.now(timezone.utc)
            purged_calls += 1
    files = 0
    if recordings_dir and Path(recordings_dir).is_dir():
        limit = cutoff.timestamp() if now else time.time() - days * 86400
        for path in Path(recordings_dir).rglob("*"):
            if path.is_file() and path.stat().st_mtime < limit:
                os.remove(path)
                files += 1
    db.audit("retention_purge", None, days=days, calls=purged_calls, turns=purged_turns, files=files)
    return {"calls": purged_calls, "turns": purged_turns, "files": files}
