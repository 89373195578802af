"""The test-call page behind the staff app's real sign-in: operators only (role_required("operator"))."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from app.flows.loader import load_flows
from app.web import test_call
from app.web.staff import register as register_staff
from app.web.staff.auth import role_required
from app.web.staff.services import build_services
from app.web.twilio_routes import register_twilio
from tests.conftest import FLOWS_DIR
from tests.integration.staff_support import _twilio_web, add_user, sign_in, staff_settings


def wired_app(tmp_path: Path, redis_url: str):
    """As create_app() wires it: Twilio routes and their socket, the staff app, then the test-call page."""
    settings, flows = staff_settings(tmp_path, redis_url), load_flows(FLOWS_DIR)
    app = Flask("test-call-staff")
    app.config["SECRET_KEY"] = "staff-test-secret"
    web = _twilio_web(settings, flows)
    sock = register_twilio(app, web)
    services = build_services(settings, flows)
    register_staff(app, settings, flows, services=services)
    test_call.register(app, sock, web, role_required("operator"))
    return app, services


def test_only_signed_in_operators_reach_the_page_and_its_passes(tmp_path: Path, redis_url: str, redis_client) -> None:
    app, services = wired_app(tmp_path, redis_url)
    add_user(services, "desk@example.com", role="staff")
    add_user(services, "ops@example.com", role="operator")
    anonymous = app.test_client()
    assert anonymous.get("/staff/test-call").status_code == 302  # to the sign-in page
    assert anonymous.get("/staff/test-call/pass", headers={"Accept": "application/json"}).status_code == 401

    desk = app.test_client()
    sign_in(desk, "desk@example.com")
    assert desk.get("/staff/test-call").status_code == 403
    assert desk.get("/staff/test-call/pass").status_code == 403

    operator = app.test_client()
    sign_in(operator, "ops@example.com")
    page = operator.get("/staff/test-call")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="call-pass"' in html
    with app.test_request_context():
        from flask import url_for

        assert f'class="back" href="{url_for("staff.board")}"' in html  # a way back to the staff app
    assert operator.get("/staff/test-call/pass").json["callSid"].startswith("CA")
    services.db.dispose()
