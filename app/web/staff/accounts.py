"""Staff accounts in SQL: create, check a password, list. Used by the login page and `frontdesk staff`."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app.storage.database import Database
from app.storage.staff_models import ROLES, StaffUser

from .auth import StaffIdentity

MIN_PASSWORD_LENGTH = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """An account cannot be created or changed as asked; the message says what to fix."""


def normalize_email(raw: str | None) -> str:
    """Emails are compared case-insensitively, so they are stored lower-case and trimmed."""
    return (raw or "").strip().lower()


def check_new_account(email: str, password: str, role: str) -> None:
    if not _EMAIL.match(email) or len(email) > 254:
        raise AccountError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise AccountError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")


def _identity(row: StaffUser) -> StaffIdentity:
    return StaffIdentity(row.id, row.email, row.display_name or "", row.role, row.staff_member_id,
                         row.session_epoch or 0)


def create_user(db: Database, email: str, password: str, *, role: str = "staff", display_name: str = "",
                staff_member_id: str | None = None) -> StaffIdentity:
    """Add an account; AccountError when the email is taken or a field is unusable."""
    email = normalize_email(email)
    check_new_account(email, password, role)
    row = StaffUser(email=email, display_name=display_name.strip(), role=role,
                    staff_member_id=staff_member_id or None, password_hash=generate_password_hash(password))
    try:
        with db.session() as s:
            s.add(row)
            s.flush()
            identity = _identity(row)
    except IntegrityError:
        raise AccountError(f"an account for {email} already exists") from None
    db.audit("staff_user_created", email, role=role, staff_member_id=staff_member_id)
    return identity


def set_password(db: Database, email: str, password: str) -> None:
    email = normalize_email(email)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    with db.session() as s:
        row = s.scalar(select(StaffUser).where(StaffUser.email == email))
        if row is None:
            raise AccountError(f"there is no account for {email}")
        row.password_hash = generate_password_hash(password)
        row.session_epoch = (row.session_epoch or 0) + 1  # sessions signed in with the old password end
    db.audit("staff_password_set", email)


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return generate_password_hash("not a real password")


def authenticate(db: Database, email: str, password: str, now: datetime | None = None) -> StaffIdentity | None:
    """The identity when the password matches an active account, else None (same cost either way)."""
    email = normalize_email(email)
    with db.session() as s:
        row = s.scalar(select(StaffUser).where(StaffUser.email == email))
        if row is None or not row.active:
            check_password_hash(_decoy_hash(), password or "")  # an unknown email costs what a known one does
            return None
        if not check_password_hash(row.password_hash, password or ""):
            return None
        row.last_login_at = now or datetime.now(timezone.utc)
        return _identity(row)


def load_identity(db: Database, user_id: int) -> StaffIdentity | None:
    with db.session() as s:
        row = s.get(StaffUser, user_id)
        return _identity(row) if row is not None and row.active else None


def list_users(db: Database) -> list[StaffUser]:
    with db.session() as s:
        return list(s.scalars(select(StaffUser).order_by(StaffUser.email)))


def count_users(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(StaffUser)) or 0)
