"""Embedded speech-to-text: faster-whisper (CTranslate2) with a verified local model, no account."""
from __future__ import annotations

import math
import threading
from typing import Any

import numpy as np

from ..codec import upsample_8k_to_16k, duration_ms
from ..errors import SpeechError
from ..models import locate_whisper_model
from .base import Transcript, clip, empty_transcript, join_words, too_little_audio
from .whisper_batch import DecodeBatcher
from .whisper_decode import MIN_AVG_LOGPROB, WindowedDecoder

NO_SPEECH = 0.6
"""faster-whisper's no_speech_threshold: above it, with a low log-probability, the "speech" was noise."""


def segment_confidence(avg_logprob: float, no_speech_prob: float) -> float:
    """exp(mean token log-probability), discounted by the model's belief that there was no speech."""
    return clip(math.exp(min(0.0, avg_logprob)) * (1.0 - clip(no_speech_prob)))


class WhisperTranscriber:
    """Loads the model once per process; transcribe() is safe to call from several threads."""

    backend = "whisper"

    def __init__(
        self,
        model_path: str | None = None,
        *,
        sha256: str | None = None,
        model: Any = None,
        threads: int = 2,
        workers: int = 1,
        beam_size: int = 1,
        compute_type: str = "int8",
        language: str = "en",
        prompt: str | None = None,
        short_window: bool = True,
    ) -> None:
        if model is None:
            try:
                from faster_whisper import WhisperModel
            except ImportError as exc:
                raise SpeechError("whisper", "faster-whisper is not installed; run `frontdesk speech setup`") from exc
            located = locate_whisper_model(model_path, sha256=sha256)
            self.model_path = str(located.path)
            try:
                model = WhisperModel(self.model_path, device="cpu", compute_type=compute_type, cpu_threads=threads,
                                     num_workers=max(1, workers))
            except Exception as exc:
                raise SpeechError("whisper", f"could not load {self.model_path}: {exc}") from exc
        self.model = model
        self.beam_size = beam_size
        self.language = language
        self.prompt = prompt
        self.short_window = short_window  # False: always the 30 s window (slower, for comparison)
        # A CTranslate2 model runs `workers` decodes at once; callers who wait meanwhile share a run.
        self._batcher = DecodeBatcher(max(1, workers))
        self._lock = threading.Lock()
        self._decoders: dict[str, WindowedDecoder] = {}

    def transcribe(self, pcm16_8k: bytes, *, language_hint: str | None = None, prompt: str | None = None) -> Transcript:
        if too_little_audio(pcm16_8k):
            return empty_transcript(self.backend, pcm16_8k, self.language)
        audio = np.frombuffer(upsample_8k_to_16k(pcm16_8k), dtype="<i2").astype(np.float32) / 32768.0
        multilingual = bool(getattr(self.model, "model", None) and getattr(self.model.model, "is_multilingual", False))
        language = (language_hint or self.language) if multilingual else self.language
        try:
            decoder = self._decoder(language)
            decoded = self._batcher.decode(decoder, audio, prompt if prompt is not None else self.prompt)
        except Exception as exc:
            raise SpeechError("whisper", f"transcription failed: {type(exc).__name__}: {exc}") from exc
        if not decoded.text or (decoded.no_speech_prob > NO_SPEECH and decoded.avg_logprob < MIN_AVG_LOGPROB):
            return empty_transcript(self.backend, pcm16_8k, language)
        return Transcript(
            text=join_words([decoded.text]),
            confidence=segment_confidence(decoded.avg_logprob, decoded.no_speech_prob),
            language=language,
            backend=self.backend,
            audio_ms=duration_ms(pcm16_8k),
            details={"no_speech_prob": decoded.no_speech_prob, "avg_logprob": decoded.avg_logprob},
        )

    @property
    def busy(self) -> bool:
        """Other calls' decodes hold the model (callers may wait before guessing early)."""
        return self._batcher.busy

    def _decoder(self, language: str) -> WindowedDecoder:
        """One decoder (tokenizer) per language, built on first use."""
        with self._lock:
            if language not in self._decoders:
                self._decoders[language] = WindowedDecoder(self.model, language, short_window=self.short_window)
            return self._decoders[language]
