"""What a simulated caller says, as 8 kHz mu-law: text through flite, or WAV files."""
from __future__ import annotations

import functools
import io
import wave
from dataclasses import dataclass
from pathlib import Path

from app.audio.codec import SAMPLE_RATE, audioop, pcm16_to_mulaw, resample

SILENCE_BYTE = b"\xff"  # mu-law silence


@dataclass(frozen=True)
class Step:
    """One thing the caller does: say text, play a WAV, press a key, or wait."""

    kind: str  # "say" | "wav" | "dtmf" | "pause"
    value: str
    barge_in: bool = False
    """Start while the bot is still talking (after `barge_in_after_s` of its reply)."""
    barge_in_after_s: float = 0.6


@functools.lru_cache(maxsize=256)
def speak(text: str, voice: str = "slt") -> bytes:
    """The caller's words as mu-law, rendered by the embedded flite voice (cached per process)."""
    from app.audio.tts.flite import FliteSynthesizer

    return FliteSynthesizer(voice=voice).synthesize(text)


def wav_file(path: str | Path) -> bytes:
    """Any 16-bit PCM WAV (mono or stereo, any rate) -> 8 kHz mu-law."""
    try:
        with wave.open(str(path)) as reader:
            channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
            pcm = reader.readframes(reader.getnframes())
    except (OSError, wave.Error, EOFError) as exc:
        raise ValueError(f"{path}: not a readable WAV file ({exc})") from None
    if width != 2:
        raise ValueError(f"{path}: {8 * width}-bit audio; convert it to 16-bit PCM (e.g. sox in.wav -b 16 out.wav)")
    if channels == 2:
        pcm = audioop.tomono(pcm, 2, 0.5, 0.5)
    elif channels != 1:
        raise ValueError(f"{path}: {channels} channels; mono or stereo expected")
    return pcm16_to_mulaw(resample(pcm, rate, SAMPLE_RATE))


def step_audio(step: Step, voice: str = "slt") -> bytes:
    if step.kind == "say":
        return speak(step.value, voice)
    if step.kind == "wav":
        return wav_file(step.value)
    return b""


def to_wav(mulaw: bytes) -> bytes:
    """mu-law -> a WAV file's bytes (to save what the bot said)."""
    from app.audio.codec import mulaw_to_pcm16

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(mulaw_to_pcm16(mulaw))
    return buffer.getvalue()
