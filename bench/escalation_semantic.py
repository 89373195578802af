"""Rules alone vs rules + semantic layer on the escalation sets; thresholds are tuned on the dev sets only.

Run: python -m bench.escalation_semantic [--misses] [--tune] [--cache var/models]

The semantic layer only speaks when the rules are silent. The rules catch nearly every dev
utterance (they were written against them), so --tune scores the layer as if the rules were
absent on the dev escalations (how much of each category it recognises on its own) against the
dev look-alikes the rules leave alone (the false escalations it would add), per category and threshold.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from app.engine.escalation import build_escalation_detector, normalize_text
from app.flows.loader import load_flows
from app.flows.schema import ALWAYS_ESCALATE
from app.nlu.encoder import load_sentence_encoder
from app.nlu.factory import ordinary_requests, staff_names
from app.nlu.intents import flows_examples
from app.nlu.semantic_escalation import (
    SemanticEscalationDetector,
    Thresholds,
    load_exemplars,
)
from app.nlu.sentiment import VaderSentimentScorer
from bench.escalation import (
    DEFAULT_DATA,
    DEV_DATA,
    HELD_OUT_DATA,
    ROOT,
    evaluate,
    policy_phrases,
    read_rows,
    report,
)

GRID = np.round(np.arange(0.45, 0.81, 0.05), 2)


def scored(rows: list[dict], detector: SemanticEscalationDetector) -> list[tuple[dict, object]]:
    """Every dev escalation, and the dev look-alikes the rules leave alone, with their semantic scores."""
    found = []
    for row in rows:
        language = row.get("language", "en")
        if row["category"] == "none" and detector.rules.detect(row["text"], language) is not None:
            continue
        silent = detector.rules.is_question_about_bot(row["text"], language) or detector._declined(row["text"], language)
        found.append((row, None if silent else detector.score(row["text"])))
    return found


def tune(rows: list[dict], detector: SemanticEscalationDetector) -> None:
    """Per category and threshold: escalations recognised alone and false escalations added, per margin."""
    found = scored(rows, detector)
    totals = Counter(row["category"] for row, _ in found)
    print(f"\n== tuning on the dev sets: {dict(totals)} (none = look-alikes the rules leave alone)")
    for margin in (0.05, 0.10, 0.15):
        print(f"margin {margin:.2f}: per threshold, recognised/total and (false escalations) for each category")
        print(f"{'category':<15}" + "".join(f"{t:>11.2f}" for t in GRID))
        for category in ALWAYS_ESCALATE:
            cells = []
            for threshold in GRID:
                detector.thresholds = Thresholds(1.0, {category: float(threshold)}, 0.10, margin)
                right = false = 0
                for row, score in found:
                    hit = detector.decide(score, row.get("language", "en"))
                    if hit is not None and hit.category == category:
                        false += row["category"] == "none"
                        right += row["category"] == category
                cells.append(f"{right}/{totals[category]} ({false})")
            print(f"{category:<15}" + "".join(f"{c:>11}" for c in cells))


def exemplar_overlap(paths: Iterable[Path]) -> int:
    """Exemplars identical (after normalising) to any benchmark utterance; must be zero."""
    texts = {normalize_text(row["text"]) for path in paths if path.exists() for row in read_rows(path)}
    return sum(1 for e in load_exemplars() if normalize_text(e.text) in texts)


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", default=str(ROOT / "flows"))
    parser.add_argument("--cache", default=str(ROOT / "var/models"))
    parser.add_argument("--data", nargs="*", default=[str(p) for p in DEFAULT_DATA])
    parser.add_argument("--misses", action="store_true", help="list misses and false escalations (dev sets only)")
    parser.add_argument("--tune", action="store_true", help="print the threshold grid on the dev sets")
    args = parser.parse_args(list(argv) if argv is not None else None)
    flows = load_flows(args.flows)
    rules = build_escalation_detector(flows.escalation, people=staff_names(flows))
    start = time.perf_counter()
    encoder = load_sentence_encoder(Path(args.cache))
    if encoder is None:
        raise SystemExit("sentence encoder not available here (see app/nlu/encoder.py)")
    semantic = SemanticEscalationDetector(rules, encoder, background=ordinary_requests(flows, flows_examples))
    print(f"encoder + {len(semantic.exemplars)} exemplars (with the flows' ordinary requests) ready in "
          f"{(time.perf_counter() - start) * 1000:.0f} ms; {semantic.thresholds}")
    print(f"exemplars identical to a benchmark utterance: {exemplar_overlap(map(Path, args.data))}")
    scorer = VaderSentimentScorer()
    trigger = flows.escalation.triggers.get("negative_sentiment")
    threshold = trigger.threshold if trigger and trigger.threshold is not None else -0.6
    phrases = policy_phrases(flows.escalation)
    for path in map(Path, args.data):
        rows = read_rows(path)
        held_out = path.resolve() in HELD_OUT_DATA
        for name, detector in (("rules", rules), ("rules + semantic", semantic)):
            report(f"{path.name} [{name}{', held out' if held_out else ''}]", rows,
                   evaluate(rows, detector, scorer, threshold), phrases, threshold,
                   args.misses and name != "rules" and not held_out)
    if args.tune:
        dev = [row for path in DEV_DATA for row in read_rows(path)]
        tune(dev, semantic)


if __name__ == "__main__":
    main()
