"""`frontdesk flows validate`: tell operators exactly what is wrong in their flows, and where."""
from __future__ import annotations

from pathlib import Path

import click

from app.config import PROJECT_ROOT
from app.flows.loader import FlowsReport, check_flows


@click.group()
def flows() -> None:
    """Work with the operator's flows (business, staff, escalation, knowledge, call types)."""


@flows.command("validate")
@click.argument("directory", required=False, type=click.Path(path_type=Path), envvar="FRONTDESK_FLOWS",
                default=PROJECT_ROOT / "flows")
@click.option("--call-types", "call_types_dir", type=click.Path(path_type=Path), default=None,
              help="Read call types from this folder instead of DIRECTORY/call_types.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any problem).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors and the summary only, not warnings.")
def validate(directory: Path, call_types_dir: Path | None, strict: bool, quiet: bool) -> None:
    """Check the flows in DIRECTORY; print each problem as file:line: message; exit 1 on errors."""
    report = check_flows(directory, call_types_dir)
    for problem in report.problems:
        if problem.is_error:
            click.secho(problem.render(), fg="red")
        elif not quiet:
            click.secho(problem.render(), fg="yellow")
    click.echo(summary(report))
    if report.errors or (strict and report.warnings):
        raise SystemExit(1)


def summary(report: FlowsReport) -> str:
    """One line: valid or not, with counts of errors and warnings."""
    errors, warnings = len(report.errors), len(report.warnings)
    counts = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if report.flows is None:
        return f"{report.directory}: not valid ({counts}); fix the lines above and run `frontdesk flows validate` again"
    flows = report.flows
    contents = f"{len(flows.call_types)} call types, {len(flows.staff.targets)} transfer targets, {len(flows.staff.staff)} staff"
    return f"{report.directory}: valid ({contents}; {counts})"
