"""Building the long-lived objects a process needs (flows, engine) from settings, once."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from app.config import Settings
from app.engine.engine import CallEngine
from app.flows.schema import Flows


def load_flows_checked(directory: Path, call_types_dir: Path | None = None) -> Flows:
    """Load and validate; raise FlowsError listing every problem (file:line: what and how to fix)."""
    from app.flows.loader import load_flows

    return load_flows(directory, call_types_dir)


def load_flows_or_exit(directory: Path, call_types_dir: Path | None = None) -> Flows:
    """For commands: on invalid flows print every problem and exit 1, never a traceback."""
    try:
        return load_flows_checked(directory, call_types_dir)
    except Exception as exc:  # FlowsError and anything unexpected from a broken folder
        click.secho(f"The flows in {directory} are not valid:", fg="red", err=True)
        click.echo(str(exc), err=True)
        sys.exit(1)


def build_engine(flows: Flows, settings: Settings | None = None) -> CallEngine:
    from app.nlu.factory import build_understanding

    return CallEngine(flows, build_understanding(flows, settings or Settings()))
