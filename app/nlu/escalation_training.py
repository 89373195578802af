"""Labelled caller utterances the escalation classifier learns from, beyond the hand-written exemplars.

The exemplar file holds about a thousand meanings written by hand; the development sets of the
escalation benchmark hold a few thousand more real-sounding utterances (paraphrases, transcription
errors, Spanish, look-alikes). Shipping them as training data lets the classifier learn the
boundary from far more examples than rules or exemplars can spell out. The file is built by
`python -m bench.escalation_training` from the development sets only.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from app.flows.schema import ALWAYS_ESCALATE

log = logging.getLogger(__name__)

TRAINING_PATH = Path(__file__).with_name("data") / "escalation_training.jsonl"
LABELS = (*ALWAYS_ESCALATE, "none")


@dataclass(frozen=True)
class TrainingRow:
    """One labelled utterance; `source` names the set it came from (folds are grouped by it)."""

    text: str
    category: str
    language: str
    source: str = ""


def read_training_rows(path: Path = TRAINING_PATH) -> list[TrainingRow]:
    """Rows of a JSON-lines file of {"text", "category", "language", "source"}; unknown labels are an error."""
    rows: list[TrainingRow] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        text, category = str(item.get("text") or "").strip(), item.get("category")
        if not text or category not in LABELS:
            raise ValueError(f"{path}:{number}: needs a text and one of {LABELS}, got {category!r}")
        rows.append(TrainingRow(text, category, str(item.get("language") or "en"), str(item.get("source") or "")))
    return rows


def load_training_rows(path: Path = TRAINING_PATH) -> list[TrainingRow]:
    """The shipped rows, or none (with a warning) when the file is missing: exemplars alone still work."""
    if not Path(path).is_file():
        log.warning("escalation training data %s missing; the classifier learns from the exemplars alone", path)
        return []
    return read_training_rows(path)


def write_training_rows(rows: list[TrainingRow], path: Path = TRAINING_PATH) -> None:
    """One JSON object a line, in the order given (stable, so the vector cache key stays the same)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"text": r.text, "category": r.category, "language": r.language, "source": r.source},
                        ensure_ascii=False) for r in rows]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
