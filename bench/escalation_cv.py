"""Grouped cross-validation of the semantic escalation layer over the development sets.

Run: python -m bench.escalation_cv [--cache var/models] [--quick] [--try MARGIN:H,S,MI,MH,L ...]

Folds are the dev sets themselves (bench.escalation.DEV_DATA), so near-paraphrases written together
never sit on both sides. For each fold the classifier is trained on the exemplars, the flows'
ordinary requests and (in the "with dev data" arm) the other folds' utterances, and the fold is
scored by a model that never saw it. Per-category thresholds are then chosen on the other folds'
out-of-fold scores and applied to the fold left out, so the printed recall and false-escalation
rates are estimates for unseen utterances. The held-out sets are never read here.

Two views are printed: the layer alone (as if the rules had missed everything), which is the
honest estimate, and rules first with the layer behind them, which flatters the rules: they were
written against every dev set, fold or not.
"""
from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from app.engine.escalation import build_escalation_detector
from app.flows.loader import load_flows
from app.flows.schema import ALWAYS_ESCALATE
from app.nlu.cache import encode_cached
from app.nlu.encoder import load_sentence_encoder
from app.nlu.factory import ordinary_requests, staff_names
from app.nlu.intents import flows_examples
from app.nlu.semantic_escalation import (
    Exemplar,
    SemanticEscalationDetector,
    Thresholds,
    clauses,
    load_exemplars,
    load_thresholds,
)
from bench.escalation import DEV_DATA, FALSE_TARGET, ROOT, read_rows

CATEGORIES = tuple(ALWAYS_ESCALATE)
# Missing a request for a person or an emergency costs most (their targets are 100%).
WEIGHTS = np.array([2.0 if c in ("human_request", "safety") else 1.0 for c in CATEGORIES])
GRID = np.round(np.arange(0.30, 1.001, 0.01), 2)
STRENGTHS = (4.0, 16.0)
BLENDS = (0.0, 0.25, 0.5, 0.75)
MARGINS = (0.05, 0.10, 0.15)
SPANISH_OFFSETS = (0.0, 0.05)
BUDGETS = (0.0, 0.0025, 0.005, 0.01)  # share of the look-alikes the layer may escalate on the folds thresholds are chosen on
LAYER_FALSE = 0.01  # the rules spend most of the 3% false-escalation target; the layer may add about 1%


@dataclass(frozen=True)
class Arm:
    """What the classifier learns from and reads."""

    name: str
    dev_data: bool  # the other folds' utterances join the training examples
    neighbours: bool = False  # ... and the nearest-exemplar pool
    ngrams: bool = False  # character n-grams beside the sentence vector


ARMS = (Arm("exemplars only", False), Arm("exemplars only, n-grams", False, ngrams=True),
        Arm("with dev data", True), Arm("with dev data, n-grams", True, ngrams=True),
        Arm("dev data as neighbours, n-grams", True, neighbours=True, ngrams=True))


class LookupEncoder:
    """Serves precomputed vectors (computed once, cached on disk) so every fold's model reuses them."""

    def __init__(self, encoder, texts: Sequence[str], cache_dir: Path) -> None:
        self.name = encoder.name
        unique = list(dict.fromkeys(texts))
        vectors = encode_cached(encoder, unique, cache_dir)
        self._table = dict(zip(unique, np.asarray(vectors, dtype=np.float32)))
        self._encoder = encoder

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self._table]
        if missing:
            self._table.update(zip(missing, self._encoder.encode(missing)))
        return np.stack([self._table[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


@dataclass
class Facts:
    """What the rules and the layer's guards say about each dev row; the same for every model."""

    rules: np.ndarray  # index of the rules' category, -1 when silent
    silent: np.ndarray  # question about the bot, or a declined request: the layer says nothing
    guard: np.ndarray  # (rows, categories): that category is silenced (look-alike, settled, nobody named)
    label: np.ndarray  # index of the expected category, -1 for none
    spanish: np.ndarray
    group: np.ndarray


def rule_facts(rows: list[dict], layer: SemanticEscalationDetector) -> Facts:
    rules, silent, guard = [], [], []
    for row in rows:
        text, language = row["text"], row.get("language", "en")
        hit = layer.rules.detect(text, language)
        rules.append(CATEGORIES.index(hit.category) if hit is not None else -1)
        silent.append(layer.rules.is_question_about_bot(text, language) or layer._declined(text, language))
        guard.append([layer._excluded(text, c) or layer._settled(text, c, language) or layer._nobody_named(text, c)
                      for c in CATEGORIES])
    return Facts(np.array(rules), np.array(silent), np.array(guard, dtype=bool),
                 np.array([CATEGORIES.index(r["category"]) if r["category"] != "none" else -1 for r in rows]),
                 np.array([r.get("language") == "es" for r in rows]), np.array([r["set"] for r in rows]))


def evidence(layer: SemanticEscalationDetector, texts: Sequence[str]) -> np.ndarray:
    """(rows, categories, 3): nearest-exemplar similarity, nearest ordinary similarity, classifier probability."""
    out = np.zeros((len(texts), len(CATEGORIES), 3), dtype=np.float32)
    for i, text in enumerate(texts):
        found = layer.score(text)
        for k, category in enumerate(CATEGORIES):
            ev = found.categories[category]
            out[i, k] = (ev.similarity, ev.ordinary, ev.probability if ev.probability is not None else 0.0)
    return out


def out_of_fold(rows: list[dict], facts: Facts, groups: list[str], rules, encoder, exemplars: list[Exemplar],
                background: list[str], arm: Arm, thresholds: Thresholds) -> np.ndarray:
    """Every row's evidence from a layer that never saw its fold (without dev data, one layer for all)."""
    thresholds = replace(thresholds, training_neighbours=arm.neighbours, char_ngrams=arm.ngrams)
    if not arm.dev_data:
        layer = SemanticEscalationDetector(rules, encoder, exemplars, thresholds=thresholds,
                                           background=background, training=[])
        return evidence(layer, [r["text"] for r in rows])
    ev = np.zeros((len(rows), len(CATEGORIES), 3), dtype=np.float32)
    for group in groups:
        training = [Exemplar(r["text"], r["category"], r.get("language", "en")) for r in rows if r["set"] != group]
        layer = SemanticEscalationDetector(rules, encoder, exemplars, thresholds=thresholds,
                                           background=background, training=training)
        held = np.flatnonzero(facts.group == group)
        ev[held] = evidence(layer, [rows[i]["text"] for i in held])
    return ev


def values_of(ev: np.ndarray, blend: float, margin: float) -> np.ndarray:
    """The blended score per row and category, as CategoryScore.value computes it."""
    near = np.where(ev[..., 0] - ev[..., 1] >= margin, ev[..., 0], 0.0)
    return blend * near + (1.0 - blend) * ev[..., 2]


def decide(values: np.ndarray, facts: Facts, idx: np.ndarray, limits: np.ndarray, offset: float) -> np.ndarray:
    """The layer's category per row (-1 for none), as SemanticEscalationDetector.detect decides on its own."""
    room = values[idx] - limits[None, :] - np.where(facts.spanish[idx], offset, 0.0)[:, None]
    best = room.argmax(axis=1)
    fired = (room.max(axis=1) >= 0) & ~facts.silent[idx] & ~facts.guard[idx, best]
    return np.where(fired, best, -1)


def choose_thresholds(values: np.ndarray, facts: Facts, idx: np.ndarray, offset: float, budget: float) -> np.ndarray:
    """Per category, thresholds that recall most (weighted) while the look-alikes escalated stay within budget.

    Each category starts at the lowest grid threshold where none of its look-alikes fire; the rest of
    the budget goes, one look-alike at a time, to whichever category gains most weighted recall for it.
    """
    allowed = int(np.floor(budget * np.sum(facts.label[idx] == -1)))
    v = values[idx] - np.where(facts.spanish[idx], offset, 0.0)[:, None]
    lookalike = facts.label[idx] == -1
    curves = []
    for k in range(len(CATEGORIES)):
        usable = ~facts.silent[idx] & ~facts.guard[idx, k]
        neg = np.sort(v[lookalike & usable, k])[::-1]
        pos = v[(facts.label[idx] == k) & usable, k]
        n = max(1, int(np.sum(facts.label[idx] == k)))
        # threshold after spending j look-alikes: just above the (j+1)-th highest look-alike score
        steps = []
        for j in range(allowed + 1):
            limit = float(neg[j]) + 0.005 if j < len(neg) else GRID[0]
            limit = float(GRID[np.searchsorted(GRID, max(limit, GRID[0]))]) if limit <= GRID[-1] else 1.0
            steps.append((limit, float(np.sum(pos >= limit)) / n * WEIGHTS[k]))
        curves.append(steps)
    spent = [0] * len(CATEGORIES)
    for _ in range(allowed):
        gains = [curves[k][spent[k] + 1][1] - curves[k][spent[k]][1] for k in range(len(CATEGORIES))]
        k = int(np.argmax(gains))
        if gains[k] <= 0:
            break
        spent[k] += 1
    return np.array([curves[k][spent[k]][0] for k in range(len(CATEGORIES))])


def tally(got: np.ndarray, facts: Facts, idx: np.ndarray, with_rules: bool) -> tuple[Counter, Counter, int, int]:
    """Hits and totals per category, false escalations and look-alikes, rules first when `with_rules`."""
    label, rules = facts.label[idx], facts.rules[idx]
    final = np.where(rules >= 0, rules, got) if with_rules else got
    hits, totals = Counter(), Counter()
    for k, category in enumerate(CATEGORIES):
        totals[category] = int(np.sum(label == k))
        hits[category] = int(np.sum((label == k) & (final == k)))
    return hits, totals, int(np.sum((label == -1) & (final >= 0))), int(np.sum(label == -1))


def cross_validate(values: np.ndarray, facts: Facts, offset: float, budget: float) -> dict:
    """Thresholds chosen on all folds but one, counted on that one; summed over folds."""
    out = {}
    for mode in (False, True):
        hits, totals, false, negatives = Counter(), Counter(), 0, 0
        for group in dict.fromkeys(facts.group.tolist()):
            inside, outside = np.flatnonzero(facts.group != group), np.flatnonzero(facts.group == group)
            limits = choose_thresholds(values, facts, inside, offset, budget)
            h, t, f, n = tally(decide(values, facts, outside, limits, offset), facts, outside, mode)
            hits.update(h), totals.update(t)
            false, negatives = false + f, negatives + n
        out["rules + layer" if mode else "layer alone"] = (hits, totals, false, negatives)
    return out


def weighted_recall(hits: Counter, totals: Counter) -> float:
    return float(sum(w * hits[c] / totals[c] for c, w in zip(CATEGORIES, WEIGHTS)) / WEIGHTS.sum())


def line(name: str, result: tuple) -> str:
    hits, totals, false, negatives = result
    return (f"{name:<34}" + "".join(f"{hits[c] / totals[c]:>9.1%}" for c in CATEGORIES)
            + f"{false / negatives:>9.1%}  ({false}/{negatives})")


def header() -> str:
    return f"{'':<34}" + "".join(f"{c[:8]:>9}" for c in CATEGORIES) + f"{'false':>9}"


def fixed_settings(text: str, shipped: Thresholds) -> tuple[float, np.ndarray]:
    """'0.15:0.55,0.69,0.75,0.50,0.51' -> margin and one threshold per category (in CATEGORIES order)."""
    margin, _, limits = text.partition(":")
    values = [float(v) for v in limits.split(",")] if limits else [shipped.limit(c, "en") for c in CATEGORIES]
    if len(values) != len(CATEGORIES):
        raise SystemExit(f"--try needs {len(CATEGORIES)} thresholds: {text!r}")
    return float(margin or shipped.margin), np.array(values)


def print_fixed(evidences: dict, facts: Facts, shipped: Thresholds, tried: Sequence[str]) -> None:
    """Out-of-fold figures of the shipped arm with fixed thresholds: the shipped ones and any --try."""
    arm = next(a for a in ARMS if a.dev_data and a.neighbours == shipped.training_neighbours and a.ngrams == shipped.char_ngrams)
    ev = evidences.get((arm, shipped.strength))
    if ev is None:
        return
    print(f"\nfixed thresholds, {arm.name}, strength {shipped.strength:g}, blend {shipped.blend}, "
          f"spanish_offset {shipped.spanish_offset} (out-of-fold scores, thresholds not chosen per fold):")
    print(header())
    for name, text in (("shipped", ""), *((t, t) for t in tried)):
        margin, limits = fixed_settings(text, shipped)
        got = decide(values_of(ev, shipped.blend, margin), facts, np.arange(len(facts.label)), limits, shipped.spanish_offset)
        everything = np.arange(len(facts.label))
        for mode in (False, True):
            print(line(f"   {name[:20]} {'rules + layer' if mode else 'layer alone'}", tally(got, facts, everything, mode)))


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", default=str(ROOT / "flows"))
    parser.add_argument("--cache", default=str(ROOT / "var/models"))
    parser.add_argument("--quick", action="store_true", help="only the shipped strength and class weighting")
    parser.add_argument("--try", dest="tried", nargs="*", default=[],
                        help="also score fixed settings MARGIN:H,S,MI,MH,L with the shipped arm, e.g. 0.15:0.55,0.69,0.75,0.50,0.51")
    args = parser.parse_args(list(argv) if argv is not None else None)
    started = time.perf_counter()
    flows = load_flows(args.flows)
    rules = build_escalation_detector(flows.escalation, people=staff_names(flows))
    real = load_sentence_encoder(Path(args.cache))
    if real is None:
        raise SystemExit("sentence encoder not available here (see app/nlu/encoder.py)")
    rows = [{**row, "set": path.stem} for path in DEV_DATA for row in read_rows(path)]
    exemplars = load_exemplars()
    background = ordinary_requests(flows, flows_examples)
    texts = [e.text for e in exemplars] + background + [t for r in rows for t in clauses(r["text"])]
    encoder = LookupEncoder(real, texts, Path(args.cache))
    base = SemanticEscalationDetector(rules, encoder, exemplars, thresholds=Thresholds(blend=1.0),
                                      background=background, training=[])
    facts = rule_facts(rows, base)
    groups = list(dict.fromkeys(facts.group.tolist()))
    print(f"{len(rows)} dev utterances in {len(groups)} folds ({', '.join(groups)}); "
          f"{len(base.exemplars)} exemplars with ordinary requests; ready in {time.perf_counter() - started:.0f} s")
    shipped = load_thresholds()
    strengths = (shipped.strength,) if args.quick else STRENGTHS
    results, evidences = [], {}
    for strength, arm in itertools.product(strengths, ARMS):
        tick = time.perf_counter()
        ev = out_of_fold(rows, facts, groups, rules, encoder, exemplars, background, arm,
                         Thresholds(blend=0.5, strength=strength))
        evidences[arm, strength] = ev
        for blend, margin, offset, budget in itertools.product(BLENDS + ((1.0,) if arm.neighbours else ()),
                                                               MARGINS, SPANISH_OFFSETS, BUDGETS):
            scores = cross_validate(values_of(ev, blend, margin), facts, offset, budget)
            results.append(((arm, strength, blend, margin, offset, budget), scores))
        print(f"  {arm.name}, strength {strength:g}: scored in {time.perf_counter() - tick:.0f} s", flush=True)

    def rank(item):
        hits, totals, false, negatives = item[1]["layer alone"]
        return (false / negatives <= LAYER_FALSE, weighted_recall(hits, totals), -false)

    print(f"\ncross-validated (thresholds chosen on the other folds), best per arm with the layer alone at <= {LAYER_FALSE:.0%} false:")
    print(header())
    for arm in ARMS:
        (_, strength, blend, margin, offset, budget), scores = max((r for r in results if r[0][0] == arm), key=rank)
        print(f"-- {arm.name}: strength {strength:g}, blend {blend}, margin {margin}, "
              f"spanish_offset {offset}, budget {budget:.2%}")
        for mode, result in scores.items():
            print(line(f"   {mode}", result))
    (arm, strength, blend, margin, offset, budget), _ = max(results, key=rank)
    print(f"\nbest overall: {arm.name}, strength {strength:g}, blend {blend}, margin {margin}, "
          f"spanish_offset {offset}, budget {budget:.2%}; false escalation target {FALSE_TARGET:.0%} in all")
    # thresholds for shipping: chosen on every fold's out-of-fold scores under the best settings
    limits = choose_thresholds(values_of(evidences[arm, strength], blend, margin), facts, np.arange(len(rows)), offset, budget)
    print("thresholds on all folds' out-of-fold scores: " + ", ".join(f"{c} {t:.2f}" for c, t in zip(CATEGORIES, limits)))
    print_fixed(evidences, facts, shipped, args.tried)
    print(f"done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
