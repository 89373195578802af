"""Escalation benchmark: recall per category and false escalations on labelled caller utterances.

Run: python -m bench.escalation [--flows flows] [--data bench/data/escalation.jsonl ...] [--misses]

The development sets are the ones rules and thresholds were chosen on; --misses lists their misses.
The held-out sets were written from the category definitions and are only ever scored, never
read for misses (pass --misses-held-out to see them anyway, and then write a new held-out set).
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Iterable

from app.engine.escalation import build_escalation_detector, normalize_text
from app.flows.loader import load_flows
from app.flows.schema import ALWAYS_ESCALATE, EscalationPolicy
from app.nlu.sentiment import VaderSentimentScorer

ROOT = Path(__file__).resolve().parent.parent
DEV_DATA = (
    ROOT / "bench/data/escalation.jsonl",  # the first tuning set
    ROOT / "bench/data/escalation_holdout.jsonl",  # once held out, since used for a general fix round
    ROOT / "bench/data/escalation_dev.jsonl",  # paraphrases, Spanish, look-alikes for the second round
    ROOT / "bench/data/escalation_dev2.jsonl",  # written fresh to measure (then widen) the grammar's reach
    ROOT / "bench/data/escalation_dev3.jsonl",  # 375: paraphrases, STT errors, Spanglish, 167 look-alikes; the classifier round
    ROOT / "bench/data/escalation_dev4.jsonl",  # 153, written after that round's first rule fixes to measure them fresh
    ROOT / "bench/data/escalation_dev5.jsonl",  # 288: medical urgency, home dangers, distress and 128 look-alikes; the triage round
    ROOT / "bench/data/escalation_dev6.jsonl",  # 357: 223 ways of asking for a person (indirect, named staff, STT, Spanglish), 134 look-alikes
    # 294, scored as held out at 95.7/88.1/93.3/93.5/93.5 FP 3.5%, then used for the fourth round
    ROOT / "bench/data/escalation_holdout4.jsonl",
    # 337, scored as held out at 90.4/94.8/86.7/96.7/94.4 FP 10.0%, then used for the fifth round
    ROOT / "bench/data/escalation_holdout5.jsonl",
    # 377, scored as held out at 96.9/95.7/80.0/97.1/95.0 FP 1.9%, then used for the sixth round
    ROOT / "bench/data/escalation_holdout6.jsonl",
    # 371, written from the category definitions alone; rules + layer 95.3/96.2/90.9/97.4/100% before and
    # after the sixth round (3, then 2 false escalations of 132), 95.3/96.2/90.9/97.4/97.4% (2/132) with the
    # training sentences that repeat it left out; then used for the seventh round
    ROOT / "bench/data/escalation_holdout7.jsonl",
    # 359, written from the category definitions alone (favouring run-on, hedged and understated speech);
    # rules + layer 85.7/91.7/76.0/91.4/97.1% (3/109 false) before the seventh round, 88.6/95.0/76.0/91.4/97.1%
    # after it; then used for the eighth round
    ROOT / "bench/data/escalation_holdout8.jsonl",
)
HELD_OUT_DATA = (
    ROOT / "bench/data/escalation_holdout2.jsonl",  # written after the first rule round
    ROOT / "bench/data/escalation_holdout3.jsonl",  # 257 utterances, written before the second round
    # 357, written from the category definitions alone, with more minors and safety; rules + layer
    # 93.8/100/81.7/97.1/100% before and after the eighth round (3, then 2 false escalations of 108)
    ROOT / "bench/data/escalation_holdout9.jsonl",
)
DEFAULT_DATA = DEV_DATA + HELD_OUT_DATA
TARGETS = {"human_request": 1.0, "safety": 1.0, "minors": 0.95, "mental_health": 0.95, "legal": 0.95}
FALSE_TARGET = 0.03


def read_rows(path: Path) -> list[dict]:
    """Labelled utterances: {"text", "category" (or "none"), "language"} per line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if row.get("category") not in (*ALWAYS_ESCALATE, "none"):
                raise SystemExit(f"{path}:{number}: unknown category {row.get('category')!r}")
            rows.append(row)
    return rows


def policy_phrases(policy: EscalationPolicy) -> set[str]:
    """Every operator phrase in the policy file, normalised, to check the data is kept apart."""
    found = set()
    for category in policy.categories.values():
        for phrases in category.match.values():
            found.update(normalize_text(p) for p in phrases.phrases)
    return found


def evaluate(rows: list[dict], detector, scorer, threshold: float) -> dict:
    """Run the detector on final and on partial transcripts; collect recall, errors and latency."""
    hits: Counter = Counter()
    totals: Counter = Counter()
    partial_hits: Counter = Counter()
    false, partial_false, wrong, sentiment_false = [], [], [], []
    misses = []
    latencies = []
    for row in rows:
        expected = row["category"]
        language = row.get("language", "en")
        start = time.perf_counter()
        hit = detector.detect(row["text"], language)
        latencies.append((time.perf_counter() - start) * 1000)
        partial = detector.detect(row["text"], language, partial=True)
        totals[expected] += 1
        if expected == "none":
            if hit is not None:
                false.append((row["text"], hit.category, hit.evidence))
            if partial is not None:
                partial_false.append((row["text"], partial.category, partial.evidence))
            if scorer.score(row["text"]) <= threshold:
                sentiment_false.append(row["text"])
            continue
        if hit is not None and hit.category == expected:
            hits[expected] += 1
        elif hit is not None:
            wrong.append((row["text"], expected, hit.category, hit.evidence))
        else:
            misses.append((row["text"], expected))
        if partial is not None and partial.category == expected:
            partial_hits[expected] += 1
    return {"hits": hits, "totals": totals, "partial_hits": partial_hits, "false": false,
            "partial_false": partial_false, "wrong": wrong, "misses": misses,
            "sentiment_false": sentiment_false, "latencies": latencies}


def report(name: str, rows: list[dict], result: dict, phrases: set[str], threshold: float, show: bool) -> None:
    totals, hits = result["totals"], result["hits"]
    languages = Counter(row.get("language", "en") for row in rows)
    print(f"\n== {name}: {len(rows)} utterances ({', '.join(f'{k} {v}' for k, v in sorted(languages.items()))})")
    print(f"{'category':<15}{'n':>5}{'recall':>9}{'target':>9}{'partial':>9}")
    for category in ALWAYS_ESCALATE:
        n = totals[category]
        if n:
            recall = hits[category] / n
            flag = "ok" if recall >= TARGETS[category] else "BELOW"
            print(f"{category:<15}{n:>5}{recall:>9.1%}{TARGETS[category]:>9.0%}"
                  f"{result['partial_hits'][category] / n:>9.1%}  {flag}")
    negatives = totals["none"]
    false_rate = len(result["false"]) / negatives if negatives else 0.0
    print(f"{'false escalations':<20}{len(result['false'])}/{negatives} = {false_rate:.1%} (target <= {FALSE_TARGET:.0%})"
          f"; on partial transcripts {len(result['partial_false'])}/{negatives}")
    print(f"wrong category: {len(result['wrong'])}; missed: {len(result['misses'])}")
    print(f"negative_sentiment (VADER <= {threshold}) on the non-escalating utterances: "
          f"{len(result['sentiment_false'])}/{negatives}")
    overlap = sum(1 for row in rows if normalize_text(row["text"]) in phrases)
    print(f"utterances identical to a policy phrase: {overlap}")
    lat = sorted(result["latencies"])
    print(f"latency per utterance: p50 {statistics.median(lat):.2f} ms, p95 {lat[int(0.95 * (len(lat) - 1))]:.2f} ms")
    if show:
        for text, expected in result["misses"]:
            print(f"  MISS   [{expected}] {text}")
        for text, expected, got, evidence in result["wrong"]:
            print(f"  WRONG  [{expected} -> {got}] {text}  <- {evidence}")
        for text, got, evidence in result["false"]:
            print(f"  FALSE  [{got}] {text}  <- {evidence}")
        for text in result["sentiment_false"]:
            print(f"  SENTIMENT {text}")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", default=str(ROOT / "flows"))
    parser.add_argument("--data", nargs="*", default=[str(p) for p in DEFAULT_DATA])
    parser.add_argument("--misses", action="store_true", help="list every miss and false escalation (dev sets)")
    parser.add_argument("--misses-held-out", action="store_true", help="list them for the held-out sets too")
    args = parser.parse_args(list(argv) if argv is not None else None)
    start = time.perf_counter()
    flows = load_flows(args.flows)
    detector = build_escalation_detector(flows.escalation)
    scorer = VaderSentimentScorer()
    print(f"policy compiled in {(time.perf_counter() - start) * 1000:.0f} ms ({len(detector.rules)} rules)")
    trigger = flows.escalation.triggers.get("negative_sentiment")
    threshold = trigger.threshold if trigger and trigger.threshold is not None else -0.6
    phrases = policy_phrases(flows.escalation)
    for path in map(Path, args.data):
        if not path.exists():
            print(f"\n== {path.name}: missing")
            continue
        rows = read_rows(path)
        show = args.misses_held_out or (args.misses and path.resolve() not in HELD_OUT_DATA)
        report(path.name, rows, evaluate(rows, detector, scorer, threshold), phrases, threshold, show)


if __name__ == "__main__":
    main()
