"""Signing in and out, roles, CSRF and cookies on the staff pages (Flask test client, real Redis and SQLite)."""
from __future__ import annotations

from sqlalchemy import select

from app.integrations.twilio.signature import SignatureChecker
from app.storage.models import AuditEntry
from app.storage.staff_models import StaffUser
from app.web.staff.login import THROTTLED, WRONG
from tests.integration.staff_support import (PUBLIC, TWILIO_TOKEN, add_user, csrf_token, make_app, sign_in,
                                             signed_in, staff, staff_settings, token_of)

__all__ = ["staff"]
OPERATOR_PAGES = ["/staff/contacts", "/staff/crm-sync", "/staff/feedback", "/staff/feedback.csv"]


def test_first_run_login_page_says_how_to_create_an_account(staff) -> None:
    app, svc = staff
    client = app.test_client()
    assert "frontdesk staff add-user" in client.get("/staff/login").get_data(as_text=True)
    add_user(svc, "first@example.com", "admin")
    assert "frontdesk staff add-user" not in client.get("/staff/login").get_data(as_text=True)


def test_sign_in_goes_to_the_local_next_page_and_sign_out_ends_the_session(staff) -> None:
    app, svc = staff
    add_user(svc, "Ann@Example.com", "staff")
    client = app.test_client()
    answer = sign_in(client, "  ann@example.COM ", next_path="/staff/calls")
    assert answer.status_code == 302 and answer.headers["Location"] == "/staff/calls"
    assert client.get("/staff/").status_code == 200
    with svc.db.session() as s:
        assert s.scalar(select(StaffUser.last_login_at).where(StaffUser.email == "ann@example.com")) is not None
    assert client.get("/staff/logout").status_code == 405  # signing out changes state: POST only
    out = client.post("/staff/logout", data={"csrf_token": token_of(client)})
    assert out.status_code == 302 and out.headers["Location"].endswith("/staff/login")
    assert client.get("/staff/").status_code == 302


def test_next_pointing_off_site_is_ignored(staff) -> None:
    app, svc = staff
    add_user(svc, "bo@example.com")
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        answer = sign_in(app.test_client(), "bo@example.com", next_path=target)
        assert answer.headers["Location"] == "/staff/", target


def test_wrong_password_and_unknown_email_get_the_same_answer(staff) -> None:
    app, svc = staff
    add_user(svc, "cy@example.com")
    wrong = sign_in(app.test_client(), "cy@example.com", "not the password")
    unknown = sign_in(app.test_client(), "nobody@example.com", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert WRONG in wrong.get_data(as_text=True) and WRONG in unknown.get_data(as_text=True)
    with svc.db.session() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "staff_login_failed")) is not None


def test_repeated_failures_are_throttled_per_email(staff) -> None:
    app, svc = staff
    add_user(svc, "di@example.com")
    add_user(svc, "ed@example.com")
    client = app.test_client()
    for _ in range(svc.throttle.limit):
        assert sign_in(client, "di@example.com", "guess").status_code == 401
    blocked = sign_in(client, "di@example.com")  # even the right password waits out the minute
    assert blocked.status_code == 429 and THROTTLED in blocked.get_data(as_text=True)
    assert sign_in(app.test_client(), "ed@example.com").status_code == 302  # other accounts are unaffected


def test_disabled_account_cannot_sign_in_and_loses_its_session(staff) -> None:
    app, svc = staff
    client = signed_in(app, svc, "staff")
    with svc.db.session() as s:
        s.scalar(select(StaffUser).where(StaffUser.email == client.email)).active = False
    assert client.get("/staff/").status_code == 302
    assert sign_in(app.test_client(), client.email).status_code == 401


def test_a_new_password_ends_sessions_signed_in_with_the_old_one(staff) -> None:
    from app.web.staff.accounts import set_password

    app, svc = staff
    client = signed_in(app, svc, "staff")
    assert client.get("/staff/").status_code == 200
    set_password(svc.db, client.email, "a brand new password")
    assert client.get("/staff/").status_code == 302
    assert sign_in(client, client.email, "a brand new password").status_code == 302
    assert client.get("/staff/").status_code == 200


def test_anonymous_visitors_go_to_login_and_polling_gets_401(staff) -> None:
    app, _ = staff
    client = app.test_client()
    page = client.get("/staff/calls?outcome=transferred")
    assert page.status_code == 302 and "/staff/login?next=" in page.headers["Location"]
    poll = client.get("/staff/board.json")
    assert poll.status_code == 401 and poll.get_json()["login"] == "/staff/login"


def test_staff_cannot_reach_operator_pages_but_operators_and_admins_can(staff) -> None:
    app, svc = staff
    member, operator, admin = (signed_in(app, svc, r) for r in ("staff", "operator", "admin"))
    for path in OPERATOR_PAGES:
        denied = member.get(path)
        assert denied.status_code == 403 and "Not allowed" in denied.get_data(as_text=True), path
        assert operator.get(path).status_code == 200, path
        assert admin.get(path).status_code == 200, path
    retry = member.post("/staff/crm-sync/CA1/retry", data={"csrf_token": token_of(member)})
    assert retry.status_code == 403
    nav = member.get("/staff/").get_data(as_text=True)
    assert "/staff/test-call" not in nav and "/staff/test-call" in operator.get("/staff/").get_data(as_text=True)


def test_forms_without_a_csrf_token_are_rejected(staff) -> None:
    app, svc = staff
    add_user(svc, "fa@example.com")
    client = app.test_client()
    answer = client.post("/staff/login", data={"email": "fa@example.com", "password": "correct horse battery"})
    assert answer.status_code == 400 and "Form expired" in answer.get_data(as_text=True)
    member = signed_in(app, svc, "operator")
    assert member.post("/staff/logout").status_code == 400
    forged = member.post("/staff/crm-sync/CA1/retry", data={"csrf_token": "forged"})
    assert forged.status_code == 400
    fetch = member.post("/staff/crm-sync/CA1/retry", headers={"X-CSRFToken": token_of(member)})
    assert fetch.status_code == 302  # a script's fetch passes with the token in a header


def test_twilio_webhooks_need_no_csrf_token(staff) -> None:
    app, _ = staff
    form = {"CallSid": "CA" + "3" * 32, "CallStatus": "completed"}
    signature = SignatureChecker(TWILIO_TOKEN, PUBLIC).sign("/twilio/status", form)
    answer = app.test_client().post("/twilio/status", data=form, headers={"X-Twilio-Signature": signature},
                                    base_url=PUBLIC)
    assert answer.status_code == 200 and "<Response" in answer.get_data(as_text=True)


def test_cookies_are_secure_over_https_and_pages_are_not_framed(staff) -> None:
    app, svc = staff
    client = app.test_client()
    add_user(svc, "gi@example.com")
    answer = sign_in(client, "gi@example.com")
    cookie = answer.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/staff/")
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["Cache-Control"] == "no-store"


def test_plain_http_install_signs_with_a_stored_key_not_the_default(tmp_path, redis_url, redis_client) -> None:
    settings = staff_settings(tmp_path, redis_url, public_url="http://localhost:5000")
    app, svc = make_app(settings)
    assert app.config["SECRET_KEY"] == "staff-test-secret"  # a configured key is kept
    from flask import Flask

    from app.web.staff import register

    bare = Flask("bare")
    bare.config["SECRET_KEY"] = "dev-only-change-me"
    register(bare, settings, svc.flows, services=svc)
    key = bare.config["SECRET_KEY"]
    assert key != "dev-only-change-me" and len(key) > 40
    assert (tmp_path / "staff_secret_key").read_text().strip() == key
    client = app.test_client()
    add_user(svc, "hu@example.com")
    assert "Secure" not in sign_in(client, "hu@example.com").headers["Set-Cookie"]
    assert csrf_token(client.get("/staff/").get_data(as_text=True))
