"""'Test call' for operators: talk or type to Frontdesk from the browser, without a Twilio number.

The page speaks Twilio's Media Streams format on /staff/test-call/socket, so the call goes through
the same CallHandler, engine, speech and voice as a phone call; transfers, messages and actions
are shown on the page instead of being carried out, and nothing is stored.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, make_response, render_template, request, url_for
from werkzeug.routing import BuildError

from app.integrations.twilio.media import MAX_MESSAGE_BYTES
from app.web.twilio_setup import TwilioWeb

from .call_socket import PageCall
from .passes import PassBook

PAGE, SOCKET = "/staff/test-call", "/staff/test-call/socket"
Guard = Callable[[Callable[..., Any]], Callable[..., Any]]
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def register(app: Flask, sock: Any, web: TwilioWeb, guard: Guard) -> None:
    """Mount the page (behind `guard`), its pass endpoint, its static files and the call socket."""
    passes = PassBook(lambda: app.config.get("SECRET_KEY") or web.settings.secret_key, web.settings.twilio_account_sid)
    blueprint = Blueprint("test_call", __name__, url_prefix=PAGE, template_folder="templates",
                          static_folder="static", static_url_path="/static")

    def page() -> Response:
        html = render_template("test_call/page.html", call_pass=passes.grant().to_page(),
                               flows_error=None if web.runtime is not None else (web.flows_error or "not loaded"),
                               business=web.flows.business.name if web.flows is not None else "Frontdesk",
                               socket_path=request.script_root + SOCKET, back=staff_home())
        return make_response(html)

    def new_pass() -> Response:
        """A fresh pass for the next call (each pass opens one call)."""
        return jsonify(passes.grant().to_page())

    blueprint.add_url_rule("", "page", guard(page), methods=["GET"])
    blueprint.add_url_rule("/pass", "new_pass", guard(new_pass), methods=["GET"])
    blueprint.after_request(protect)
    app.register_blueprint(blueprint)
    app.config.setdefault("SOCK_SERVER_OPTIONS", {"max_message_size": MAX_MESSAGE_BYTES})

    def test_call_socket(ws: Any) -> None:
        PageCall(ws, web, passes).run()

    sock.route(SOCKET)(test_call_socket)


def protect(response: Response) -> Response:
    """The page holds a pass: never cached or framed; scripts, styles and sockets only from this site."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def staff_home() -> str | None:
    """The staff app's board, for a link back, when the staff app is installed."""
    if "staff" not in current_app.blueprints:
        return None
    try:
        return url_for("staff.board")
    except BuildError:
        return None
