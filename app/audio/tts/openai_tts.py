"""Text-to-speech through the OpenAI speech API (or a compatible server at a configured base URL)."""
from __future__ import annotations

from typing import Any

from ..codec import SAMPLE_RATE, pcm16_to_mulaw, resample
from ..errors import SpeechError
from .base import clean_text

DEFAULT_MODEL = "gpt-4o-mini-tts"
PCM_RATE = 24_000  # response_format="pcm" is raw 24 kHz 16-bit mono


class OpenAISynthesizer:
    """One speech request per text, asking for raw PCM so no decoder is needed."""

    backend = "openai"

    def __init__(
        self,
        client: Any | None = None,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        voice: str = "alloy",
        model: str = DEFAULT_MODEL,
        instructions: str | None = None,
        speaking_rate: float = 1.0,
        timeout: float = 10.0,
    ) -> None:
        if client is None:
            from app.integrations.openai import build_client

            client = build_client(api_key or "unused", base_url, timeout=timeout, max_retries=1)  # self-hosted: no key
        self.client = client
        self.voice = voice
        self.model = model
        self.instructions = instructions
        self.speaking_rate = speaking_rate

    def synthesize(self, text: str) -> bytes:
        text = clean_text(text)
        if not text:
            return b""
        options: dict[str, Any] = {"model": self.model, "voice": self.voice, "input": text, "response_format": "pcm"}
        if self.instructions and "tts" in self.model:
            options["instructions"] = f"Speak in a tone that is {self.instructions}."
        if abs(self.speaking_rate - 1.0) > 1e-3:
            options["speed"] = self.speaking_rate
        try:
            response = self.client.audio.speech.create(**options)
            pcm = response.read() if hasattr(response, "read") else bytes(response.content)
        except Exception as exc:  # the client raises many types; the runtime needs one
            raise SpeechError("openai", f"speech request failed: {type(exc).__name__}: {exc}") from exc
        if len(pcm) % 2:
            pcm = pcm[:-1]
        return pcm16_to_mulaw(resample(pcm, PCM_RATE, SAMPLE_RATE))
