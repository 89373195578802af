"""Builds the escalation classifier's training data (app/nlu/data/escalation_training.jsonl) from the dev sets.

Run: python -m bench.escalation_training [--out app/nlu/data/escalation_training.jsonl] [--exclude FILE ...]

Only the development sets (bench.escalation.DEV_DATA) are read for training; the held-out sets are
never training data. An utterance already among the exemplars is left out (the classifier sees it
there), repeats are kept once, and an utterance labelled differently in two sets is dropped.
`--exclude` drops dev utterances identical to any utterance of the given sets (only a count is
printed), so a set written later can stay unseen even where it repeats a dev sentence word for word.
The shipped file is built with the held-out sets excluded (tests/unit/test_semantic_escalation.py
checks that no held-out utterance is trained on):

    python -m bench.escalation_training --exclude bench/data/escalation_holdout2.jsonl \
        bench/data/escalation_holdout3.jsonl bench/data/escalation_holdout9.jsonl
"""
from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.engine.escalation import normalize_text
from app.nlu.escalation_training import TRAINING_PATH, TrainingRow, write_training_rows
from app.nlu.semantic_escalation import load_exemplars
from bench.escalation import DEV_DATA, read_rows


def training_rows(paths: Sequence[Path] = DEV_DATA, exemplar_texts: Iterable[str] | None = None,
                  exclude: Sequence[Path] = ()) -> list[TrainingRow]:
    """The dev sets' utterances, deduplicated, without exemplars, without conflicting labels and
    without any utterance of the `exclude` sets."""
    if exemplar_texts is None:
        exemplar_texts = (e.text for e in load_exemplars())
    known = {normalize_text(t) for t in exemplar_texts}
    known |= {normalize_text(row["text"]) for path in exclude for row in read_rows(Path(path))}
    chosen: dict[str, TrainingRow] = {}
    conflicting: set[str] = set()
    for path in paths:
        for row in read_rows(Path(path)):
            key = normalize_text(row["text"])
            if not key or key in known:
                continue
            if key in chosen and chosen[key].category != row["category"]:
                conflicting.add(key)
            chosen.setdefault(key, TrainingRow(row["text"].strip(), row["category"],
                                               row.get("language", "en"), Path(path).stem))
    return [row for key, row in chosen.items() if key not in conflicting]


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(TRAINING_PATH))
    parser.add_argument("--exclude", nargs="*", default=[], help="sets whose utterances must not be trained on")
    args = parser.parse_args(list(argv) if argv is not None else None)
    everything = training_rows()
    rows = training_rows(exclude=[Path(p) for p in args.exclude]) if args.exclude else everything
    write_training_rows(rows, Path(args.out))
    print(f"{len(rows)} training utterances from {len(DEV_DATA)} dev sets -> {args.out}"
          + (f" ({len(everything) - len(rows)} left out as repeats of the excluded sets)" if args.exclude else ""))
    print("by category: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.category for r in rows).items())))
    print("by language: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r.language for r in rows).items())))


if __name__ == "__main__":
    main()
