"""Builds the configured synthesizer (flite or openai) with the voice the flows ask for, cached."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import SpeechError
from .cache import CachedSynthesizer
from .flite import FliteSynthesizer
from .openai_tts import OpenAISynthesizer


def build_synthesizer(flows: Any, settings: Any, *, cache_dir: str | Path | None = None, client: Any = None) -> CachedSynthesizer:
    """settings.tts_backend selects the backend; the cache lives in <data_dir>/tts-cache by default."""
    voice = flows.business.voice
    backend = (getattr(settings, "tts_backend", "flite") or "flite").lower()
    extra = dict(getattr(settings, "extra", {}) or {})
    if backend == "flite":
        inner: Any = FliteSynthesizer(voice=voice.flite_voice, speaking_rate=voice.speaking_rate)
        variant = f"rate={voice.speaking_rate}"
    elif backend == "openai":
        model = extra.get("FRONTDESK_TTS_MODEL", "gpt-4o-mini-tts")
        inner = OpenAISynthesizer(
            client,
            api_key=getattr(settings, "openai_api_key", None),
            base_url=getattr(settings, "openai_base_url", None),
            voice=voice.openai_voice,
            model=model,
            instructions=voice.tone,
            speaking_rate=voice.speaking_rate,
            timeout=float(getattr(settings, "openai_timeout_seconds", 10.0)),
        )
        variant = f"model={model}|rate={voice.speaking_rate}|tone={voice.tone}"
    else:
        raise SpeechError(backend, "unknown text-to-speech backend; set FRONTDESK_TTS to flite or openai")
    directory = Path(cache_dir) if cache_dir else Path(getattr(settings, "data_dir", "var")) / "tts-cache"
    return CachedSynthesizer(inner, directory, variant=variant)
