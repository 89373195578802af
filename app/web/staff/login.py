"""Signing in and out. One message for every failed attempt, so the page never says which emails exist."""
from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from .accounts import authenticate, count_users, normalize_email
from .auth import role_required
from .blueprint import bp
from .forms import LoginForm
from .security import safe_next
from .services import staff_services

WRONG = "That email and password do not match an account."
THROTTLED = "Too many attempts for this email. Wait a minute, then try again."


def _attempt(form: LoginForm) -> tuple[str | None, int]:
    """Sign in when the form's password is right; returns (error message, HTTP status)."""
    svc = staff_services()
    email = normalize_email(form.email.data)
    if svc.throttle.blocked(email):
        return THROTTLED, 429
    identity = authenticate(svc.db, email, form.password.data or "", svc.clock())
    if identity is None:
        svc.throttle.failed(email)
        svc.db.audit("staff_login_failed", email[:128], remote=request.remote_addr)
        return WRONG, 401
    svc.throttle.cleared(email)
    session.clear()  # nothing from before sign-in carries over
    login_user(identity)
    svc.db.audit("staff_login", identity.email, remote=request.remote_addr)
    return None, 200


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    form = LoginForm()
    target = safe_next(form.next.data if request.method == "POST" else request.args.get("next"))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(target or url_for("staff.board"))
    error, status = None, 200
    if form.validate_on_submit():
        error, status = _attempt(form)
        if error is None:
            return redirect(target or url_for("staff.board"))
    elif request.method == "POST":
        error, status = "Enter your email and your password.", 400
    form.next.data = target or ""
    no_users = count_users(staff_services().db) == 0
    return render_template("staff/login.html", form=form, error=error, no_users=no_users), status


@bp.post("/logout")
@role_required()
def logout() -> Any:
    logout_user()  # the CSRF token was checked before the view ran
    session.clear()
    return redirect(url_for("staff.login"))
