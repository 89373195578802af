"""mu-law codec, resampling and framing: the telephone path must not distort or grow without bound."""
from __future__ import annotations

import numpy as np
import pytest

from app.audio import codec


def tone(seconds: float = 0.5, rate: int = 8000, level: float = 8000.0) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return (level * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes()


def test_mulaw_round_trip_is_close() -> None:
    pcm = tone()
    back = codec.mulaw_to_pcm16(codec.pcm16_to_mulaw(pcm))
    a, b = np.frombuffer(pcm, "<i2").astype(float), np.frombuffer(back, "<i2").astype(float)
    assert len(back) == len(pcm)
    snr = 10 * np.log10(np.sum(a**2) / np.sum((a - b) ** 2))
    assert snr > 30  # G.711 gives about 38 dB on a loud tone


def test_mulaw_is_one_byte_per_sample_and_odd_byte_dropped() -> None:
    assert len(codec.pcm16_to_mulaw(b"\x00" * 321)) == 160
    assert codec.mulaw_to_pcm16(codec.MULAW_SILENCE * 160) == b"\x00\x00" * 160


def test_resample_8k_16k_lengths_and_errors() -> None:
    pcm = tone(1.0)
    up = codec.upsample_8k_to_16k(pcm)
    assert abs(len(up) - 2 * len(pcm)) <= 4
    down = codec.downsample_16k_to_8k(up)
    assert abs(len(down) - len(pcm)) <= 4
    with pytest.raises(codec.AudioFormatError):
        codec.resample(b"\x00\x01\x02", 8000, 16000)
    with pytest.raises(codec.AudioFormatError):
        codec.resample(b"\x00\x00", 0, 16000)


def test_frames_split_and_pad() -> None:
    data = bytes(range(256)) * 2  # 512 bytes
    whole = list(codec.frames(data, 160))
    assert [len(f) for f in whole] == [160, 160, 160]
    padded = list(codec.frames(data, 160, pad=b"\xff"))
    assert len(padded) == 4 and padded[-1].endswith(b"\xff" * 128)


def test_frame_assembler_regroups_odd_chunks_and_stays_bounded() -> None:
    assembler = codec.FrameAssembler(160, max_buffer=1000)
    out = assembler.push(b"a" * 100) + assembler.push(b"b" * 250)
    assert [len(f) for f in out] == [160, 160]
    assert out[0] == b"a" * 100 + b"b" * 60
    assembler = codec.FrameAssembler(160, max_buffer=1000)
    assembler._buffer.extend(b"x" * 5000)  # a consumer that stalled
    assembler.push(b"y")
    assert len(assembler._buffer) < 1000


def test_media_payload_base64() -> None:
    frame = codec.pcm16_to_mulaw(tone(0.02))
    assert codec.decode_media_payload(codec.encode_media_payload(frame)) == frame
    with pytest.raises(codec.AudioFormatError):
        codec.decode_media_payload("not base64!!")
