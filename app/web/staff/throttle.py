"""Sign-in throttling: a few wrong passwords per email per minute, counted in Redis so every process agrees."""
from __future__ import annotations

import hashlib
import logging
from typing import Any

log = logging.getLogger(__name__)


class LoginThrottle:
    """Counts failures per email in a key that expires `window_s` after the first one.

    When Redis is unreachable sign-in still works (unthrottled) and the failure is logged: locking
    every member of staff out because Redis is down would be worse than a slower guesser.
    """

    def __init__(self, redis: Any, namespace: str, limit: int = 5, window_s: int = 60) -> None:
        self.redis, self.namespace = redis, namespace
        self.limit, self.window_s = limit, window_s

    def _key(self, email: str) -> str:
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
        return f"{self.namespace}:staff:login-failures:{digest}"

    def blocked(self, email: str) -> bool:
        try:
            return int(self.redis.get(self._key(email)) or 0) >= self.limit
        except Exception as exc:  # noqa: BLE001 - any Redis failure: do not lock staff out
            log.warning("login throttle unavailable (%s); not throttling", type(exc).__name__)
            return False

    def failed(self, email: str) -> None:
        key = self._key(email)
        try:
            pipe = self.redis.pipeline(transaction=True)
            pipe.incr(key)
            pipe.expire(key, self.window_s, nx=True)
            pipe.execute()
        except Exception as exc:  # noqa: BLE001
            log.warning("could not count a failed sign-in (%s)", type(exc).__name__)

    def cleared(self, email: str) -> None:
        try:
            self.redis.delete(self._key(email))
        except Exception:  # noqa: BLE001 - the count expires on its own
            pass
