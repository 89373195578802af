"""Cloud (or self-hosted, OpenAI-compatible) speech-to-text: one transcription request per utterance."""
from __future__ import annotations

import io
import math
import wave
from typing import Any

from ..codec import SAMPLE_RATE, duration_ms
from ..errors import SpeechError
from .base import Transcript, clip, empty_transcript, join_words, too_little_audio

DEFAULT_MODEL = "gpt-4o-mini-transcribe"
DEFAULT_CONFIDENCE = 0.85  # when the server reports no log-probabilities
LANGUAGE_NAMES = {"english": "en", "spanish": "es", "french": "fr", "portuguese": "pt", "german": "de", "chinese": "zh"}


def pcm_to_wav(pcm16: bytes, sample_rate: int = SAMPLE_RATE) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(sample_rate)
        writer.writeframes(pcm16)
    return buffer.getvalue()


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def confidence_from(response: Any) -> float:
    """Mean token probability (gpt-4o-*-transcribe logprobs) or segment avg_logprob (whisper-1)."""
    logprobs = _get(response, "logprobs") or []
    values = [_get(item, "logprob") for item in logprobs]
    values = [v for v in values if isinstance(v, (int, float))]
    if values:
        return clip(math.exp(sum(values) / len(values)))
    segments = _get(response, "segments") or []
    scores = [
        math.exp(min(0.0, _get(s, "avg_logprob", 0.0))) * (1.0 - clip(_get(s, "no_speech_prob", 0.0)))
        for s in segments
    ]
    return clip(sum(scores) / len(scores)) if scores else DEFAULT_CONFIDENCE


class OpenAITranscriber:
    """`client.audio.transcriptions.create` with the flows' vocabulary as the prompt."""

    backend = "openai"

    def __init__(
        self,
        client: Any | None = None,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        model: str = DEFAULT_MODEL,
        prompt: str | None = None,
        timeout: float = 4.0,
    ) -> None:
        if client is None:
            from app.integrations.openai import build_client

            client = build_client(api_key or "unused", base_url, timeout=timeout, max_retries=1)  # self-hosted: no key
        self.client = client
        self.model = model
        self.prompt = prompt

    def transcribe(self, pcm16_8k: bytes, *, language_hint: str | None = None, prompt: str | None = None) -> Transcript:
        if too_little_audio(pcm16_8k):
            return empty_transcript(self.backend, pcm16_8k, language_hint)
        options: dict[str, Any] = {
            "model": self.model,
            "file": ("utterance.wav", pcm_to_wav(pcm16_8k), "audio/wav"),
        }
        if self.model.startswith("whisper"):
            options["response_format"] = "verbose_json"
        else:
            options["response_format"] = "json"
            options["include"] = ["logprobs"]
        if language_hint:
            options["language"] = language_hint.split("-")[0]
        text_prompt = prompt if prompt is not None else self.prompt
        if text_prompt:
            options["prompt"] = text_prompt
        try:
            response = self.client.audio.transcriptions.create(**options)
        except Exception as exc:  # the client raises many types; the runtime needs one
            raise SpeechError("openai", f"transcription request failed: {type(exc).__name__}: {exc}") from exc
        text = join_words([str(_get(response, "text", "") or "")])
        if not text:
            return empty_transcript(self.backend, pcm16_8k, language_hint)
        language = _get(response, "language") or (language_hint.split("-")[0] if language_hint else None)
        language = LANGUAGE_NAMES.get(str(language).lower(), language) if language else None
        return Transcript(text, confidence_from(response), language, None, self.backend, duration_ms(pcm16_8k))
