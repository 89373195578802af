"""The one interface every CRM adapter implements, and the errors that tell a retry from a staff problem."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, Iterable, Protocol, runtime_checkable


class CrmError(Exception):
    """Base of CRM failures."""


class TemporaryCrmError(CrmError):
    """Worth retrying (5xx, 429, timeouts, connection errors); `retry_after` is the server's wish in seconds."""

    def __init__(self, message: str, retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


class PermanentCrmError(CrmError):
    """Retrying will not help (401, 403, 400 ...): staff must fix the setup, then press retry."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class UnsupportedOperation(CrmError):
    """The adapter cannot do this (a webhook cannot list contacts for an audit)."""


@dataclass(frozen=True)
class CrmContact:
    """A contact as any adapter returns it."""

    id: str
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    vip: bool = False
    do_not_call: bool = False
    preferred_language: str | None = None
    last_interaction_at: datetime | None = None
    interactions: int = 0


@dataclass(frozen=True)
class CallSummary:
    """What goes into the CRM after a call; `call_sid` is the idempotency key."""

    call_sid: str
    phone: str | None
    title: str
    body: str
    started_at: datetime | None = None
    ended_at: datetime | None = None
    contact_id: str | None = None
    outcome: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CallbackTask:
    """A request for staff to call someone back; `key` makes a second creation a no-op."""

    key: str
    phone: str | None
    title: str
    body: str = ""
    due_at: datetime | None = None
    contact_id: str | None = None


@runtime_checkable
class CrmAdapter(Protocol):
    """Lookup by E.164 phone, idempotent summary upsert, callback tasks, and contact listing for audits."""

    name: str

    def find_contacts(self, phone_e164: str, timeout: float | None = None) -> list[CrmContact]: ...

    def upsert_call_summary(self, summary: CallSummary) -> str: ...

    def create_callback_task(self, task: CallbackTask) -> str: ...

    def iter_contacts(self) -> Iterable[CrmContact]: ...


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds (it may be a number of seconds or an HTTP date); None if absent or garbled."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    from datetime import timezone

    ref = now or datetime.now(timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - ref).total_seconds())


def error_for_status(status: int, message: str, retry_after: str | None = None) -> CrmError:
    """Map an HTTP status to the right error class."""
    if status == 429 or status >= 500 or status in (408, 425):
        return TemporaryCrmError(f"{message} (HTTP {status})", parse_retry_after(retry_after), status)
    return PermanentCrmError(f"{message} (HTTP {status})", status)
