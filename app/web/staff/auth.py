"""Who is signed in, and what their role lets them see: Flask-Login sessions and `role_required`.

Roles nest (admin > operator > staff), so `@role_required("operator")` admits operators and admins.
Checks happen on the server for every request; hiding a link is never the protection.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable, TypeVar

from flask import Flask, abort, current_app, jsonify, redirect, request, url_for
from flask_login import LoginManager, UserMixin, current_user

from app.storage.staff_models import ROLES, role_rank

F = TypeVar("F", bound=Callable[..., Any])
LOGIN_VIEW = "staff.login"


@dataclass(frozen=True)
class StaffIdentity(UserMixin):
    """The signed-in person, detached from the database session that loaded them."""

    id: int
    email: str
    display_name: str
    role: str
    staff_member_id: str | None = None
    session_epoch: int = 0

    def get_id(self) -> str:
        """`<id>.<epoch>`: a session made before the password changed no longer matches."""
        return f"{self.id}.{self.session_epoch}"

    def can(self, role: str) -> bool:
        """True when this person's role is `role` or a higher one."""
        return role_rank(self.role) >= role_rank(role) >= 0

    @property
    def label(self) -> str:
        return self.display_name or self.email


def role_required(*roles: str) -> Callable[[F], F]:
    """Admit a signed-in user holding any of `roles` (or a higher one); no roles means any signed-in user.

    Anonymous visitors are sent to the login page (JSON requests get 401); others get 403.
    """
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValueError(f"unknown role(s) {unknown}; use {ROLES}")
    lowest = min((role_rank(r) for r in roles), default=0)

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if role_rank(getattr(current_user, "role", None)) < lowest:
                abort(403)
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


def _wants_json() -> bool:
    return request.path.endswith(".json") or request.accept_mimetypes.best == "application/json"


def _unauthorized() -> Any:
    """JSON callers (the live pages' polling) get a 401 they can act on; browsers go to the login page."""
    if _wants_json():
        return jsonify(error="signed out", login=url_for(LOGIN_VIEW)), 401
    return redirect(url_for(LOGIN_VIEW, next=request.full_path.rstrip("?")))


def init_login(app: Flask, load_user: Callable[[int], StaffIdentity | None]) -> LoginManager:
    """Attach Flask-Login; `load_user` turns a user id into an identity (None once disabled or deleted)."""
    manager = LoginManager()
    manager.init_app(app)
    manager.login_view = LOGIN_VIEW
    manager.session_protection = "basic"
    manager.unauthorized_handler(_unauthorized)

    @manager.user_loader
    def _load(session_id: str) -> StaffIdentity | None:
        user_id = session_id.partition(".")[0]
        identity = load_user(int(user_id)) if user_id.isdigit() else None
        return identity if identity is not None and identity.get_id() == session_id else None

    return manager
