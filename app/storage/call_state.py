"""Live call state in Redis, so any web process can serve any webhook of a call."""
from __future__ import annotations

import time
from typing import Any

from .keys import RedisKeys


class CallStateStore:
    """Saves each call's JSON under a namespaced key that always expires (`ttl` seconds after the last save)."""

    def __init__(self, redis: Any, namespace: str = "frontdesk", ttl: int = 6 * 3600) -> None:
        if int(ttl) <= 0:
            raise ValueError(f"call state TTL must be a positive number of seconds, got {ttl!r}")
        self.redis = redis
        self.keys = RedisKeys(namespace)
        self.ttl = int(ttl)

    def save(self, call_sid: str, json_str: str) -> None:
        """Store the state and mark the call active; both expire together."""
        key, active = self.keys.call_state(call_sid), self.keys.active_calls()
        pipe = self.redis.pipeline(transaction=True)
        pipe.set(key, json_str, ex=self.ttl)
        pipe.zadd(active, {call_sid: time.time() + self.ttl})
        pipe.expire(active, self.ttl)
        pipe.execute()

    def load(self, call_sid: str) -> str | None:
        raw = self.redis.get(self.keys.call_state(call_sid))
        if raw is None:
            return None
        return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)

    def delete(self, call_sid: str) -> None:
        pipe = self.redis.pipeline(transaction=True)
        pipe.delete(self.keys.call_state(call_sid))
        pipe.zrem(self.keys.active_calls(), call_sid)
        pipe.execute()

    def list_active(self) -> list[str]:
        """Call SIDs whose state has not expired, oldest save first; stale index entries are pruned."""
        active = self.keys.active_calls()
        self.redis.zremrangebyscore(active, "-inf", time.time())
        sids = [s.decode() if isinstance(s, bytes) else s for s in self.redis.zrange(active, 0, -1)]
        if not sids:
            return []
        pipe = self.redis.pipeline(transaction=False)
        for sid in sids:
            pipe.exists(self.keys.call_state(sid))
        alive = pipe.execute()
        gone = [sid for sid, ok in zip(sids, alive) if not ok]
        if gone:
            self.redis.zrem(active, *gone)
        return [sid for sid, ok in zip(sids, alive) if ok]
