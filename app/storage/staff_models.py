"""The staff web app's tables: who may sign in (with a role), and what staff thought of each call."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow

ROLES = ("staff", "operator", "admin")
"""Each role includes the ones before it: an admin may do what an operator may, who may do what staff may."""
ANSWER_CHOICES = ("yes", "no", "n/a")


def role_rank(role: str | None) -> int:
    """Position in ROLES; -1 for anything unknown, so an unknown role is allowed nothing."""
    return ROLES.index(role) if role in ROLES else -1


class StaffUser(Base):
    """A person who signs in to the staff pages; `staff_member_id` links them to flows/staff.yaml."""

    __tablename__ = "staff_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default="staff")
    staff_member_id: Mapped[str | None] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    """Part of every session's user id; raising it (a new password) signs the account out everywhere."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CallFeedback(Base):
    """One person's review of one call (a second review by the same person replaces the first)."""

    __tablename__ = "call_feedback"
    __table_args__ = (UniqueConstraint("call_sid", "user_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_sid: Mapped[str] = mapped_column(String(64), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    detected_call_type: Mapped[str | None] = mapped_column(String(64))
    call_type_right: Mapped[bool] = mapped_column(Boolean)
    right_call_type: Mapped[str | None] = mapped_column(String(64))
    should_have_escalated: Mapped[bool] = mapped_column(Boolean)
    answer_right: Mapped[str] = mapped_column(String(8), default="n/a")
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
