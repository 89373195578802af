"""What the staff pages read and write (SQL, live call state in Redis, the summary queue), built once."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable
from zoneinfo import ZoneInfo

from flask import current_app

from app.clock import utcnow
from app.storage.call_state import CallStateStore
from app.storage.database import Database

from .throttle import LoginThrottle

log = logging.getLogger(__name__)
EXTENSION = "frontdesk.staff"


@dataclass
class StaffServices:
    settings: Any
    flows: Any
    db: Database
    redis: Any
    calls: CallStateStore
    throttle: LoginThrottle
    clock: Callable[[], datetime] = utcnow
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        """Times are shown in the business's own zone (where staff are)."""
        try:
            return ZoneInfo(self.flows.business.timezone)
        except Exception:  # noqa: BLE001 - flows missing or zone unknown: UTC is still correct, just less friendly
            return ZoneInfo("UTC")

    @property
    def call_types(self) -> list[str]:
        return sorted(getattr(self.flows, "call_types", None) or {})

    def member_name(self, member_id: str | None) -> str:
        """A staff.yaml id as the person's name (the id itself when unknown)."""
        staff = getattr(self.flows, "staff", None)
        member = staff.member(member_id) if staff is not None and member_id else None
        return member.name if member is not None else (member_id or "")

    def summaries_queue(self) -> Any:
        from workers.queues import SUMMARIES, make_queue

        return make_queue(self.redis, SUMMARIES, self.settings.redis_namespace)


def open_database(url: str) -> Database:
    """Two web processes creating the SQLite tables at once can collide; the second try finds them made."""
    try:
        return Database(url)
    except Exception:  # noqa: BLE001
        log.warning("creating the database tables raced with another process; retrying")
        time.sleep(0.5)
        return Database(url)


def build_services(settings: Any, flows: Any) -> StaffServices:
    import redis

    client = redis.Redis.from_url(settings.redis_url, socket_timeout=2.0, socket_connect_timeout=2.0)
    calls = CallStateStore(client, settings.redis_namespace, settings.call_state_ttl_seconds)
    return StaffServices(settings=settings, flows=flows, db=open_database(settings.sql_url), redis=client,
                         calls=calls, throttle=LoginThrottle(client, settings.redis_namespace))


def staff_services() -> StaffServices:
    return current_app.extensions[EXTENSION]
