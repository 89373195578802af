"""The staff web app: sign-in, the live board, call pages, history, feedback, contacts and CRM sync.

It adds to the phone; staff never need it to take a transfer.
"""
from __future__ import annotations

from typing import Any

from flask import Flask, redirect, url_for

from .auth import init_login, role_required
from .services import EXTENSION, build_services

__all__ = ["register", "role_required"]


def register(app: Flask, settings: Any, flows: Any, services: Any = None) -> None:
    """Mount /staff/* with sessions, CSRF and secure cookies; `services` lets tests pass their own."""
    from . import board, calls, contacts, crm_sync, feedback, login  # noqa: F401 - their routes join the blueprint
    from .accounts import load_identity
    from .blueprint import bp
    from .security import configure_csrf, configure_keys_and_cookies

    svc = services or build_services(settings, flows)
    app.extensions[EXTENSION] = svc
    configure_keys_and_cookies(app, settings)
    configure_csrf(app)
    init_login(app, lambda user_id: load_identity(svc.db, user_id))
    app.register_blueprint(bp)
    if not any(rule.rule == "/" for rule in app.url_map.iter_rules()):
        app.add_url_rule("/", "staff_home", lambda: redirect(url_for("staff.board")))
