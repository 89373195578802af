"""Cost of checked flows loading: line tracking, shape and meaning checks versus a bare load.

python -m bench.flows_load [--types 150] [--examples 100] [--runs 5]

Builds a flows folder with the demo business and N generated call types of M examples each,
then times `check_flows` (YAML with line numbers, shape errors mapped to lines, every meaning
check) against a baseline in the same process: yaml.safe_load + pydantic validation only.
Also times a copy with one broken file per kind of problem, and prints how many were found.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

from app.flows.loader import check_flows
from app.flows.schema import (
    Business,
    CallType,
    EscalationPolicy,
    Flows,
    Knowledge,
    Staff,
)

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("book cancel move appointment bill pay refund order pickup delivery hours price insurance "
         "parking late early visit cleaning filling crown tomorrow friday morning my the a please").split()


def build(folder: Path, types: int, examples: int, seed: int = 7) -> None:
    """The demo business with generated call types (each with slots, confirm and reply)."""
    shutil.copytree(ROOT / "flows", folder, ignore=shutil.ignore_patterns("call_types"))
    (folder / "call_types").mkdir()
    rng = random.Random(seed)
    for i in range(types):
        lines = [f"name: type_{i:03d}", f"description: generated call type {i}", "examples:"]
        lines += [f"  - {' '.join(rng.choice(WORDS) for _ in range(7))} {i}-{j}" for j in range(examples)]
        lines += ["slots:", "  - name: patient_name", "    type: name", "    prompt: {en: Your name?, es: ¿Su nombre?}",
                  "confirm: {en: 'So {patient_name}, right?', es: '¿Entonces {patient_name}?'}",
                  "reply: {en: 'Done, {business}.', es: 'Listo, {business}.'}"]
        (folder / "call_types" / f"type_{i:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def bare_load(folder: Path) -> Flows:
    """Baseline: what loading cost before validation (no lines, no meaning checks)."""
    def read(name: str) -> object:
        return yaml.load((folder / name).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    call_types = {}
    for path in sorted((folder / "call_types").glob("*.yaml")):
        model = CallType.model_validate(read(f"call_types/{path.name}"))
        call_types[model.name] = model
    return Flows(business=Business.model_validate(read("business.yaml")), staff=Staff.model_validate(read("staff.yaml")),
                 escalation=EscalationPolicy.model_validate(read("escalation.yaml")),
                 knowledge=Knowledge.model_validate(read("knowledge.yaml")), call_types=call_types)


def break_copy(folder: Path) -> int:
    """Introduce one problem of each kind the validator must find; return how many were added."""
    edits = [
        ("escalation.yaml", "target: clinical", "target: clinicl"),
        ("staff.yaml", '"+12125550112"', '"+1212555011"'),
        ("business.yaml", 'monday: ["08:00-17:00"]', 'monday: ["8-17"]'),
        ("business.yaml", "timezone: America/New_York", "timezone: America/NewYork"),
        ("call_types/type_001.yaml", "examples:", "exampels:"),
        ("call_types/type_002.yaml", "{patient_name}, right", "{patient_nam}, right"),
        ("call_types/type_003.yaml", "name: type_003", "name: type_three"),
        ("call_types/type_004.yaml", "  - name: patient_name", "\t- name: patient_name"),
    ]
    for name, old, new in edits:
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return len(edits)


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def line(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{label:<34} p50 {statistics.median(samples):8.1f} ms   p95 {p95:8.1f} ms   n={len(samples)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--types", type=int, default=150)
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="flows-bench-") as tmp:
        good, bad = Path(tmp) / "good", Path(tmp) / "bad"
        build(good, args.types, args.examples)
        build(bad, args.types, args.examples)
        planted = break_copy(bad)
        report = check_flows(good)
        assert report.flows is not None, [str(p) for p in report.errors[:5]]
        print(f"flows: demo business + {args.types} call types x {args.examples} examples")
        shipped = timed(lambda: check_flows(ROOT / "flows"), args.runs)
        base = timed(lambda: bare_load(good), args.runs)
        checked = timed(lambda: check_flows(good), args.runs)
        broken = timed(lambda: check_flows(bad), args.runs)
        print(line("shipped flows, checked", shipped))
        print(line("baseline: safe_load + pydantic", base))
        print(line("check_flows (valid)", checked))
        print(line("check_flows (broken copy)", broken))
        print(f"ratio checked / baseline (p50): {statistics.median(checked) / statistics.median(base):.2f}x")
        found = check_flows(bad).errors
        print(f"broken copy: {planted} problems planted, {len(found)} errors reported, "
              f"{len({p.file for p in found})} files named")


if __name__ == "__main__":
    main()
