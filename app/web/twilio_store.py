"""Call state for the runtime: Redis after every turn, SQL (and its summary outbox) once at the end."""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from app.engine.session import CallSession

log = logging.getLogger(__name__)


class RedisCallStore:
    """The runtime's CallStore: CallStateStore for live state; record_call (idempotent by SID) at the end."""

    def __init__(self, state: Any, database: Any = None,
                 on_finished: Callable[[CallSession], None] | None = None,
                 on_voicemail: Callable[[str], None] | None = None) -> None:
        self.state = state
        self.database = database
        self.on_finished = on_finished
        self.on_voicemail = on_voicemail
        """Queues a voicemail's CRM callback task (by call SID) once it is kept in the database."""
        self._finished: set[str] = set()
        self._lock = threading.Lock()

    def save(self, session: CallSession) -> None:
        self.state.save(session.call_sid, session.to_json())

    def load(self, call_sid: str) -> CallSession | None:
        """The live state of a call (a stream that resumes it, a transfer webhook in another process)."""
        raw = self.state.load(call_sid)
        return CallSession.from_json(raw) if raw else None

    def finish(self, session: CallSession) -> None:
        """Write the record once per process; record_call itself refuses a second copy of a SID."""
        with self._lock:
            if session.call_sid in self._finished:
                return
            self._finished.add(session.call_sid)
        self.save(session)
        if self.database is not None:
            from app.storage.records import record_call

            if not record_call(self.database, session.to_record()):
                log.info("call %s was already recorded", session.call_sid)
        if self.on_finished is not None:
            self.on_finished(session)


class MemoryCallStore:
    """For the simulator and tests without Redis: keeps states and finished records in memory."""

    def __init__(self) -> None:
        self.states: dict[str, str] = {}
        self.finished: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def save(self, session: CallSession) -> None:
        with self._lock:
            self.states[session.call_sid] = session.to_json()

    def load(self, call_sid: str) -> CallSession | None:
        with self._lock:
            raw = self.states.get(call_sid)
        return CallSession.from_json(raw) if raw else None

    def finish(self, session: CallSession) -> None:
        with self._lock:
            if any(r["call_sid"] == session.call_sid for r in self.finished):
                return
            self.finished.append(session.to_record())
