"""`frontdesk flows validate`: one line per problem, a summary, and the exit code operators script on."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
from click.testing import CliRunner

from app.cli.flows import flows


def run(*args: str):
    return CliRunner().invoke(flows, ["validate", *args])


def copy_of(flows_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "flows"
    shutil.copytree(flows_dir, target)
    return target


def test_is_a_click_group_with_validate():
    assert isinstance(flows, click.Group) and "validate" in flows.commands


def test_shipped_flows_are_valid(flows_dir: Path):
    result = run(str(flows_dir))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].endswith("valid (5 call types, 5 transfer targets, 5 staff; 0 errors, 0 warnings)")


def test_broken_flows_print_file_line_and_exit_1(flows_dir: Path, tmp_path: Path):
    root = copy_of(flows_dir, tmp_path)
    text = (root / "escalation.yaml").read_text()
    (root / "escalation.yaml").write_text(text.replace("target: clinical", "target: clinicl", 1))
    hours = (root / "business.yaml").read_text()
    (root / "business.yaml").write_text(hours.replace('monday: ["08:00-17:00"]', 'monday: ["8-17"]', 1))
    result = run(str(root))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert re.match(rf"^{re.escape(str(root))}/business\.yaml:7: 'hours.monday\[0\]': '8-17' is not", lines[0])
    line = text.count("\n", 0, text.index("target: clinical")) + 1
    assert re.match(rf"^{re.escape(str(root))}/escalation\.yaml:{line}: category safety: target 'clinicl'", lines[1])
    assert re.search(r"not valid \(\d+ errors, 0 warnings\)", lines[-1])


def test_relative_paths_are_printed_as_given(flows_dir: Path, tmp_path: Path, monkeypatch):
    root = copy_of(flows_dir, tmp_path)
    (root / "staff.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    result = run("flows")
    assert result.exit_code == 1
    assert result.output.startswith("flows/staff.yaml:1: file not found")


def test_warnings_do_not_fail_unless_strict(flows_dir: Path, tmp_path: Path):
    root = copy_of(flows_dir, tmp_path)
    path = root / "call_types" / "cancel_appointment.yaml"
    path.write_text(path.read_text().replace("  - I'd like to call off my checkup", "  - I'd like to book a cleaning"))
    result = run(str(root))
    assert result.exit_code == 0, result.output
    assert ": warning: example 'I'd like to book a cleaning'" in result.output
    assert "valid (" in result.output and "1 warning)" in result.output
    assert run(str(root), "--strict").exit_code == 1
    assert "warning:" not in run(str(root), "--quiet").output


def test_separate_call_types_folder(flows_dir: Path, tmp_path: Path):
    other = tmp_path / "types"
    other.mkdir()
    (other / "pay_bill.yaml").write_text("name: pay_bill\ndescription: pay a bill\nexamples: [I want to pay my bill]\nhandoff: office_managr\n")
    result = run(str(flows_dir), "--call-types", str(other))
    assert result.exit_code == 1
    assert f"{other}/pay_bill.yaml:4: handoff: target 'office_managr'" in result.output
    (other / "pay_bill.yaml").write_text("name: pay_bill\ndescription: pay a bill\nexamples: [I want to pay my bill]\nhandoff: office_manager\n")
    result = run(str(flows_dir), "--call-types", str(other))
    assert result.exit_code == 0 and "valid (1 call types" in result.output


def test_missing_folder(tmp_path: Path):
    result = run(str(tmp_path / "nowhere"))
    assert result.exit_code == 1 and "is not a folder" in result.output
