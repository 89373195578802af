"""Embedded speech-to-text: faster-whisper (CTranslate2) with a verified local model, no account."""
from __future__ import annotations

import math
import threading
from typing import Any

import numpy as np

from ..codec import upsample_8k_to_16k, duration_ms
from ..errors import SpeechError
from ..models import locate_whisper_model
from .base import Transcript, Word, clip, empty_transcript, join_words, too_little_audio


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
        beam_size: int = 1,
        compute_type: str = "int8",
        language: str = "en",
        prompt: str | None = None,
    ) -> None:
        if model is None:
            try:
                from faster_whisper import WhisperModel
            except ImportError as exc:
                raise SpeechError("whisper", "faster-whisper is not installed; run `frontdesk speech setup`") from exc
            located = locate_whisper_model(model_path, sha256=sha256)
            self.model_path = str(located.path)
            try:
                model = WhisperModel(self.model_path, device="cpu", compute_type=compute_type, cpu_threads=threads)
            except Exception as exc:
                raise SpeechError("whisper", f"could not load {self.model_path}: {exc}") from exc
        self.model = model
        self.beam_size = beam_size
        self.language = language
        self.prompt = prompt
        self._lock = threading.Lock()  # CTranslate2 models serialise anyway; keep one decode at a time

    def transcribe(self, pcm16_8k: bytes, *, language_hint: str | None = None, prompt: str | None = None) -> Transcript:
        if too_little_audio(pcm16_8k):
            return empty_transcript(self.backend, pcm16_8k, self.language)
        audio = np.frombuffer(upsample_8k_to_16k(pcm16_8k), dtype="<i2").astype(np.float32) / 32768.0
        multilingual = bool(getattr(self.model, "model", None) and getattr(self.model.model, "is_multilingual", False))
        language = (language_hint or self.language) if multilingual else self.language
        try:
            with self._lock:
                segments, info = self.model.transcribe(
                    audio,
                    language=language,
                    beam_size=self.beam_size,
                    initial_prompt=prompt if prompt is not None else self.prompt,
                    condition_on_previous_text=False,
                    vad_filter=False,
                    word_timestamps=False,
                    without_timestamps=True,
                )
                segments = list(segments)
        except Exception as exc:
            raise SpeechError("whisper", f"transcription failed: {type(exc).__name__}: {exc}") from exc
        kept = [s for s in segments if s.text.strip() and not (s.no_speech_prob > 0.8 and s.avg_logprob < -1.0)]
        if not kept:
            return empty_transcript(self.backend, pcm16_8k, language)
        weights = [max(1, len(s.text)) for s in kept]
        confidence = sum(w * segment_confidence(s.avg_logprob, s.no_speech_prob) for w, s in zip(weights, kept)) / sum(weights)
        words = tuple(
            Word(w.word.strip(), int(w.start * 1000), int(w.end * 1000), clip(w.probability))
            for s in kept
            for w in (s.words or [])
        )
        return Transcript(
            text=join_words(s.text for s in kept),
            confidence=confidence,
            language=getattr(info, "language", language) or language,
            words=words or None,
            backend=self.backend,
            audio_ms=duration_ms(pcm16_8k),
            details={"no_speech_prob": max(s.no_speech_prob for s in kept), "avg_logprob": min(s.avg_logprob for s in kept)},
        )
