"""What jobs need (database, CRM, Redis, clock, policies), installed once per worker process.

A worker started by `frontdesk worker` builds it from the environment on first use; tests and
benchmarks install their own with `install()`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from app.clock import utcnow
from app.integrations.crm.base import CrmAdapter
from app.storage.database import Database

from .senders import LogSender, MessageSender
from .summary import Summarizer


@dataclass
class WorkerRuntime:
    db: Database
    crm: CrmAdapter
    redis: Any
    namespace: str = "frontdesk"
    summarizer: Summarizer | None = None
    sender: MessageSender | None = None
    backoff: tuple[int, ...] = (5, 30, 120, 600, 1800, 3600)
    """Seconds before retry n (the last one repeats) when the CRM gives no Retry-After."""
    max_attempts: int = 8
    clock: Callable[[], datetime] = utcnow
    business_timezone: str = "America/New_York"
    retention_days: int = 90
    recordings_dir: str | None = None
    settings: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def retry_delay(self, attempt: int, retry_after: float | None) -> int:
        """The server's Retry-After when it gave one, else the backoff for this attempt."""
        if retry_after is not None:
            return max(0, int(-(-retry_after // 1)))  # round up: never earlier than asked
        return self.backoff[min(max(attempt, 1), len(self.backoff)) - 1] if self.backoff else 0


_current: WorkerRuntime | None = None


def _after_fork_in_child() -> None:
    """A forked work-horse must not reuse the parent's pooled database connections."""
    if _current is not None:
        _current.db.engine.dispose(close=False)


os.register_at_fork(after_in_child=_after_fork_in_child)


def install(runtime: WorkerRuntime) -> WorkerRuntime:
    global _current
    if runtime.sender is None:
        runtime.sender = LogSender(runtime.db)
    _current = runtime
    return runtime


def reset() -> None:
    global _current
    _current = None


def current() -> WorkerRuntime:
    """The installed runtime, or one built from the environment (the `frontdesk worker` case)."""
    return _current if _current is not None else install(from_settings())


def from_settings(settings: Any = None) -> WorkerRuntime:
    import redis as redis_lib

    from app.config import Settings
    from app.integrations.crm.factory import build_crm

    settings = settings or Settings.from_env()
    db = Database(settings.sql_url)
    extra = dict(settings.extra or {})
    tz = "America/New_York"
    try:
        from app.flows.loader import load_flows

        tz = load_flows(settings.flows_dir).business.timezone
    except Exception:  # the worker still runs; quiet hours then use the default zone
        pass
    summarizer = None
    if settings.uses_openai:
        from .summary import openai_summarizer

        summarizer = openai_summarizer(settings)
    sender: MessageSender | None = None
    if settings.uses_twilio and extra.get("FRONTDESK_SMS_FROM"):
        from .senders import TwilioSender

        sender = TwilioSender(settings, extra["FRONTDESK_SMS_FROM"], db)
    return WorkerRuntime(
        db=db, crm=build_crm(settings, db), redis=redis_lib.Redis.from_url(settings.redis_url),
        namespace=settings.redis_namespace, summarizer=summarizer, sender=sender, business_timezone=tz,
        retention_days=int(extra.get("FRONTDESK_RETENTION_DAYS") or 90),
        recordings_dir=str(settings.data_dir / "recordings"), settings=settings, extra=extra,
    )
