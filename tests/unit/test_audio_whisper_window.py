"""Whisper decodes over an encoder window sized to the utterance, and falls back to 30 s when it must."""
from __future__ import annotations

import pytest

from app.audio.stt.whisper_decode import (
    FULL_WINDOW_FRAMES, MIN_WINDOW_FRAMES, Decoded, compression_ratio, needs_full_window, window_frames,
)
from tests.unit.test_audio_stt import HAS_FLITE, flite, whisper_or_skip


def test_window_covers_the_speech_plus_a_margin_in_steps() -> None:
    assert window_frames(0) == MIN_WINDOW_FRAMES
    assert window_frames(270) == MIN_WINDOW_FRAMES  # a short "yes please"
    assert window_frames(900) == 1500  # 9 s of speech + the margin
    assert window_frames(1300) == 1500
    assert window_frames(1301) == 2000
    assert window_frames(2900) == FULL_WINDOW_FRAMES
    assert window_frames(10_000) == FULL_WINDOW_FRAMES  # never past Whisper's own window


def test_a_repeating_or_unlikely_decode_asks_for_the_full_window() -> None:
    plain = "I would like to move my cleaning to Friday afternoon."
    looping = "What time do you close on Fridays? " * 6
    assert compression_ratio(looping) > 2.4 > compression_ratio(plain)
    assert needs_full_window(Decoded(looping, -0.2, 0.01))
    assert needs_full_window(Decoded(plain, -1.4, 0.01))
    assert not needs_full_window(Decoded(plain, -0.3, 0.01))


@pytest.fixture(scope="module")
def transcribers():
    short = whisper_or_skip()
    from app.audio.stt.whisper_stt import WhisperTranscriber

    return short, WhisperTranscriber(model=short.model, short_window=False)


@pytest.mark.skipif(not HAS_FLITE, reason="flite is not installed (apt-get install flite)")
@pytest.mark.parametrize("text, voice", [
    ("Could I book a checkup for next Tuesday morning?", "kal"),
    ("Yes, please.", "slt"),
    ("My daughter has a toothache and I think she needs to be seen today if at all possible.", "awb"),
])
def test_short_window_hears_what_the_full_window_hears(transcribers, text: str, voice: str) -> None:
    short, full = transcribers
    pcm = flite(text, voice)
    heard, reference = short.transcribe(pcm), full.transcribe(pcm)
    assert missed(text, heard.text) <= missed(text, reference.text) + 1
    assert missed(text, heard.text) <= len(words(text)) // 3
    assert abs(heard.confidence - reference.confidence) < 0.25
    assert short.transcribe(b"\x00\x00" * 16000).empty


def words(text: str) -> list[str]:
    return "".join(c for c in text.lower() if c.isalpha() or c in " '").split()


def missed(said: str, heard: str) -> int:
    """Words of what was said that are not in what was heard."""
    got = words(heard)
    return sum(1 for word in words(said) if word not in got)


@pytest.mark.skipif(not HAS_FLITE, reason="flite is not installed (apt-get install flite)")
def test_a_batched_run_hears_each_utterance_as_a_run_of_its_own(transcribers) -> None:
    import numpy as np

    from app.audio.codec import upsample_8k_to_16k

    short, _ = transcribers
    decoder = short._decoder("en")
    texts = ["What time do you open on Saturday?", "I'd like to cancel my appointment tomorrow."]
    features = []
    for text in texts:
        pcm = np.frombuffer(upsample_8k_to_16k(flite(text, "slt")), dtype="<i2").astype(np.float32) / 32768.0
        features.append(decoder.features(pcm))
    frames = max(f for _, f in features)
    together = decoder.decode_windows([f for f, _ in features], frames, None)
    alone = [decoder.decode_windows([f], frames, None)[0] for f, _ in features]
    assert [d.text for d in together] == [d.text for d in alone]
    assert all(missed(text, d.text) <= 2 for text, d in zip(texts, together))
