"""Checking never crashes: randomly damaged copies of the demo flows always give located problems."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from app.flows.loader import check_flows

ODD_VALUES = ["", "~", "[]", "{}", "123", "yes", "[1, [2]]", "{a: 1}", "2026-13-45", '"{nope}"', "12:30", "*a", "!!binary aGk="]


def damage(root: Path, rng: random.Random) -> None:
    """One to three edits: delete, repeat or re-indent a line, add a tab, or swap a value for an odd one."""
    files = sorted(root.rglob("*.yaml"))
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(files)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        k = rng.randrange(len(lines))
        op = rng.randrange(6)
        if op == 0:
            del lines[k]
        elif op == 1:
            lines.insert(k, lines[k])
        elif op == 2:
            lines[k] = "\t" + lines[k].lstrip(" ")
        elif op == 3:
            lines[k] = " " + lines[k]
        else:
            lines[k] = re.sub(r":\s*\S.*$", ": " + rng.choice(ODD_VALUES), lines[k].rstrip("\n")) + "\n"
        path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize("seed", range(40))
def test_damaged_flows_give_located_problems(seed: int, tmp_path: Path, flows_dir: Path):
    root = tmp_path / "flows"
    shutil.copytree(flows_dir, root)
    damage(root, random.Random(seed))
    report = check_flows(root)  # must not raise, whatever the damage
    for problem in report.problems:
        path = Path(problem.file)
        last_line = max(1, len(path.read_text(encoding="utf-8").splitlines())) if path.is_file() else 1
        assert 1 <= problem.line <= last_line, problem
        assert problem.message.strip()
    assert (report.flows is None) == bool(report.errors)
