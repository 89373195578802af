"""Text-to-speech backends; every one returns 8 kHz mu-law ready for Twilio."""
from .base import Synthesizer
from .cache import CachedSynthesizer, cache_key
from .factory import build_synthesizer
from .flite import FliteSynthesizer
from .openai_tts import OpenAISynthesizer
from .prompts import fixed_prompts

__all__ = [
    "Synthesizer",
    "CachedSynthesizer",
    "cache_key",
    "build_synthesizer",
    "FliteSynthesizer",
    "OpenAISynthesizer",
    "fixed_prompts",
]
