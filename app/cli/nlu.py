"""`frontdesk nlu ...`: check how well call types are recognised on an operator's labeled utterances."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from app.cli.options import flows_option


def classify_all(classifier, texts: list[str]) -> list[str]:
    batch = getattr(classifier, "classify_batch", None)
    predictions = batch(texts) if batch else [classifier.classify(t) for t in texts]
    return [p.intent for p in predictions]


@click.group()
def nlu() -> None:
    """Language understanding: evaluate call-type detection."""


@nlu.command("eval")
@flows_option
@click.option("--labeled", "labeled", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True,
              help='JSON lines: {"text": ..., "intent": <call type or out_of_scope>}')
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the report as JSON to this file ('-' for stdout).")
def eval_command(flows_dir: Path, labeled: Path, json_out: Path | None) -> None:
    """Per call type precision and recall, in-scope accuracy, out-of-scope recall and confusions."""
    from app.config import Settings
    from app.flows.loader import load_flows
    from app.nlu.evaluate import LabeledFileError, evaluate, read_labeled, render
    from app.nlu.intents import build_configured_classifier

    try:
        pairs = read_labeled(labeled)
        flows = load_flows(flows_dir)
    except (LabeledFileError, OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    classifier = build_configured_classifier(flows, Settings.from_env())
    report = evaluate(pairs, classify_all(classifier, [t for t, _ in pairs]), flows.call_types)
    if json_out and str(json_out) == "-":
        json.dump(report.as_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    click.echo(render(report))
    if json_out:
        json_out.write_text(json.dumps(report.as_dict(), indent=2), encoding="utf-8")
