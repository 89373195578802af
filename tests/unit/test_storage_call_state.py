"""Redis call state: namespaced keys, always a TTL, active-call listing."""
from __future__ import annotations

import pytest

from app.storage import CallStateStore, InvalidKeyError, RedisKeys


def test_save_load_delete_with_ttl(redis_client) -> None:
    store = CallStateStore(redis_client, namespace="fdtest", ttl=120)
    store.save("CA111", '{"phase": "greeting"}')
    assert store.load("CA111") == '{"phase": "greeting"}'
    key = RedisKeys("fdtest").call_state("CA111")
    assert key.startswith("fdtest:")
    assert 0 < redis_client.ttl(key) <= 120
    assert all(redis_client.ttl(k) > 0 for k in redis_client.keys("fdtest:*"))
    store.delete("CA111")
    assert store.load("CA111") is None
    assert store.list_active() == []


def test_list_active_drops_expired_and_other_namespaces(redis_client) -> None:
    a = CallStateStore(redis_client, namespace="one", ttl=60)
    b = CallStateStore(redis_client, namespace="two", ttl=60)
    a.save("CA1", "{}")
    a.save("CA2", "{}")
    b.save("CA3", "{}")
    redis_client.delete(a.keys.call_state("CA1"))  # as if it expired
    assert a.list_active() == ["CA2"]
    assert b.list_active() == ["CA3"]


@pytest.mark.parametrize("bad", ["", "CA1:other", "a b", "x" * 200, "../etc"])
def test_unsafe_ids_are_refused(redis_client, bad: str) -> None:
    with pytest.raises(InvalidKeyError):
        CallStateStore(redis_client, namespace="fd", ttl=60).save(bad, "{}")


def test_ttl_must_be_positive(redis_client) -> None:
    with pytest.raises(ValueError):
        CallStateStore(redis_client, ttl=0)
