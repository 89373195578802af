"""The bot's voice on the socket: `media` chunks then a `mark`, tracking which marks Twilio echoed."""
from __future__ import annotations

import itertools
import threading
import time
from typing import Callable

from app.integrations.twilio import media

MULAW_BYTES_PER_SECOND = 8000


class Speaker:
    """Sends replies and knows whether the caller is still hearing one (marks not yet echoed)."""

    def __init__(self, send: Callable[[str], None], stream_sid: str, chunk_bytes: int = 8000) -> None:
        self._send = send
        self.stream_sid = stream_sid
        self.chunk_bytes = max(160, chunk_bytes)
        self._lock = threading.Lock()
        self._pending: dict[str, bool] = {}  # mark name -> interruptible
        self._counter = itertools.count(1)
        self._idle = threading.Event()
        self._idle.set()
        self.queued_seconds = 0.0
        self._queued_since = time.monotonic()

    @property
    def speaking(self) -> bool:
        with self._lock:
            return bool(self._pending)

    @property
    def interruptible(self) -> bool:
        """True when everything still playing may be cut off by the caller."""
        with self._lock:
            return all(self._pending.values())

    def play(self, mulaw: bytes, interruptible: bool = True) -> str:
        """Queue audio at Twilio (it plays in order, in real time) and return the mark that follows it."""
        name = f"reply-{next(self._counter)}"
        with self._lock:
            now = time.monotonic()
            if not self._pending:
                self.queued_seconds, self._queued_since = 0.0, now
            self.queued_seconds += len(mulaw) / MULAW_BYTES_PER_SECOND
            self._pending[name] = interruptible
            self._idle.clear()
        for start in range(0, len(mulaw), self.chunk_bytes):
            self._send(media.media_message(self.stream_sid, mulaw[start:start + self.chunk_bytes]))
        self._send(media.mark_message(self.stream_sid, name))
        return name

    def on_mark(self, name: str) -> bool:
        """Twilio echoed a mark; True when this was the last audio the caller was waiting to hear."""
        with self._lock:
            if self._pending.pop(name, None) is None:
                return False
            if not self._pending:
                self._idle.set()
                return True
            return False

    def clear(self) -> bool:
        """Drop whatever Twilio still has buffered (barge-in); True if anything was playing."""
        with self._lock:
            was_playing = bool(self._pending)
            self._pending.clear()
            self._idle.set()
        self._send(media.clear_message(self.stream_sid))
        return was_playing

    def remaining_seconds(self) -> float:
        """How long the queued audio should still play, by the clock (an upper bound for waits)."""
        with self._lock:
            if not self._pending:
                return 0.0
            return max(0.0, self.queued_seconds - (time.monotonic() - self._queued_since))

    def wait_idle(self, timeout: float) -> bool:
        return self._idle.wait(timeout)
