"""Embedded text-to-speech with CMU flite (Debian package `flite`): no account, about 10x real time."""
from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import SpeechError
from .base import clean_text, wav_to_mulaw

DEFAULT_VOICE = "slt"
log = logging.getLogger(__name__)


def flite_binary() -> str | None:
    return shutil.which("flite")


def flite_voices(binary: str | None = None) -> list[str]:
    """Voices compiled into the installed flite (`flite -lv`)."""
    binary = binary or flite_binary()
    if not binary:
        return []
    out = subprocess.run([binary, "-lv"], capture_output=True, text=True, timeout=10).stdout
    return out.split(":", 1)[-1].split()


class FliteSynthesizer:
    """Runs the flite command once per text; a voice name or a .flitevox path selects the voice."""

    backend = "flite"

    def __init__(self, voice: str = DEFAULT_VOICE, speaking_rate: float = 1.0, timeout: float = 20.0) -> None:
        self.binary = flite_binary()
        self.voice = voice or DEFAULT_VOICE
        if self.binary and not Path(self.voice).is_file() and self.voice not in flite_voices(self.binary):
            log.warning("flite has no voice %r; using %r", self.voice, DEFAULT_VOICE)
            self.voice = DEFAULT_VOICE
        self.speaking_rate = speaking_rate
        self.timeout = timeout

    def synthesize(self, text: str) -> bytes:
        text = clean_text(text)
        if not text:
            return b""
        if not self.binary:
            raise SpeechError("flite", "the flite program is not installed; run `apt-get install flite`")
        with tempfile.TemporaryDirectory(prefix="frontdesk-flite-") as tmp:
            out = Path(tmp) / "speech.wav"
            command = [self.binary, "-voice", self.voice, "-o", str(out)]
            if self.speaking_rate and abs(self.speaking_rate - 1.0) > 1e-3:
                command += ["--setf", f"duration_stretch={1.0 / self.speaking_rate:.3f}"]
            command += ["-t", text]
            try:
                proc = subprocess.run(command, capture_output=True, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                raise SpeechError("flite", f"took longer than {self.timeout:.0f} s") from None
            if proc.returncode != 0 or not out.exists():
                detail = proc.stderr.decode(errors="replace").strip()[:200]
                raise SpeechError("flite", f"failed with voice {self.voice!r}: {detail or 'no output'}")
            return wav_to_mulaw(out.read_bytes(), "flite")
