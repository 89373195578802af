"""Builds the staff app for tests: the Twilio blueprint plus /staff/*, on real Redis and SQLite in a tmp dir."""
from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
from flask import Flask

from app.config import Settings
from app.flows.loader import load_flows
from app.runtime.ports import RuntimeServices
from app.web.staff import register as register_staff
from app.web.staff.accounts import create_user
from app.web.staff.services import StaffServices, build_services
from app.web.twilio_routes import register_twilio
from app.web.twilio_setup import TwilioWeb
from app.web.twilio_store import MemoryCallStore
from tests.conftest import FLOWS_DIR

PASSWORD = "correct horse battery"
TWILIO_TOKEN, PUBLIC = "staff-test-token", "https://frontdesk.example.com"
_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def staff_settings(tmp_path: Path, redis_url: str, **changes: Any) -> Settings:
    base = Settings(data_dir=tmp_path, redis_url=redis_url, redis_namespace="t" + uuid.uuid4().hex[:10],
                    public_url=PUBLIC, twilio_account_sid="AC" + "0" * 32, twilio_auth_token=TWILIO_TOKEN)
    return base.with_overrides(**changes)


def _twilio_web(settings: Settings, flows: Any) -> TwilioWeb:
    class Engine:
        def __init__(self) -> None:
            self.flows = flows

    runtime = RuntimeServices(engine=Engine(), transcriber_factory=lambda: None, synthesizer=None,
                              store=MemoryCallStore(), transfers=None, detector_factory=lambda: None)
    return TwilioWeb(settings, flows=flows, runtime=runtime)


def make_app(settings: Settings, *, clock: Any = None) -> tuple[Flask, StaffServices]:
    """An app wired like create_app() does it: Twilio routes first, then the staff pages."""
    flows = load_flows(FLOWS_DIR)
    app = Flask("staff-test")
    app.config["SECRET_KEY"] = "staff-test-secret"
    register_twilio(app, _twilio_web(settings, flows))
    svc = build_services(settings, flows)
    if clock is not None:
        svc.clock = clock
    register_staff(app, settings, flows, services=svc)
    return app, svc


def add_user(svc: StaffServices, email: str, role: str = "staff", **kwargs: Any) -> Any:
    return create_user(svc.db, email, PASSWORD, role=role, display_name=kwargs.pop("name", email.split("@")[0]),
                       **kwargs)


def csrf_token(html: str) -> str:
    match = _TOKEN.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def sign_in(client: Any, email: str, password: str = PASSWORD, next_path: str = "") -> Any:
    page = client.get("/staff/login" + (f"?next={next_path}" if next_path else ""))
    token = csrf_token(page.get_data(as_text=True))
    return client.post("/staff/login", data={"csrf_token": token, "email": email, "password": password,
                                             "next": next_path})


@pytest.fixture()
def staff(tmp_path: Path, redis_url: str, redis_client: Any) -> Iterator[tuple[Flask, StaffServices]]:
    """The staff app on this test's own SQLite file and Redis namespace."""
    app, svc = make_app(staff_settings(tmp_path, redis_url))
    yield app, svc
    svc.db.dispose()


def signed_in(app: Flask, svc: StaffServices, role: str) -> Any:
    """A test client signed in as a new user with `role`."""
    email = f"{role}-{uuid.uuid4().hex[:6]}@example.com"
    add_user(svc, email, role)
    client = app.test_client()
    answer = sign_in(client, email)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    client.email = email  # type: ignore[attr-defined]
    return client


def token_of(client: Any, path: str = "/staff/") -> str:
    """The CSRF token a signed-in page carries (the sign-out form has one on every page)."""
    return csrf_token(client.get(path).get_data(as_text=True))
