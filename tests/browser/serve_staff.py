"""The end-to-end app (real Twilio layer, configured by environment) with the staff pages mounted, for gunicorn."""
from __future__ import annotations

from flask import Flask

from app.config import Settings
from app.flows.loader import load_flows
from app.web.staff import register as register_staff
from tests.e2e import serve_app


def create_app() -> Flask:
    settings = Settings.from_env()
    app = serve_app.create_app()
    app.config["SECRET_KEY"] = settings.secret_key
    register_staff(app, settings, load_flows(settings.flows_dir))
    return app
