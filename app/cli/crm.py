"""`frontdesk crm ...`: the pre-go-live data audit, CSV import, and retrying a parked summary."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _context(region: str = "US"):
    from app.config import Settings
    from app.integrations.crm.factory import build_crm
    from app.storage.database import Database

    settings = Settings.from_env()
    db = Database(settings.sql_url)
    return settings, db, build_crm(settings, db)


@click.group("crm")
def crm() -> None:
    """The CRM: data hygiene audit, contact import, summary retries."""


@crm.command("audit")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--region", default="US", show_default=True, help="Region for numbers written without +country.")
def audit(as_json: bool, region: str) -> None:
    """Check contacts before go-live; exits 1 when the checklist fails."""
    from app.integrations.crm.audit import audit_contacts, render_text
    from app.integrations.crm.base import CrmError

    _, _, adapter = _context(region)
    try:
        raw = adapter.raw_phones() if hasattr(adapter, "raw_phones") else None
        report = audit_contacts(adapter.iter_contacts(), region=region, raw_phones=raw)
    except CrmError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report.to_dict(), indent=2, default=str) if as_json else render_text(report))
    sys.exit(0 if report.passed else 1)


@crm.command("import")
@click.argument("csv_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--region", default="US", show_default=True, help="Region for numbers written without +country.")
def import_csv(csv_path: Path, region: str) -> None:
    """Import contacts into the built-in CRM from CSV_PATH (header row with name, phone, email, ...)."""
    from app.integrations.crm.csv_import import import_contacts

    _, db, _ = _context(region)
    try:
        report = import_contacts(db, csv_path, region=region)
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{csv_path}: {exc}") from exc
    click.echo(f"{csv_path}: {report.created} created, {report.updated} updated")
    if report.unparsed_phones:
        click.echo(f"  phone numbers that do not parse on lines: {report.unparsed_phones[:20]}")
    for err in report.errors[:20]:
        click.echo(f"  {err}")


@crm.command("retry")
@click.argument("call_sid")
def retry(call_sid: str) -> None:
    """Queue a failed call summary again (what the staff screen's retry button does)."""
    import redis

    from workers.queues import SUMMARIES, make_queue
    from workers.reconcile import retry_failed

    settings, db, _ = _context()
    queue = make_queue(redis.Redis.from_url(settings.redis_url), SUMMARIES, settings.redis_namespace)
    if not retry_failed(db, queue, call_sid):
        raise click.ClickException(f"{call_sid}: no failed summary to retry (unknown call, or already delivered)")
    click.echo(f"{call_sid}: queued again")
