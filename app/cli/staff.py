"""`frontdesk staff ...`: accounts for the staff web pages (add, list, set a password)."""
from __future__ import annotations

import sys

import click


def _database():
    from app.config import ConfigError, Settings
    from app.storage.database import Database

    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    return settings, Database(settings.sql_url)


def _password(from_stdin: bool) -> str:
    """The first line of stdin (for scripts), or typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _check_member(settings, member: str | None) -> None:
    """A --member must name someone in staff.yaml, so the account links to a real person."""
    if not member:
        return
    from app.flows.loader import load_flows

    try:
        staff = load_flows(settings.flows_dir).staff
    except Exception as exc:  # noqa: BLE001 - broken flows: say so, but do not block creating an account
        click.echo(f"warning: could not check --member against the flows ({type(exc).__name__})", err=True)
        return
    if staff.member(member) is None:
        known = ", ".join(m.id for m in staff.staff)
        raise click.ClickException(f"--member {member!r} is not in {settings.flows_dir}/staff.yaml (known: {known})")


@click.group("staff")
def staff() -> None:
    """Accounts for the staff web pages at /staff/."""


@staff.command("add-user")
@click.argument("email")
@click.option("--role", type=click.Choice(["staff", "operator", "admin"]), default="staff", show_default=True,
              help="staff: live board, calls, feedback; operator: also contacts, CRM sync, test calls; admin: all.")
@click.option("--name", "display_name", default="", help="The name shown on the pages.")
@click.option("--member", default=None, help="Their id in flows/staff.yaml (links transfers to this account).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def add_user(email: str, role: str, display_name: str, member: str | None, password_stdin: bool) -> None:
    """Create an account that signs in with EMAIL."""
    from app.web.staff.accounts import AccountError, create_user

    settings, db = _database()
    _check_member(settings, member)
    try:
        user = create_user(db, email, _password(password_stdin), role=role, display_name=display_name,
                           staff_member_id=member)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{user.email}: {user.role} account created; sign in at /staff/login")


@staff.command("list-users")
def list_users() -> None:
    """Every account with its role, staff.yaml link and last sign-in."""
    from app.storage.database import as_utc
    from app.web.staff.accounts import list_users as all_users

    _, db = _database()
    users = all_users(db)
    if not users:
        click.echo("no accounts yet; create one with: frontdesk staff add-user you@example.com --role admin")
        return
    for u in users:
        last = as_utc(u.last_login_at)
        click.echo(f"{u.email}\t{u.role}\t{u.display_name or '-'}\t{u.staff_member_id or '-'}\t"
                   f"{'active' if u.active else 'disabled'}\tlast sign-in {last.isoformat(timespec='minutes') if last else 'never'}")


@staff.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def set_password(email: str, password_stdin: bool) -> None:
    """Give EMAIL's account a new password."""
    from app.web.staff.accounts import AccountError
    from app.web.staff.accounts import set_password as change

    _, db = _database()
    try:
        change(db, email, _password(password_stdin))
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{email}: password changed")
