"""`frontdesk flows validate` explains routing settings that cannot mean what the operator wrote."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from app.flows.loader import check_flows


@pytest.fixture()
def copy(flows_dir, tmp_path) -> Path:
    root = tmp_path / "flows"
    shutil.copytree(flows_dir, root)
    return root


def add_special_hours(root: Path, lines: str) -> None:
    """Add dates under the demo's own `special_hours:` key."""
    path = root / "business.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("special_hours:\n") == 1
    path.write_text(text.replace("special_hours:\n", "special_hours:\n" + lines), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def warnings(root: Path) -> list[str]:
    report = check_flows(root)
    assert report.flows is not None, [p.render() for p in report.problems]
    return [w.render() for w in report.warnings]


def test_the_demo_flows_have_no_routing_warnings(copy) -> None:
    assert warnings(copy) == []


def test_special_hours_load_and_a_date_also_in_the_holiday_lists_is_flagged(copy) -> None:
    add_special_hours(copy, '  2026-12-24: ["08:00-12:00"]\n  2026-07-02: closed\n')
    report = check_flows(copy)
    assert report.flows is not None
    assert report.flows.business.special_hours[date(2026, 7, 2)] == []
    [warning] = warnings(copy)
    assert "business.yaml" in warning and "2026-12-24" in warning and "holidays.closed" in warning


def test_a_bad_range_in_special_hours_is_an_error_on_its_line(copy) -> None:
    add_special_hours(copy, '  2026-12-26: ["12:00-08:00"]\n')
    report = check_flows(copy)
    assert report.flows is None
    [problem] = [p for p in report.problems if "ends before it starts" in p.render()]
    lines = (copy / "business.yaml").read_text(encoding="utf-8").splitlines()
    assert "2026-12-26" in lines[problem.line - 1]


def test_pilot_that_can_never_be_live_is_flagged(copy) -> None:
    append(copy / "call_types" / "running_late.yaml", "pilot:\n  share: 0\n")
    [warning] = warnings(copy)
    assert "running_late.yaml" in warning and "share" in warning


def test_pilot_window_without_days_or_hours_is_flagged(copy) -> None:
    append(copy / "call_types" / "running_late.yaml", "pilot:\n  share: 0.5\n  windows:\n    - days: []\n")
    [warning] = warnings(copy)
    assert "always open" in warning


def test_pilot_on_a_call_type_switched_off_is_flagged(copy) -> None:
    path = copy / "call_types" / "running_late.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("mode: live", "mode: \"off\""), encoding="utf-8")
    append(path, "pilot:\n  share: 0.5\n  outside: shadow\n")
    [warning] = warnings(copy)
    assert "mode off" in warning


def test_pilot_outside_accepts_only_off_or_shadow(copy) -> None:
    append(copy / "call_types" / "running_late.yaml", "pilot:\n  share: 0.5\n  outside: live\n")
    report = check_flows(copy)
    assert report.flows is None and any("outside" in p.render() for p in report.problems)
