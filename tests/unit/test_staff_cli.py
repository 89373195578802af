"""`frontdesk staff add-user / list-users / set-password` against a SQLite file in a tmp dir."""
from __future__ import annotations

from click.testing import CliRunner

from app.cli import main
from app.storage.database import Database
from app.web.staff.accounts import authenticate


def run(tmp_path, *args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["staff", *args], input=stdin, env={"FRONTDESK_DATA": str(tmp_path),
                                                                         "DATABASE_URL": ""})


def test_add_list_and_change_password(tmp_path) -> None:
    assert "no accounts yet" in run(tmp_path, "list-users").output
    made = run(tmp_path, "add-user", "Op@Example.com", "--role", "operator", "--name", "Olga", "--member", "maria",
               "--password-stdin", stdin="a long password\n")
    assert made.exit_code == 0, made.output
    listed = run(tmp_path, "list-users").output
    assert "op@example.com\toperator\tOlga\tmaria\tactive\tlast sign-in never" in listed
    db = Database(f"sqlite:///{tmp_path / 'frontdesk.sqlite3'}")
    assert authenticate(db, "op@example.com", "a long password").role == "operator"
    assert run(tmp_path, "set-password", "op@example.com", "--password-stdin", stdin="another long one\n").exit_code == 0
    assert authenticate(db, "op@example.com", "a long password") is None
    assert authenticate(db, "op@example.com", "another long one") is not None


def test_prompted_password_must_match_twice(tmp_path) -> None:
    typed = run(tmp_path, "add-user", "a@example.com", stdin="first password\nother password\nfirst password\n"
                                                              "first password\n")
    assert typed.exit_code == 0 and "do not match" in typed.output.lower()


def test_refusals_say_what_to_fix(tmp_path) -> None:
    assert "at least 10 characters" in run(tmp_path, "add-user", "b@example.com", "--password-stdin",
                                           stdin="short\n").output
    assert "not in" in run(tmp_path, "add-user", "c@example.com", "--member", "ghost", "--password-stdin",
                           stdin="a long password\n").output
    assert "not an email" in run(tmp_path, "add-user", "nope", "--password-stdin", stdin="a long password\n").output
    run(tmp_path, "add-user", "d@example.com", "--password-stdin", stdin="a long password\n")
    again = run(tmp_path, "add-user", "D@example.com", "--password-stdin", stdin="a long password\n")
    assert again.exit_code == 1 and "already exists" in again.output
    assert "no account" in run(tmp_path, "set-password", "e@example.com", "--password-stdin",
                               stdin="a long password\n").output
