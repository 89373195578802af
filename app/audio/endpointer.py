"""Turns a stream of 20 ms frames into utterances: an explicit state machine over VAD scores.

QUIET -> STARTING (a speech frame) -> SPEAKING (enough speech frames: speech_started, for barge-in)
-> STOPPING (a silent frame) -> QUIET after `end_silence_ms` of silence (speech_ended with the
utterance audio), or back to SPEAKING if the caller carries on. Times are stream times in ms,
counted from the first frame, so the runtime can line them up with its own clock.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum
from typing import Union

from .codec import FRAME_MS, PCM_FRAME_BYTES
from .vad import VoiceDetector


class State(str, Enum):
    QUIET = "quiet"
    STARTING = "starting"
    SPEAKING = "speaking"
    STOPPING = "stopping"


@dataclass(frozen=True)
class EndpointerConfig:
    """Tuning knobs; the defaults are the ones bench/endpointing.py measured best."""

    start_frames: int = 4  # speech frames needed before speech_started (80 ms)
    start_gap_frames: int = 2  # silent frames tolerated while STARTING
    end_silence_ms: int = 240  # silence that ends an utterance (plus the VAD's own lag of ~120 ms)
    max_utterance_ms: int = 15_000  # a never-ending "utterance" (noise, a radio) is cut here
    pre_roll_ms: int = 200  # audio kept from before the start, so the first syllable is not lost
    tail_ms: int = 100  # silence kept after the last speech frame
    start_threshold: float = 0.5  # VAD score that counts as speech while quiet
    continue_threshold: float = 0.35  # lower score that keeps an utterance going (hysteresis)

    def __post_init__(self) -> None:
        if self.start_frames < 1 or self.end_silence_ms < FRAME_MS or self.max_utterance_ms < 500:
            raise ValueError("start_frames >= 1, end_silence_ms >= 20 and max_utterance_ms >= 500 are required")
        if not 0.0 < self.continue_threshold <= self.start_threshold <= 1.0:
            raise ValueError("thresholds must satisfy 0 < continue_threshold <= start_threshold <= 1")


@dataclass(frozen=True)
class SpeechStarted:
    """The caller began speaking (confirmed): stop the bot's audio if it is playing."""

    at_ms: int  # stream time of the first speech frame


@dataclass(frozen=True)
class SpeechEnded:
    """An utterance is complete; `pcm` is 8 kHz PCM16 ready for speech-to-text."""

    pcm: bytes
    started_ms: int
    speech_end_ms: int  # end of the last speech frame
    endpoint_ms: int  # when the endpointer decided (speech_end_ms + the silence it waited)
    reason: str = "silence"  # or "max_length", "flush"

    @property
    def delay_ms(self) -> int:
        return self.endpoint_ms - self.speech_end_ms


EndpointEvent = Union[SpeechStarted, SpeechEnded]


class Endpointer:
    """Feed frames with push(); act on the SpeechStarted / SpeechEnded events it returns."""

    def __init__(self, detector: VoiceDetector, config: EndpointerConfig | None = None) -> None:
        self.detector = detector
        self.config = config or EndpointerConfig()
        self.state = State.QUIET
        self._clock_ms = 0
        self._pre_roll: deque[bytes] = deque(maxlen=max(1, self.config.pre_roll_ms // FRAME_MS))
        self._frames: list[bytes] = []
        self._speech_frames = 0
        self._gap_frames = 0
        self._silence_ms = 0
        self._started_ms = 0
        self._last_speech_ms = 0
        self._steps = {State.QUIET: self._quiet, State.STARTING: self._starting,
                       State.SPEAKING: self._speaking, State.STOPPING: self._stopping}

    @property
    def clock_ms(self) -> int:
        return self._clock_ms

    def push(self, frame: bytes) -> list[EndpointEvent]:
        """Advance one 20 ms PCM16 frame (short frames are zero-padded, long ones truncated)."""
        if len(frame) != PCM_FRAME_BYTES:
            frame = (bytes(frame) + bytes(PCM_FRAME_BYTES))[:PCM_FRAME_BYTES]
        score = self.detector.score(frame)
        frame_start = self._clock_ms
        self._clock_ms += FRAME_MS
        return self._steps[self.state](frame, score, frame_start)

    def partial_pcm(self) -> bytes:
        """The utterance so far (empty when quiet): lets a spotter hit be confirmed mid-sentence."""
        return b"".join(self._frames) if self.state in (State.SPEAKING, State.STOPPING) else b""

    def flush(self) -> list[EndpointEvent]:
        """The stream ended: hand over an utterance still in progress."""
        if self.state in (State.SPEAKING, State.STOPPING):
            return [self._end("flush")]
        self._to_quiet()
        return []

    def reset(self) -> None:
        self.detector.reset()
        self._to_quiet()
        self._pre_roll.clear()

    # --- states -------------------------------------------------------------------------

    def _quiet(self, frame: bytes, score: float, at: int) -> list[EndpointEvent]:
        if score >= self.config.start_threshold:
            self.state = State.STARTING
            self._frames = list(self._pre_roll) + [frame]
            self._pre_roll.clear()
            self._speech_frames, self._gap_frames = 1, 0
            self._started_ms = at
            self._last_speech_ms = at + FRAME_MS
            return self._starting_done()
        self._pre_roll.append(frame)
        return []

    def _starting(self, frame: bytes, score: float, at: int) -> list[EndpointEvent]:
        self._frames.append(frame)
        if score >= self.config.start_threshold:
            self._speech_frames += 1
            self._gap_frames = 0
            self._last_speech_ms = at + FRAME_MS
            return self._starting_done()
        self._gap_frames += 1
        if self._gap_frames > self.config.start_gap_frames:
            # A blip (a click, a cough): give its frames back to the pre-roll and keep listening.
            for old in self._frames[-self._pre_roll.maxlen :]:  # type: ignore[misc]
                self._pre_roll.append(old)
            self._to_quiet()
        return []

    def _starting_done(self) -> list[EndpointEvent]:
        if self._speech_frames >= self.config.start_frames:
            self.state = State.SPEAKING
            return [SpeechStarted(at_ms=self._started_ms)]
        return []

    def _speaking(self, frame: bytes, score: float, at: int) -> list[EndpointEvent]:
        self._frames.append(frame)
        if score >= self.config.continue_threshold:
            self._last_speech_ms = at + FRAME_MS
        else:
            self.state = State.STOPPING
            self._silence_ms = FRAME_MS
        return self._check_limits()

    def _stopping(self, frame: bytes, score: float, at: int) -> list[EndpointEvent]:
        self._frames.append(frame)
        if score >= self.config.continue_threshold:
            self.state = State.SPEAKING
            self._last_speech_ms = at + FRAME_MS
            self._silence_ms = 0
            return self._check_limits()
        self._silence_ms += FRAME_MS
        if self._silence_ms >= self.config.end_silence_ms:
            return [self._end("silence")]
        return self._check_limits()

    def _check_limits(self) -> list[EndpointEvent]:
        if self._clock_ms - self._started_ms >= self.config.max_utterance_ms:
            return [self._end("max_length")]
        return []

    def _end(self, reason: str) -> SpeechEnded:
        audio_start_ms = self._clock_ms - len(self._frames) * FRAME_MS
        keep_until = min(self._clock_ms, self._last_speech_ms + self.config.tail_ms)
        keep_frames = max(0, (keep_until - audio_start_ms) // FRAME_MS)
        event = SpeechEnded(
            pcm=b"".join(self._frames[:keep_frames]),
            started_ms=self._started_ms,
            speech_end_ms=self._last_speech_ms,
            endpoint_ms=self._clock_ms,
            reason=reason,
        )
        self._to_quiet()
        return event

    def _to_quiet(self) -> None:
        self.state = State.QUIET
        self._frames = []
        self._speech_frames = self._gap_frames = self._silence_ms = 0
