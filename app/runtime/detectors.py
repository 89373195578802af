"""Voice detectors are reused between calls: building a neural VAD per call costs more than running it."""
from __future__ import annotations

import threading
from typing import Any, Callable


class DetectorPool:
    """acquire() a detector for a call, release() it (reset) when the call ends; bounded idle stock."""

    def __init__(self, factory: Callable[[], Any], max_idle: int = 256,
                 for_own_thread: "DetectorPool | None" = None) -> None:
        self.factory = factory
        self.max_idle = max_idle
        self.for_own_thread = for_own_thread or self
        """Where a socket read on its own thread (a test call) gets detectors, when this pool's
        detectors wait for the media hub's read rounds (deferred silero windows)."""
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self.built = 0

    def acquire(self) -> Any:
        with self._lock:
            if self._idle:
                return self._idle.pop()
            self.built += 1
        return self.factory()

    def release(self, detector: Any) -> None:
        try:
            detector.reset()
        except Exception:  # noqa: BLE001 - a detector that cannot reset is not reused
            return
        with self._lock:
            if len(self._idle) < self.max_idle:
                self._idle.append(detector)

    def __call__(self) -> Any:
        """A pool is also a plain factory (for code that never releases)."""
        return self.acquire()
