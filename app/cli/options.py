"""Options shared by several commands."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from app.config import PROJECT_ROOT

flows_option = click.option(
    "--flows", "flows_dir", type=click.Path(file_okay=False, path_type=Path), default=PROJECT_ROOT / "flows",
    show_default=True, help="The flows folder (business, staff, escalation, knowledge, call_types/).",
)


def parse_at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO time; write e.g. 2026-11-24T10:30:00-05:00") from None
    if moment.tzinfo is None:
        raise click.BadParameter(f"{value!r} has no UTC offset; write e.g. 2026-11-24T10:30:00-05:00")
    return moment
