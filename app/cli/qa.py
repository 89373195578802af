"""`frontdesk qa run`: scripted conversations; a non-zero exit when any of them fails."""
from __future__ import annotations

import json
from pathlib import Path

import click

from app.qa.runner import run_paths, summarize
from app.qa.scenario import find_scenario_files
from app.services import build_engine, load_flows_or_exit

from .options import flows_option


@click.group()
def qa() -> None:
    """Quality checks operators run before and after changing the flows."""


@qa.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@flows_option
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the full report as JSON to this file ('-' for stdout).")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary.")
def run(paths: tuple[Path, ...], flows_dir: Path, json_out: Path | None, quiet: bool) -> None:
    """Run the scenarios in PATHS (files or folders of YAML) against the flows."""
    flows = load_flows_or_exit(flows_dir)
    engine = build_engine(flows)
    files = find_scenario_files(list(paths))
    results, errors = run_paths(engine, files)
    for error in errors:
        click.secho(f"ERROR {error}", fg="red", err=True)
    for result in results:
        if result.passed and not quiet:
            click.secho(f"PASS {result.name}", fg="green")
        elif not result.passed:
            click.secho(f"FAIL {result.name} ({result.file})", fg="red")
            for failure in result.failures:
                click.echo(f"     {failure}")
    report = summarize(results)
    if json_out is not None:
        text = json.dumps(report, indent=2, ensure_ascii=False)
        click.echo(text) if str(json_out) == "-" else json_out.write_text(text + "\n", encoding="utf-8")
    click.echo(f"{report['passed']} passed, {report['failed']} failed" + (f", {len(errors)} unreadable files" if errors else ""))
    if report["failed"] or errors or not results:
        raise SystemExit(1)
