"""Speech-to-text backends: whisper (embedded default), pocketsphinx spotting, openai via the stand-in."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest

from app.audio.codec import mulaw_to_pcm16
from app.audio.errors import SpeechError
from app.audio.models import locate_whisper_model, verify
from app.audio.stt.openai_stt import OpenAITranscriber
from app.flows.loader import load_flows
from tests.standins.openai_audio import OpenAIAudioStandIn

HAS_FLITE = shutil.which("flite") is not None


def flite(text: str, voice: str = "slt") -> bytes:
    from app.audio.tts import FliteSynthesizer

    return mulaw_to_pcm16(FliteSynthesizer(voice).synthesize(text))


def noise_pcm(seconds: float = 1.5) -> bytes:
    rng = np.random.default_rng(5)
    return (rng.standard_normal(int(8000 * seconds)) * 3000).astype("<i2").tobytes()


def whisper_or_skip():
    if importlib.util.find_spec("faster_whisper") is None:
        pytest.skip("faster-whisper is not installed (frontdesk speech setup)")
    try:
        locate_whisper_model()
    except SpeechError as exc:
        pytest.skip(f"no verified Whisper model: {exc}")
    from app.audio.stt.whisper_stt import WhisperTranscriber

    return WhisperTranscriber()


@pytest.fixture(scope="module")
def whisper():
    return whisper_or_skip()


@pytest.mark.skipif(not HAS_FLITE, reason="flite is not installed (apt-get install flite)")
def test_whisper_transcribes_a_phone_caller(whisper) -> None:
    result = whisper.transcribe(flite("I would like to move my cleaning to Friday afternoon.", "kal"))
    words = set(result.text.lower().replace(".", "").split())
    assert {"move", "cleaning", "friday", "afternoon"} <= words
    assert 0.3 < result.confidence <= 1.0 and result.backend == "whisper" and result.language == "en"


def test_whisper_returns_empty_for_silence_and_noise(whisper) -> None:
    assert whisper.transcribe(b"").empty
    assert whisper.transcribe(b"\x00\x00" * 16000).empty
    assert whisper.transcribe(b"\x01").empty
    garbage = whisper.transcribe(noise_pcm())
    assert garbage.empty or garbage.confidence < 0.45


def test_model_digest_is_checked(tmp_path: Path) -> None:
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt"):
        (tmp_path / name).write_bytes(b"not a model")
    with pytest.raises(SpeechError, match="SHA-256"):
        verify(tmp_path, "0" * 64, use_marker=False)
    with pytest.raises(SpeechError, match="lacks"):
        verify(tmp_path / "nowhere", "0" * 64)
    with pytest.raises(SpeechError, match="not a folder"):
        locate_whisper_model(tmp_path / "missing")


@pytest.mark.skipif(not HAS_FLITE, reason="flite is not installed (apt-get install flite)")
def test_sphinx_spotter_hears_a_person_request_mid_sentence(flows_dir: Path) -> None:
    pytest.importorskip("pocketsphinx", reason="pocketsphinx is not installed")
    from app.audio.codec import frames
    from app.audio.stt.factory import build_spotter

    spotter = build_spotter(load_flows(flows_dir))
    pcm = flite("Can I please just talk to a real person about my bill?", "kal")
    hits = []
    for index, frame in enumerate(frames(pcm)):
        if phrase := spotter.accept(frame):
            hits.append((index, spotter.spotted(phrase)))
    spotter.finish()
    assert hits and hits[0][1].category == "human_request"
    assert hits[0][0] * 20 < len(pcm) / 16  # heard before the sentence ended
    quiet = [spotter.accept(f) for f in frames(flite("Could I come in some morning next Tuesday?", "kal"))]
    assert not any(quiet)


def test_openai_backend_against_the_stand_in(flows_dir: Path) -> None:
    from app.audio.stt.factory import build_transcriber
    from app.config import Settings

    flows = load_flows(flows_dir)
    with OpenAIAudioStandIn() as standin:
        settings = Settings(stt_backend="openai", openai_api_key="sk-test", openai_base_url=standin.base_url)
        transcriber = build_transcriber(flows, settings)
        standin.transcribe = lambda audio, fields: "I need to reschedule"
        result = transcriber.transcribe(noise_pcm(), language_hint="en-US")
        assert result.text == "I need to reschedule" and result.language == "en"
        assert 0.8 < result.confidence < 1.0  # exp(-0.1) from the stand-in's logprobs
        sent = standin.requests[-1]
        assert sent["model"] == "gpt-4o-mini-transcribe" and "Bright Smile Dental" in sent["prompt"]
        assert sent["file"][:4] == b"RIFF" and sent["language"] == "en"
        before = len(standin.requests)
        assert transcriber.transcribe(b"\x00\x00" * 4000).empty  # silence never leaves the machine
        assert len(standin.requests) == before
        standin.inject(503, times=5)
        with pytest.raises(SpeechError, match="openai"):
            transcriber.transcribe(noise_pcm())


def test_openai_backend_with_a_bad_key_raises_speech_error() -> None:
    with OpenAIAudioStandIn() as standin:
        transcriber = OpenAITranscriber(api_key="wrong", base_url=standin.base_url)
        with pytest.raises(SpeechError, match="AuthenticationError"):
            transcriber.transcribe(noise_pcm())


def test_unknown_backend_is_a_speech_error(flows_dir: Path) -> None:
    from app.audio.stt.factory import build_transcriber
    from app.config import Settings

    with pytest.raises(SpeechError, match="FRONTDESK_STT"):
        build_transcriber(load_flows(flows_dir), Settings(stt_backend="nonsense"))


@pytest.mark.skipif(not HAS_FLITE, reason="flite is not installed (apt-get install flite)")
def test_sphinx_transcriber_gives_words_for_speech_and_nothing_for_silence() -> None:
    pytest.importorskip("pocketsphinx", reason="pocketsphinx is not installed")
    from app.audio.stt.sphinx_stt import SphinxTranscriber

    transcriber = SphinxTranscriber()
    assert transcriber.transcribe(b"\x00\x00" * 8000).empty
    result = transcriber.transcribe(flite("Thank you, goodbye.", "kal"))
    assert result.backend == "pocketsphinx" and 0.0 <= result.confidence <= 1.0
    assert not any(ch in result.text for ch in "<>[]()")  # fillers and alternates are stripped
