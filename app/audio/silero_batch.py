"""Silero windows from many calls, scored in one onnxruntime run.

One silero run costs about 160 us of CPU for one 32 ms window and about 65 us per window in a
batch of 8 (50 us at 32): most of a run is fixed overhead. A worker with a hundred calls scores
thousands of windows a second, so the windows that arrive within a few milliseconds of each other
go through the graph together. The recurrent state is an input and an output of the graph, so a
batch is just each call's window and state stacked; the result is the same as one run per call.

When windows arrive slowly (one caller, a test, the offline benchmark) nothing waits: a window is
run as soon as the scoring thread sees it.
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque

import numpy as np

from .silero import SileroModel

GATHER_S = 0.003
"""How long the scoring thread waits for more windows when they arrive fast enough to share a run."""
RATE_PERIOD_S = 0.25


class _Request:
    __slots__ = ("window", "state", "probability", "next_state", "error", "done")

    def __init__(self, window: np.ndarray, state: np.ndarray, done: threading.Event) -> None:
        self.window, self.state, self.done = window, state, done
        self.probability = 0.0
        self.next_state: np.ndarray | None = None
        self.error: BaseException | None = None


class SileroBatcher:
    """Drop-in for SileroModel.step from any number of threads; one thread runs the graph."""

    def __init__(self, model: SileroModel, max_batch: int = 64, gather_s: float = GATHER_S) -> None:
        self.model = model
        self.sample_rate, self.window, self.context = model.sample_rate, model.window, model.context
        self.max_batch = max(1, max_batch)
        self.gather_s = gather_s
        self._queue: deque[_Request] = deque()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._done_events = threading.local()
        self._period_start, self._period_count, self._rate = time.monotonic(), 0, 0.0
        self.batches: deque[int] = deque(maxlen=1000)  # recent batch sizes, for tests and benchmarks

    def new_state(self) -> np.ndarray:
        return self.model.new_state()

    def step(self, window_with_context: np.ndarray, state: np.ndarray) -> tuple[float, np.ndarray]:
        """Speech probability of one window and the next state, as SileroModel.step."""
        done = getattr(self._done_events, "event", None)
        if done is None:
            done = self._done_events.event = threading.Event()
        done.clear()
        request = _Request(window_with_context, state, done)
        with self._cond:
            self._ensure_thread()
            self._queue.append(request)
            self._count_arrival()
            if len(self._queue) == 1:
                self._cond.notify()
        done.wait()
        if request.error is not None:
            raise request.error
        assert request.next_state is not None
        return request.probability, request.next_state

    def _count_arrival(self) -> None:
        now = time.monotonic()
        self._period_count += 1
        elapsed = now - self._period_start
        if elapsed >= RATE_PERIOD_S:
            self._rate = self._period_count / elapsed
            self._period_start, self._period_count = now, 0

    @property
    def rate(self) -> float:
        """Windows per second over the last complete period."""
        return self._rate

    def _ensure_thread(self) -> None:
        """Started on first use in each process: a thread started before a fork does not exist after it."""
        if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._serve, name="silero-batch", daemon=True)
            self._thread.start()

    def _serve(self) -> None:
        while True:
            with self._cond:
                while not self._queue:
                    self._cond.wait()
                worth_waiting = self._rate * self.gather_s >= 1.5 and len(self._queue) < self.max_batch
            if worth_waiting:
                time.sleep(self.gather_s)
            with self._cond:
                batch = [self._queue.popleft() for _ in range(min(len(self._queue), self.max_batch))]
            self._run(batch)

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
        except BaseException as exc:  # noqa: BLE001 - every waiting call learns of the failure
            for request in batch:
                request.error = exc
        for request in batch:
            request.done.set()
