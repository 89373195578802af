"""Silero windows from many calls, scored together when they meet.

One silero run costs about 160 us of CPU for one 32 ms window and about 65 us per window in a
batch of 8 (50 us at 32): most of a run is fixed overhead. The recurrent state is an input and an
output of the graph, so a batch is just each call's window and state stacked, and gives each call
the result it would have had alone.

No thread of its own and no waiting for company: the socket thread that finds the model idle runs
its window at once, together with whatever windows other calls queued meanwhile; a window that
arrives during a run waits for it, and the first of those leads the next run. A lone caller costs
what the bare model costs; a busy worker's runs grow by themselves.
"""
from __future__ import annotations

import threading
from collections import deque

import numpy as np

from .silero import SileroModel


class _Request:
    __slots__ = ("window", "state", "wake", "probability", "next_state", "error", "done")

    def __init__(self, window: np.ndarray, state: np.ndarray, wake: threading.Event) -> None:
        self.window, self.state, self.wake = window, state, wake
        self.probability = 0.0
        self.next_state: np.ndarray | None = None
        self.error: BaseException | None = None
        self.done = False


class SileroBatcher:
    """Drop-in for SileroModel.step from any number of threads."""

    def __init__(self, model: SileroModel, max_batch: int = 64) -> None:
        self.model = model
        self.sample_rate, self.window, self.context = model.sample_rate, model.window, model.context
        self.max_batch = max(1, max_batch)
        self._queue: deque[_Request] = deque()
        self._lock = threading.Lock()
        self._running = False
        self._events = threading.local()
        self.batches: deque[int] = deque(maxlen=1000)  # recent run sizes, for tests and benchmarks

    def new_state(self) -> np.ndarray:
        return self.model.new_state()

    def step(self, window_with_context: np.ndarray, state: np.ndarray) -> tuple[float, np.ndarray]:
        """Speech probability of one window and the next state, as SileroModel.step."""
        wake = getattr(self._events, "event", None)
        if wake is None:
            wake = self._events.event = threading.Event()
        wake.clear()
        mine = _Request(window_with_context, state, wake)
        with self._lock:
            self._queue.append(mine)
            lead = not self._running
            self._running = True
        if not lead:
            wake.wait()  # set when a run has scored this window, or when it is this thread's turn to run
        if not mine.done:
            self._lead()
        if mine.error is not None:
            raise mine.error
        assert mine.next_state is not None
        return mine.probability, mine.next_state

    def _lead(self) -> None:
        """Run everything queued (this thread's window is first), then pass the lead on or go idle."""
        with self._lock:
            batch = [self._queue.popleft() for _ in range(min(len(self._queue), self.max_batch))]
        self._run(batch)
        with self._lock:
            following = self._queue[0] if self._queue else None
            self._running = following is not None
        if following is not None:
            following.wake.set()  # not done: it leads the next run
        for request in batch[1:]:
            request.wake.set()

    def _run(self, batch: list[_Request]) -> None:
        self.batches.append(len(batch))
        try:
            if len(batch) == 1:
                only = batch[0]
                only.probability, only.next_state = self.model.step(only.window, only.state)
            else:
                probabilities, states = self.model.step_many(
                    np.stack([r.window for r in batch]), np.concatenate([r.state for r in batch], axis=1))
                for i, request in enumerate(batch):
                    request.probability = float(probabilities[i])
                    request.next_state = states[:, i:i + 1, :].copy()
        except BaseException as exc:  # noqa: BLE001 - every call in the run learns of the failure
            for request in batch:
                request.error = exc
        for request in batch:
            request.done = True
