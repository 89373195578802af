"""Telephony audio conversions: Twilio speaks 8 kHz mono mu-law in 20 ms frames; models want PCM16."""
from __future__ import annotations

import base64
import binascii
import warnings
from typing import Iterator

with warnings.catch_warnings():
    # The standard-library module is deprecated in 3.11-3.12; on 3.13+ `audioop-lts` installs the
    # same module under the same name, so one import serves every supported Python.
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

SAMPLE_RATE = 8000
SAMPLE_WIDTH = 2
FRAME_MS = 20
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000  # 160
MULAW_FRAME_BYTES = FRAME_SAMPLES  # one byte per sample
PCM_FRAME_BYTES = FRAME_SAMPLES * SAMPLE_WIDTH  # 320
MULAW_SILENCE = b"\xff"


class AudioFormatError(ValueError):
    """Audio bytes that cannot be what the caller says they are (odd length, bad base64)."""


def mulaw_to_pcm16(data: bytes) -> bytes:
    """Decode G.711 mu-law bytes to signed 16-bit little-endian PCM."""
    return audioop.ulaw2lin(bytes(data), SAMPLE_WIDTH)


def pcm16_to_mulaw(data: bytes) -> bytes:
    """Encode signed 16-bit PCM to G.711 mu-law; a trailing odd byte is dropped."""
    data = bytes(data)
    if len(data) % 2:
        data = data[:-1]
    return audioop.lin2ulaw(data, SAMPLE_WIDTH)


def resample(pcm16: bytes, from_rate: int, to_rate: int) -> bytes:
    """Resample mono PCM16 (audioop's linear-interpolating rate converter)."""
    if from_rate <= 0 or to_rate <= 0:
        raise AudioFormatError(f"sample rates must be positive, got {from_rate} -> {to_rate}")
    pcm16 = bytes(pcm16)
    if len(pcm16) % 2:
        raise AudioFormatError(f"PCM16 needs an even number of bytes, got {len(pcm16)}")
    if from_rate == to_rate or not pcm16:
        return pcm16
    converted, _ = audioop.ratecv(pcm16, SAMPLE_WIDTH, 1, from_rate, to_rate, None)
    return converted


def upsample_8k_to_16k(pcm16_8k: bytes) -> bytes:
    return resample(pcm16_8k, 8000, 16000)


def downsample_16k_to_8k(pcm16_16k: bytes) -> bytes:
    return resample(pcm16_16k, 16000, 8000)


def frames(data: bytes, frame_bytes: int = PCM_FRAME_BYTES, *, pad: bytes | None = None) -> Iterator[bytes]:
    """Split audio into fixed-size frames; the last partial frame is padded with `pad` or dropped."""
    if frame_bytes <= 0:
        raise AudioFormatError("frame size must be positive")
    data = bytes(data)
    whole = len(data) - len(data) % frame_bytes
    for start in range(0, whole, frame_bytes):
        yield data[start : start + frame_bytes]
    rest = data[whole:]
    if rest and pad:
        yield rest + pad * ((frame_bytes - len(rest)) // len(pad))


class FrameAssembler:
    """Regroups arbitrarily sized chunks into exact frames (Twilio usually, not always, sends 160 bytes)."""

    def __init__(self, frame_bytes: int = MULAW_FRAME_BYTES, max_buffer: int = 64_000) -> None:
        self.frame_bytes = frame_bytes
        self.max_buffer = max_buffer
        self._buffer = bytearray()

    def push(self, chunk: bytes) -> list[bytes]:
        """Add a chunk; return the whole frames now available (memory stays bounded)."""
        if not self._buffer and len(chunk) == self.frame_bytes:
            return [bytes(chunk)]  # what Twilio sends 50 times a second
        self._buffer.extend(chunk)
        if len(self._buffer) > self.max_buffer:  # a stalled consumer must not grow memory forever
            del self._buffer[: len(self._buffer) - self.max_buffer]
        whole = len(self._buffer) - len(self._buffer) % self.frame_bytes
        out = [bytes(self._buffer[i : i + self.frame_bytes]) for i in range(0, whole, self.frame_bytes)]
        del self._buffer[:whole]
        return out


def decode_media_payload(payload: str) -> bytes:
    """Base64 Twilio `media.payload` -> mu-law bytes; AudioFormatError on bad base64."""
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise AudioFormatError(f"media payload is not valid base64: {exc}") from None


def encode_media_payload(mulaw: bytes) -> str:
    """mu-law bytes -> the base64 text Twilio expects in an outbound `media` message."""
    return base64.b64encode(mulaw).decode("ascii")


def duration_ms(pcm16: bytes, sample_rate: int = SAMPLE_RATE) -> float:
    return len(pcm16) / SAMPLE_WIDTH / sample_rate * 1000.0


def rms(pcm16: bytes) -> int:
    """Root-mean-square level of PCM16 audio (0 for empty input)."""
    data = bytes(pcm16)
    if len(data) < 2:
        return 0
    return audioop.rms(data[: len(data) - len(data) % 2], SAMPLE_WIDTH)
