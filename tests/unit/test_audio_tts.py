"""Text-to-speech: the prompt cache (hit, miss, keys), flite, openai via the stand-in, fixed prompts."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.audio.errors import SpeechError
from app.audio.tts import CachedSynthesizer, FliteSynthesizer, OpenAISynthesizer, build_synthesizer, cache_key, fixed_prompts
from app.config import Settings
from app.flows.loader import load_flows
from tests.standins.openai_audio import OpenAIAudioStandIn


class Counting:
    """A synthesizer that records what it was asked to render."""

    backend = "fake"

    def __init__(self, voice: str = "v1") -> None:
        self.voice = voice
        self.calls: list[str] = []

    def synthesize(self, text: str) -> bytes:
        self.calls.append(text)
        return b"\x7f" * (10 * len(text))


def test_cache_miss_then_hit_then_hit_from_disk(tmp_path: Path) -> None:
    inner = Counting()
    cache = CachedSynthesizer(inner, tmp_path)
    first = cache.synthesize("Hello there")
    second = cache.synthesize("  Hello   there ")  # same text after whitespace clean-up
    assert first == second and inner.calls == ["Hello there"]
    assert (cache.hits, cache.misses) == (1, 1)
    other_process = CachedSynthesizer(Counting(), tmp_path)  # a new process: memory empty, disk warm
    assert other_process.synthesize("Hello there") == first and other_process.inner.calls == []
    assert cache.path_for("Hello there").suffix == ".ulaw"


def test_cache_key_depends_on_backend_voice_and_variant() -> None:
    base = cache_key("flite", "slt", "Hi")
    assert base == cache_key("flite", "slt", "Hi")
    assert len({base, cache_key("flite", "kal", "Hi"), cache_key("openai", "slt", "Hi"), cache_key("flite", "slt", "Hi", "rate=1.2")}) == 4


def test_warm_cache_renders_each_missing_text_once(tmp_path: Path) -> None:
    inner = Counting()
    cache = CachedSynthesizer(inner, tmp_path)
    assert cache.warm_cache(["One", "Two", "One", ""]) == 2
    assert cache.warm_cache(["One", "Two"]) == 0
    assert sorted(inner.calls) == ["One", "Two"]


def test_an_unwritable_cache_still_speaks(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = CachedSynthesizer(Counting(), blocker / "cache")  # a folder under a file cannot exist
    assert cache.synthesize("Hi") == b"\x7f" * 20


def test_fixed_prompts_are_filled_and_have_no_placeholders(flows_dir: Path) -> None:
    prompts = fixed_prompts(load_flows(flows_dir))
    assert any("Bright Smile Dental" in p for p in prompts)
    assert all("{" not in p for p in prompts)
    assert any("¿" in p for p in prompts)  # the Spanish ones too


@pytest.mark.skipif(not shutil.which("flite"), reason="flite is not installed (apt-get install flite)")
def test_flite_renders_mulaw_at_8k(tmp_path: Path, flows_dir: Path) -> None:
    synth = build_synthesizer(load_flows(flows_dir), Settings(data_dir=tmp_path))
    audio = synth.synthesize("Thanks for calling. How can I help?")
    seconds = len(audio) / 8000
    assert 1.0 < seconds < 5.0
    assert synth.synthesize("") == b""
    assert synth.voice == "slt" and any((tmp_path / "tts-cache").iterdir())
    assert FliteSynthesizer("no-such-voice").voice == "slt"  # a safe fallback, logged


def test_openai_tts_against_the_stand_in(flows_dir: Path, tmp_path: Path) -> None:
    flows = load_flows(flows_dir)
    with OpenAIAudioStandIn() as standin:
        settings = Settings(tts_backend="openai", openai_api_key="sk-test", openai_base_url=standin.base_url, data_dir=tmp_path)
        synth = build_synthesizer(flows, settings)
        audio = synth.synthesize("Thanks for calling Bright Smile Dental.")
        sent = standin.requests[-1]
        assert sent["voice"] == flows.business.voice.openai_voice and sent["response_format"] == "pcm"
        assert flows.business.voice.tone in sent["instructions"]
        expected = 0.06 * len("Thanks for calling Bright Smile Dental.")
        assert abs(len(audio) / 8000 - expected) < 0.05  # 24 kHz PCM became 8 kHz mu-law
        standin.inject(500, times=5)
        assert synth.synthesize("Thanks for calling Bright Smile Dental.") == audio  # cached: no request
        with pytest.raises(SpeechError, match="openai"):
            synth.synthesize("Something new")


def test_unknown_tts_backend(flows_dir: Path) -> None:
    with pytest.raises(SpeechError, match="FRONTDESK_TTS"):
        build_synthesizer(load_flows(flows_dir), Settings(tts_backend="robot"))
    with pytest.raises(SpeechError):
        OpenAISynthesizer(object(), voice="x").synthesize("hi")  # a client without the API
