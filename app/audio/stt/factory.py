"""Builds the configured transcriber and the escalation spotter from settings and the loaded flows."""
from __future__ import annotations

import logging
from typing import Any

from ..errors import SpeechError
from .base import Transcriber
from .vocabulary import escalation_phrases, transcription_prompt

log = logging.getLogger(__name__)
BACKENDS = ("whisper", "openai", "pocketsphinx")


def build_transcriber(flows: Any, settings: Any, *, client: Any = None) -> Transcriber:
    """settings.stt_backend picks the backend; FRONTDESK_STT_MODEL / FRONTDESK_WHISPER_MODEL /
    FRONTDESK_WHISPER_SHA256 tune it. Raises SpeechError naming the fix when it cannot start."""
    backend = (getattr(settings, "stt_backend", "whisper") or "whisper").lower()
    extra = dict(getattr(settings, "extra", {}) or {})
    language = flows.business.language_codes[0] if flows is not None else "en"
    prompt = transcription_prompt(flows, language) if flows is not None else None
    if backend == "openai":
        from .openai_stt import DEFAULT_MODEL, OpenAITranscriber

        return OpenAITranscriber(
            client,
            api_key=getattr(settings, "openai_api_key", None),
            base_url=getattr(settings, "openai_base_url", None),
            model=extra.get("FRONTDESK_STT_MODEL", DEFAULT_MODEL),
            prompt=prompt,
            timeout=float(getattr(settings, "openai_timeout_seconds", 4.0)),
        )
    if backend == "whisper":
        from .whisper_stt import WhisperTranscriber

        return WhisperTranscriber(
            extra.get("FRONTDESK_WHISPER_MODEL"),
            sha256=extra.get("FRONTDESK_WHISPER_SHA256"),
            # Two decodes at once, one thread each: about 30% more decodes per second than one
            # two-thread decode at a time, at the same single-utterance latency (bench/capacity).
            threads=int(extra.get("FRONTDESK_WHISPER_THREADS", "1")),
            workers=int(extra.get("FRONTDESK_WHISPER_WORKERS", "2")),
            short_window=extra.get("FRONTDESK_WHISPER_WINDOW", "short").lower() != "full",
            # bench/asr: the flows prompt took clean-caller WER from 12.1% to 11.3% but made each
            # decode about 30% slower, so it is opt-in (FRONTDESK_WHISPER_PROMPT=1).
            prompt=prompt if extra.get("FRONTDESK_WHISPER_PROMPT", "") in ("1", "true", "yes") else None,
        )
    if backend == "pocketsphinx":
        from .sphinx_stt import SphinxTranscriber

        return SphinxTranscriber()
    raise SpeechError(backend, f"unknown speech-to-text backend; set FRONTDESK_STT to one of {', '.join(BACKENDS)}")


def build_spotter(flows: Any, language: str = "en") -> Any | None:
    """The pocketsphinx phrase spotter for mid-utterance escalation, or None when it is not installed."""
    try:
        from .sphinx_stt import PhraseSpotter

        return PhraseSpotter(escalation_phrases(flows, language))
    except SpeechError as exc:
        log.warning("no mid-utterance phrase spotting: %s", exc)
        return None
