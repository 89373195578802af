"""Warm transfer state in Redis, changed under a per-call lock (Twilio's webhooks for one call race)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from .keys import RedisKeys


@dataclass
class Slot:
    """The stored JSON for one call; set `value` inside `locked()` to change it (None deletes nothing)."""

    value: str | None


class TransferStateStore:
    """One JSON document per call under `<ns>:transfer:<sid>`, expiring `ttl` seconds after its last change."""

    def __init__(self, redis: Any, namespace: str = "frontdesk", ttl: int = 6 * 3600,
                 lock_timeout_s: float = 15.0) -> None:
        self.redis = redis
        self.keys = RedisKeys(namespace)
        self.ttl = int(ttl)
        self.lock_timeout_s = lock_timeout_s

    def load(self, call_sid: str) -> str | None:
        raw = self.redis.get(self.keys.transfer(call_sid))
        return raw.decode("utf-8") if isinstance(raw, bytes) else raw

    @contextmanager
    def locked(self, call_sid: str) -> Iterator[Slot]:
        """Read, change and write back as one step across processes (redis-py's Lock)."""
        lock = self.redis.lock(self.keys.transfer_lock(call_sid), timeout=self.lock_timeout_s,
                               blocking_timeout=self.lock_timeout_s)
        if not lock.acquire():
            raise TimeoutError(f"transfer state of {call_sid} is locked by another process")
        try:
            before = self.load(call_sid)
            slot = Slot(before)
            yield slot
            if slot.value is not None and slot.value != before:
                self.redis.set(self.keys.transfer(call_sid), slot.value, ex=self.ttl)
        finally:
            try:
                lock.release()
            except Exception:  # noqa: BLE001 - expired lock: the write above already happened or failed loudly
                pass


class MemoryTransferStateStore:
    """The same, in one process (the simulator without Redis, unit tests)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def load(self, call_sid: str) -> str | None:
        return self.values.get(call_sid)

    @contextmanager
    def locked(self, call_sid: str) -> Iterator[Slot]:
        with self._guard:
            lock = self._locks.setdefault(call_sid, threading.Lock())
        with lock:
            slot = Slot(self.values.get(call_sid))
            yield slot
            if slot.value is not None:
                self.values[call_sid] = slot.value
