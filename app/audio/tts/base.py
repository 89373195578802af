"""The text-to-speech interface the media handler uses, whatever renders the audio."""
from __future__ import annotations

import io
import wave
from typing import Protocol

from ..codec import SAMPLE_RATE, pcm16_to_mulaw, resample
from ..errors import SpeechError


class Synthesizer(Protocol):
    """Renders text as 8 kHz mono mu-law bytes; raises SpeechError when it cannot."""

    backend: str
    voice: str

    def synthesize(self, text: str) -> bytes: ...


def wav_to_mulaw(wav_bytes: bytes, backend: str) -> bytes:
    """Any mono/stereo 16-bit WAV -> 8 kHz mu-law (what Twilio plays)."""
    try:
        with wave.open(io.BytesIO(wav_bytes)) as reader:
            channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
            pcm = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError) as exc:
        raise SpeechError(backend, f"produced audio that is not a WAV file ({exc})") from None
    if width != 2:
        raise SpeechError(backend, f"produced {8 * width}-bit audio; 16-bit PCM is expected")
    if channels == 2:
        from ..codec import audioop

        pcm = audioop.tomono(pcm, 2, 0.5, 0.5)
    return pcm16_to_mulaw(resample(pcm, rate, SAMPLE_RATE))


def clean_text(text: str) -> str:
    """Collapse whitespace; synthesizers choke on control characters and empty input."""
    return " ".join(str(text).replace("\x00", " ").split())
