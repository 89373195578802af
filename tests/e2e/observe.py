"""What an e2e test reads back from a served Frontdesk: the live call state in Redis, the stored record."""
from __future__ import annotations

import json
import time
from typing import Any, Callable

import redis

from app.storage.keys import RedisKeys
from tests.e2e.server import Served


def wait_until(condition: Callable[[], Any], wait_s: float = 10.0) -> bool:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and not condition():
        time.sleep(0.1)
    return bool(condition())


def live_state(redis_url: str, call_sid: str, wait_s: float = 5.0,
               until: Callable[[dict], Any] = lambda s: True) -> dict:
    """The call's state as saved in Redis by the server (waiting for a condition to hold); {} if none."""
    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + wait_s
    data: dict = {}
    while time.monotonic() < deadline:
        raw = client.get(RedisKeys("frontdesk").call_state(call_sid))
        data = json.loads(raw) if raw else {}
        if data and until(data):
            return data
        time.sleep(0.1)
    return data


def stored(served: Served, call_sid: str, wait_s: float = 45.0) -> dict | None:
    """The call's SQL record once the server has written it (None if it never did within wait_s)."""
    from app.storage.database import Database
    from app.storage.records import load_call

    db = Database(served.sql_url)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        record = load_call(db, call_sid)
        if record is not None:
            return record
        time.sleep(0.2)
    return None
