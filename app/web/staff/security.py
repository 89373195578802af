"""Cookies, CSRF, the signing key and safe redirects for the staff pages.

Every state-changing request needs a CSRF token, except under /twilio/: Twilio cannot send one and
proves itself with X-Twilio-Signature instead.
"""
from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect

log = logging.getLogger(__name__)
TWILIO_PREFIX = "/twilio/"
DEFAULT_SECRET = "dev-only-change-me"
KEY_FILE = "staff_secret_key"
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None (no open redirects through ?next=)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ch in target for ch in "\r\n\\"):
        return None
    return target


def stored_secret(data_dir: Path) -> str:
    """A random signing key kept in the data folder, made once and shared by every process."""
    path = Path(data_dir) / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip()


def configure_keys_and_cookies(app: Flask, settings: Any) -> None:
    """Never sign sessions with the published default key; secure cookies when served over https."""
    if (app.config.get("SECRET_KEY") or DEFAULT_SECRET) == DEFAULT_SECRET:
        app.config["SECRET_KEY"] = stored_secret(settings.data_dir)
        log.warning("SECRET_KEY is not set; staff sessions are signed with the key in %s", settings.data_dir / KEY_FILE)
    https = (settings.public_url or "").startswith("https://")
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=https,
                      REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax", REMEMBER_COOKIE_SECURE=https)


def configure_csrf(app: Flask) -> CSRFProtect:
    """CSRFProtect on every POST/PUT/PATCH/DELETE outside /twilio/, honouring csrf.exempt() marks."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked by the hook below, which knows about /twilio/
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # the board stays open all day; tokens live with the session
    csrf = app.extensions.get("csrf") or CSRFProtect(app)
    twilio = app.blueprints.get("twilio")
    if twilio is not None:
        csrf.exempt(twilio)

    @app.before_request
    def _protect() -> None:
        if app.config.get("WTF_CSRF_ENABLED", True) and not request.path.startswith(TWILIO_PREFIX):
            csrf.protect(apply_exemptions=True)

    return csrf


def add_headers(response: Response) -> Response:
    """Staff pages show callers' details: no framing, no caching, scripts only from this site."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
