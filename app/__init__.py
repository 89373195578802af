"""Frontdesk: a voice AI receptionist. `create_app()` builds the web service; nothing happens at import."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from app.config import Settings

log = logging.getLogger(__name__)


class StartupError(SystemExit):
    """The service cannot start as configured; the message says what to fix."""


def create_app(settings: "Settings | None" = None) -> "Flask":
    """Build the Flask app from settings (read from the environment when none are given).

    Refuses to start on invalid flows or configuration, printing every problem.
    """
    from flask import Flask, jsonify

    from app.config import ConfigError, Settings
    from app.runtime.blas import limit_blas_threads
    from app.services import load_flows_checked

    limit_blas_threads()

    try:
        settings = settings or Settings.from_env()
    except ConfigError as exc:
        raise StartupError(f"Frontdesk cannot start: {exc}") from None
    try:
        flows = load_flows_checked(settings.flows_dir)
    except Exception as exc:
        raise StartupError(f"Frontdesk cannot start: the flows in {settings.flows_dir} are not valid:\n{exc}") from None

    app = Flask(__name__)
    app.config["SECRET_KEY"] = settings.secret_key
    app.extensions["frontdesk.settings"] = settings
    app.extensions["frontdesk.flows"] = flows

    @app.get("/healthz")
    def healthz():  # type: ignore[no-untyped-def]
        return jsonify(ok=True, business=flows.business.name, call_types=sorted(flows.call_types))

    _register_web(app, settings, flows)
    return app


def _register_web(app: "Flask", settings: "Settings", flows: object) -> None:
    """Attach the phone and staff routes that this installation has."""
    try:
        from app.web import register
    except ImportError:
        log.warning("no web routes registered (app.web.register is missing)")
        return
    register(app, settings, flows)
