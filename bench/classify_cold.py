"""`frontdesk classify` from a cold start on CLINC150: 150 call types x 100 examples, validation on stdin.

Run: python -m bench.classify_cold [--lines N] [--full-export]

Each run gets an empty data folder, so every example vector is computed afresh (the first start of
a new flows folder); a second run on the same folder shows the start with the vectors cached. The
exported ONNX model is copied in from var/models unless --full-export asks for the export as well.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench._clinc import examples_by_intent, load_clinc

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "var" / "models"


def write_call_types(folder: Path, examples: dict[str, list[str]]) -> None:
    """One call-type file per CLINC intent: a name, a description and its training examples."""
    folder.mkdir(parents=True, exist_ok=True)
    for intent, texts in examples.items():
        body = {"name": intent, "description": f"CLINC150 intent {intent.replace('_', ' ')}", "examples": texts}
        (folder / f"{intent}.yaml").write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")


def seed_model(data_dir: Path) -> None:
    """Copy the exported sentence model (not the example vectors) so only encoding is measured."""
    target = data_dir / "models"
    target.mkdir(parents=True, exist_ok=True)
    for onnx in MODELS.glob("*.onnx"):
        shutil.copy2(onnx, target / onnx.name)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_classify(call_types: Path, data_dir: Path, lines: list[str]) -> tuple[float, float, int]:
    """Wall time and CPU time of one `frontdesk classify` process, and the JSON lines it wrote.

    CPU time is printed too because wall time on a shared machine depends on the neighbours.
    """
    env = {**os.environ, "FRONTDESK_DATA": str(data_dir), "FRONTDESK_INTENTS": "embedded"}
    env.pop("OPENAI_API_KEY", None)
    start, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run([sys.executable, "-m", "app.cli", "classify", "--call-types", str(call_types)],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"classify failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, cpu, sum(1 for line in done.stdout.splitlines() if line.startswith("{"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=3100, help="validation utterances sent on stdin")
    parser.add_argument("--full-export", action="store_true", help="start without the exported ONNX model too")
    args = parser.parse_args()
    data = load_clinc()
    examples = examples_by_intent(data)
    lines = ([t for t, _ in data.val] + data.oos_val)[: args.lines]
    with tempfile.TemporaryDirectory(prefix="frontdesk-cold-") as scratch:
        call_types, data_dir = Path(scratch) / "call_types", Path(scratch) / "data"
        write_call_types(call_types, examples)
        if not args.full_export:
            seed_model(data_dir)
        cold, cold_cpu, count = run_classify(call_types, data_dir, lines)
        warm, warm_cpu, _ = run_classify(call_types, data_dir, lines)
    load = os.getloadavg()[0]
    print(f"frontdesk classify, {len(examples)} call types x {len(data.train) // len(examples)} examples, "
          f"{count} utterances on stdin, {os.cpu_count()} cores, load average {load:.1f}")
    print(f"  cold (no cached vectors{', no exported model' if args.full_export else ''}): "
          f"{cold:.1f} s wall, {cold_cpu:.1f} s CPU")
    print(f"  warm (vectors cached by the cold run): {warm:.1f} s wall, {warm_cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
