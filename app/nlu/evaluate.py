"""Operators' check of call-type detection on labeled utterances: precision, recall, scope, confusion."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from app.engine.understanding import OUT_OF_SCOPE


class LabeledFileError(ValueError):
    """A labeled file line is not {"text", "intent"}; the message names the file and the line."""


def read_labeled(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs from JSON lines; blank lines are skipped."""
    pairs = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, intent = item["text"], item["intent"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise LabeledFileError(f'{path}:{number}: expected {{"text": ..., "intent": ...}}, got {line[:80]!r}') from None
        pairs.append((str(text), str(intent)))
    if not pairs:
        raise LabeledFileError(f"{path}: no labeled utterances; write one JSON object per line")
    return pairs


@dataclass
class Report:
    total: int
    in_scope_accuracy: float | None
    out_of_scope_recall: float | None
    per_call_type: dict[str, dict[str, float | int]]
    confusion: dict[str, dict[str, int]]
    unknown_labels: list[str]

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def evaluate(pairs: Sequence[tuple[str, str]], predicted: Sequence[str], call_types: Iterable[str]) -> Report:
    """Score predictions against gold labels; labels not in the flows are reported, counted as in scope."""
    known = set(call_types)
    confusion: dict[str, Counter] = defaultdict(Counter)
    for (_, gold), pred in zip(pairs, predicted):
        confusion[gold][pred] += 1
    labels = sorted(known | {g for g, _ in confusion.items()} | {p for c in confusion.values() for p in c})
    per: dict[str, dict[str, float | int]] = {}
    for label in labels:
        tp = confusion[label][label]
        support = sum(confusion[label].values())
        predicted_n = sum(c[label] for c in confusion.values())
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": support}
    in_scope = [(g, p) for (_, g), p in zip(pairs, predicted) if g != OUT_OF_SCOPE]
    oos = [p for (_, g), p in zip(pairs, predicted) if g == OUT_OF_SCOPE]
    return Report(
        total=len(pairs),
        in_scope_accuracy=round(sum(g == p for g, p in in_scope) / len(in_scope), 4) if in_scope else None,
        out_of_scope_recall=round(sum(p == OUT_OF_SCOPE for p in oos) / len(oos), 4) if oos else None,
        per_call_type=per,
        confusion={g: dict(c) for g, c in sorted(confusion.items())},
        unknown_labels=sorted({g for _, g in pairs} - known - {OUT_OF_SCOPE}),
    )


def render(report: Report) -> str:
    """The report as plain text for a terminal."""
    pct = lambda v: "n/a" if v is None else f"{v:.1%}"  # noqa: E731
    lines = [f"{report.total} labeled utterances",
             f"in-scope accuracy: {pct(report.in_scope_accuracy)}",
             f"out-of-scope recall: {pct(report.out_of_scope_recall)}", "",
             f"{'call type':<28}{'precision':>10}{'recall':>9}{'f1':>7}{'support':>9}"]
    for label, m in report.per_call_type.items():
        lines.append(f"{label:<28}{m['precision']:>10.1%}{m['recall']:>9.1%}{m['f1']:>7.2f}{m['support']:>9}")
    mistakes = [(g, p, n) for g, row in report.confusion.items() for p, n in row.items() if g != p]
    lines += ["", "confusions (gold -> predicted: count):"]
    lines += [f"  {g} -> {p}: {n}" for g, p, n in sorted(mistakes, key=lambda x: -x[2])] or ["  none"]
    if report.unknown_labels:
        lines += ["", "labels that are not call types in these flows: " + ", ".join(report.unknown_labels)]
    return "\n".join(lines)
