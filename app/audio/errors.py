"""The one exception the call runtime catches from speech backends (then hands the call to a person)."""
from __future__ import annotations


class SpeechError(RuntimeError):
    """A speech-to-text or text-to-speech backend failed; the message names the backend and the fix."""

    def __init__(self, backend: str, message: str) -> None:
        super().__init__(f"{backend}: {message}")
        self.backend = backend
