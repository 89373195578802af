"""Per-frame voice activity scores: webrtcvad (fast, weak in noise) and silero (robust, optional)."""
from __future__ import annotations

import functools
import logging
import math
from typing import Protocol

import numpy as np
import webrtcvad

from . import silero
from .silero_deferred import DeferredSileroStream, DeferredWindows
from .codec import PCM_FRAME_BYTES, SAMPLE_RATE, rms

log = logging.getLogger(__name__)


class VoiceDetector(Protocol):
    """Scores one 20 ms PCM16 frame at 8 kHz: the likelihood of speech in [0, 1]."""

    name: str

    def score(self, frame: bytes) -> float: ...

    def reset(self) -> None: ...


class WebRtcDetector:
    """Google's WebRTC GMM detector: microseconds per frame, 0 or 1, fooled by loud noise."""

    name = "webrtc"

    def __init__(self, mode: int = 3, sample_rate: int = SAMPLE_RATE) -> None:
        if mode not in (0, 1, 2, 3):
            raise ValueError(f"webrtcvad mode must be 0-3, got {mode}")
        self.sample_rate = sample_rate
        self._vad = webrtcvad.Vad(mode)

    def score(self, frame: bytes) -> float:
        if len(frame) != PCM_FRAME_BYTES:
            return 0.0
        return 1.0 if self._vad.is_speech(frame, self.sample_rate) else 0.0

    def reset(self) -> None:
        """webrtcvad keeps no state worth clearing between utterances."""


class NoiseFloorGate:
    """Tracks the background level and scores a frame by how far it rises above it.

    The floor follows quiet frames quickly and loud ones slowly, so steady noise (fans, traffic,
    line hiss) becomes the new zero while a voice still stands out above it.
    """

    name = "noise_floor"

    def __init__(self, margin_db: float = 6.0, rise: float = 0.005, fall: float = 0.1) -> None:
        self.margin_db = margin_db
        self.rise, self.fall = rise, fall
        self._floor_db: float | None = None

    @staticmethod
    def level_db(frame: bytes) -> float:
        return 20.0 * math.log10(rms(frame) + 1.0)

    def score(self, frame: bytes) -> float:
        level = self.level_db(frame)
        if self._floor_db is None:
            self._floor_db = level
        step = self.fall if level < self._floor_db else self.rise
        self._floor_db += step * (level - self._floor_db)
        excess = level - self._floor_db - self.margin_db
        return 1.0 / (1.0 + math.exp(-excess / 2.0))

    def reset(self) -> None:
        self._floor_db = None


class BothDetector:
    """Speech only when two detectors agree: the cheap one gates, the robust one confirms."""

    def __init__(self, first: VoiceDetector, second: VoiceDetector) -> None:
        self.first, self.second = first, second
        self.name = f"{first.name}+{second.name}"

    def score(self, frame: bytes) -> float:
        a, b = self.first.score(frame), self.second.score(frame)  # both always run: they keep state
        return min(a, b)

    def reset(self) -> None:
        self.first.reset()
        self.second.reset()


class CascadeDetector:
    """The cheap detector wakes the expensive one; the expensive one decides.

    On a quiet line webrtcvad rarely fires, so silero sleeps and a call costs microseconds per
    frame; once webrtcvad hears something, silero runs (primed with the last few frames). It goes
    back to sleep when `hold_frames` pass with no webrtcvad speech, or sooner, once both detectors
    have agreed on silence for `settle_frames` (silero would only repeat that verdict, and the
    end of an utterance is a frame where they agree). In noise webrtcvad keeps firing, so silero
    stays awake and decides there.
    """

    def __init__(self, gate: VoiceDetector, main: VoiceDetector, hold_frames: int = 50, prime_frames: int = 5,
                 settle_frames: int = 25, quiet_below: float = 0.2) -> None:
        self.gate, self.main = gate, main
        self.name = f"{gate.name}>{main.name}"
        self.hold_frames = hold_frames
        self.settle_frames = settle_frames
        self.quiet_below = quiet_below
        self._recent: list[bytes] = []
        self._prime = prime_frames
        self._since_gate = hold_frames + 1
        self._agreed_quiet = 0
        self.main_frames = 0

    def score(self, frame: bytes) -> float:
        awake = self._since_gate <= self.hold_frames
        if self.gate.score(frame) >= 0.5:
            self._since_gate = 0
        else:
            self._since_gate += 1
        if self._since_gate > self.hold_frames:
            if awake:  # just fell asleep: forget the expensive detector's state
                self.main.reset()
            self._recent = (self._recent + [frame])[-self._prime :] if self._prime else []
            return 0.0
        if not awake:  # waking up: a fresh start, with a little context
            self.main.reset()
            self._agreed_quiet = 0
            for old in self._recent:
                self.main.score(old)
            self._recent = []
        self.main_frames += 1
        value = self.main.score(frame)
        self._agreed_quiet = self._agreed_quiet + 1 if self._since_gate > 0 and value < self.quiet_below else 0
        if self._agreed_quiet >= self.settle_frames:
            self._since_gate = self.hold_frames + 1  # asleep from the next frame
            self.main.reset()
            self._recent = []
        return value

    def reset(self) -> None:
        self.gate.reset()
        self.main.reset()
        self._recent = []
        self._since_gate = self.hold_frames + 1
        self._agreed_quiet = 0


def silero_available() -> bool:
    """Installed and loadable: a model that fails to load leaves 'auto' on webrtcvad + noise floor."""
    return silero.available() and _silero_loads()


@functools.cache
def _silero_loads() -> bool:
    """Tried once per process: a broken model is not reloaded (and logged) for every call that starts."""
    try:
        silero.shared_model()
    except Exception:  # noqa: BLE001 - calls still get a working detector
        log.exception("silero VAD is installed but does not load; using webrtcvad + noise floor")
        return False
    return True


def build_detector(kind: str = "auto", *, webrtc_mode: int = 3, deferred: DeferredWindows | None = None) -> VoiceDetector:
    """'webrtc', 'silero', 'webrtc>silero' (cascade), 'webrtc+silero', 'webrtc+floor', or 'auto'.

    With `deferred`, silero's windows wait for `deferred.flush()` (one thread reading many calls)."""
    kind = (kind or "auto").lower()
    if kind == "auto":
        kind = "webrtc>silero" if silero_available() else "webrtc+floor"

    def silero_stream() -> VoiceDetector:
        return DeferredSileroStream(deferred) if deferred is not None else silero.SileroStream()

    if kind == "webrtc>silero":
        return CascadeDetector(WebRtcDetector(webrtc_mode), silero_stream())
    if kind == "webrtc":
        return WebRtcDetector(webrtc_mode)
    if kind == "silero":
        return silero_stream()
    if kind == "webrtc+silero":
        return BothDetector(WebRtcDetector(webrtc_mode), silero_stream())
    if kind in ("webrtc+floor", "floor"):
        return BothDetector(WebRtcDetector(webrtc_mode), NoiseFloorGate())
    raise ValueError(f"unknown VAD {kind!r}; use webrtc, silero, webrtc+silero, webrtc+floor or auto")
