"""Rules alone vs rules + semantic layer on the escalation sets; threshold tuning on the tuning set only.

Run: python -m bench.escalation_semantic [--misses] [--tune] [--cache var/models]
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from app.engine.escalation import build_escalation_detector, normalize_text
from app.flows.loader import load_flows
from app.nlu.encoder import load_sentence_encoder
from app.nlu.semantic_escalation import SemanticEscalationDetector, load_exemplars
from app.nlu.sentiment import VaderSentimentScorer
from bench.escalation import (
    DEFAULT_DATA,
    ROOT,
    evaluate,
    policy_phrases,
    read_rows,
    report,
)

TUNING = DEFAULT_DATA[0]


def tune(rows: list[dict], detector: SemanticEscalationDetector) -> None:
    """Grid of threshold x margin on the tuning set: semantic-only recall and false escalations."""
    scored = [(row, None if detector.rules.is_question_about_bot(row["text"], row.get("language", "en"))
               else detector.score(row["text"])) for row in rows]
    print(f"\n== tuning grid on {TUNING.name} (semantic layer alone, rules ignored; bot questions skipped)")
    print(f"{'lang':>5}{'threshold':>10}{'margin':>8}{'recall':>9}{'false':>8}")
    for language in ("en", "es"):
        subset = [(row, found) for row, found in scored if row.get("language", "en") == language]
        negatives = sum(1 for row, _ in subset if row["category"] == "none")
        positives = len(subset) - negatives
        for threshold in np.arange(0.45, 0.86, 0.05):
            for margin in (0.0, 0.04, 0.08, 0.12):
                detector.thresholds, detector.margin = {language: float(threshold)}, margin
                right = false = 0
                for row, found in subset:
                    hit = detector.decide(found, language)
                    if row["category"] == "none":
                        false += hit is not None
                    elif hit is not None and hit.category == row["category"]:
                        right += 1
                print(f"{language:>5}{threshold:>10.2f}{margin:>8.2f}{right / positives:>9.1%}{false:>5}/{negatives}")


def exemplar_overlap(paths: Iterable[Path]) -> int:
    """Exemplars identical (after normalising) to any benchmark utterance; must be zero."""
    texts = {normalize_text(row["text"]) for path in paths if path.exists() for row in read_rows(path)}
    return sum(1 for e in load_exemplars() if normalize_text(e.text) in texts)


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", default=str(ROOT / "flows"))
    parser.add_argument("--cache", default=str(ROOT / "var/models"))
    parser.add_argument("--data", nargs="*", default=[str(p) for p in DEFAULT_DATA])
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--tune", action="store_true", help="print the threshold grid on the tuning set")
    args = parser.parse_args(list(argv) if argv is not None else None)
    flows = load_flows(args.flows)
    rules = build_escalation_detector(flows.escalation)
    start = time.perf_counter()
    encoder = load_sentence_encoder(Path(args.cache))
    if encoder is None:
        raise SystemExit("sentence encoder not available here (see app/nlu/encoder.py)")
    semantic = SemanticEscalationDetector(rules, encoder)
    print(f"encoder + {len(semantic.exemplars)} exemplars ready in {(time.perf_counter() - start) * 1000:.0f} ms; "
          f"thresholds {semantic.thresholds}, margin {semantic.margin}")
    print(f"exemplars identical to a benchmark utterance: {exemplar_overlap(map(Path, args.data))}")
    scorer = VaderSentimentScorer()
    trigger = flows.escalation.triggers.get("negative_sentiment")
    threshold = trigger.threshold if trigger and trigger.threshold is not None else -0.6
    phrases = policy_phrases(flows.escalation)
    for path in map(Path, args.data):
        rows = read_rows(path)
        for name, detector in (("rules", rules), ("rules + semantic", semantic)):
            report(f"{path.name} [{name}]", rows, evaluate(rows, detector, scorer, threshold), phrases,
                   threshold, args.misses and name != "rules")
    if args.tune:
        tune(read_rows(TUNING), SemanticEscalationDetector(rules, encoder, semantic.exemplars))


if __name__ == "__main__":
    main()
