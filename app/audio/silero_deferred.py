"""Silero windows of many calls read by one thread, scored together at the end of each read round.

The media hub reads every call's audio on one thread, so the batcher's "windows that meet" never
meet there: each window would cost a run of its own (about 160 us, against 65 us each in a batch of
eight). A `DeferredSileroStream` instead queues each completed window and reports the score of the
last window already scored; after each round of reads the hub calls `flush`, which scores the first
queued window of every call in one run (then the second, for a call that had more). A decision
therefore lags the audio by at most one round, a few milliseconds on a calm worker and never more
than one 32 ms window of audio per round.
"""
from __future__ import annotations

import threading
from collections import deque

import numpy as np

from .silero import SileroModel, SileroStream, shared_model
from .silero_batch import SileroBatcher


class DeferredWindows:
    """The queue `flush` empties; `want` may be called from any thread, `flush` from one."""

    def __init__(self, model: SileroModel | SileroBatcher | None = None, max_batch: int = 64) -> None:
        self.model = model
        self.max_batch = max(1, max_batch)
        self._waiting: list[DeferredSileroStream] = []
        self._lock = threading.Lock()
        self.batches: deque[int] = deque(maxlen=1000)  # recent run sizes, for tests and benchmarks

    def _graph(self) -> SileroModel:
        model = self.model or shared_model()
        return model.model if isinstance(model, SileroBatcher) else model

    def want(self, stream: "DeferredSileroStream") -> None:
        with self._lock:
            if not stream.queued:
                stream.queued = True
                self._waiting.append(stream)

    def flush(self) -> int:
        """Score every queued window; returns how many were scored."""
        scored = 0
        while True:
            with self._lock:
                ready = [s for s in self._waiting if s.has_window()]
                for stream in self._waiting:
                    stream.queued = False
                self._waiting = []
            if not ready:
                return scored
            graph = self._graph()
            taken = [(stream, stream.take_window()) for stream in ready]
            taken = [(stream, window) for stream, window in taken if window is not None]
            for start in range(0, len(taken), self.max_batch):
                batch = [stream for stream, _ in taken[start:start + self.max_batch]]
                windows = np.stack([window for _, window in taken[start:start + self.max_batch]])
                self.batches.append(len(batch))
                if len(batch) == 1:
                    probability, state = graph.step(windows[0], batch[0].state)
                    batch[0].scored(probability, state)
                else:
                    probabilities, states = graph.step_many(windows, np.concatenate([s.state for s in batch], axis=1))
                    for i, stream in enumerate(batch):
                        stream.scored(float(probabilities[i]), states[:, i:i + 1, :].copy())
                scored += len(batch)
            for stream in ready:
                if stream.has_window():
                    self.want(stream)


class DeferredSileroStream(SileroStream):
    """SileroStream whose windows are scored by `windows.flush()`; each frame gets the latest score."""

    def __init__(self, windows: DeferredWindows, model: SileroModel | SileroBatcher | None = None) -> None:
        self.windows = windows
        self.queued = False
        self._lock = threading.Lock()  # a call that ends resets its detector on its own thread
        self._generation = 0
        self._taken_generation = 0
        super().__init__(model or windows.model)

    def score(self, frame: bytes) -> float:
        with self._lock:
            self._append(frame)
            ready = self.has_window()
        if ready:
            self.windows.want(self)
        return self._last

    def reset(self) -> None:
        with self._lock:
            self._generation += 1
            super().reset()

    @property
    def state(self) -> np.ndarray:
        return self._state

    def take_window(self) -> np.ndarray | None:
        """The next window with its context, or None if a reset emptied the stream meanwhile."""
        with self._lock:
            if not self.has_window():
                return None
            self._taken_generation = self._generation
            return self._next_window()

    def scored(self, probability: float, state: np.ndarray) -> None:
        with self._lock:
            if self._taken_generation == self._generation:  # not reset while the window was being scored
                self._last, self._state = probability, state


_SHARED: DeferredWindows | None = None
_SHARED_LOCK = threading.Lock()


def shared_windows() -> DeferredWindows:
    """The process's queue, flushed by its media hub."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = DeferredWindows()
        return _SHARED


def flush_shared() -> None:
    if _SHARED is not None:
        _SHARED.flush()
