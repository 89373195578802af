"""One speech-to-text interface for every backend, and the checks that keep garbage out of them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Protocol

from ..codec import SAMPLE_RATE, duration_ms, rms

MIN_SPEECH_MS = 200  # shorter than a syllable: nothing to transcribe
MIN_RMS = 60  # about -55 dBFS: digital silence or a dead line


@dataclass(frozen=True)
class Word:
    text: str
    start_ms: int
    end_ms: int
    confidence: float


@dataclass(frozen=True)
class Transcript:
    """What the caller said; confidence in [0, 1] feeds the engine's low-confidence rule."""

    text: str
    confidence: float
    language: str | None = None
    words: tuple[Word, ...] | None = None
    backend: str = ""
    audio_ms: float = 0.0
    details: dict[str, float] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.text.strip()


class Transcriber(Protocol):
    """Transcribes one endpointed utterance (8 kHz PCM16); raises SpeechError when the backend fails."""

    backend: str

    def transcribe(self, pcm16_8k: bytes, *, language_hint: str | None = None, prompt: str | None = None) -> Transcript: ...


class PartialRecognizer(Protocol):
    """Streaming recognition: frames in, the partial text so far out (None when nothing new)."""

    def accept(self, frame: bytes) -> str | None: ...

    def finish(self) -> str: ...

    def reset(self) -> None: ...


def empty_transcript(backend: str, pcm16_8k: bytes = b"", language: str | None = None) -> Transcript:
    return Transcript("", 0.0, language, (), backend, duration_ms(pcm16_8k))


def too_little_audio(pcm16_8k: bytes) -> bool:
    """True for audio no recogniser should see: too short, or too quiet to hold speech."""
    if len(pcm16_8k) < SAMPLE_RATE * 2 * MIN_SPEECH_MS // 1000:
        return True
    return rms(pcm16_8k) < MIN_RMS


def clip(value: float) -> float:
    return max(0.0, min(1.0, float(value)))


def join_words(parts: Iterable[str]) -> str:
    return " ".join(" ".join(parts).split())
