"""Shared fixtures: the demo flows, and a real redis-server on a free port for the whole run."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOWS_DIR = ROOT / "flows"


@pytest.fixture(scope="session")
def flows_dir() -> Path:
    return FLOWS_DIR


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real Redis: FRONTDESK_TEST_REDIS_URL if the environment gives one, else a private redis-server."""
    if os.environ.get("FRONTDESK_TEST_REDIS_URL"):
        yield os.environ["FRONTDESK_TEST_REDIS_URL"]
        return
    from tests.e2e.server import private_redis

    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(private_redis())
        except RuntimeError as exc:
            pytest.fail(str(exc))
        yield url


@pytest.fixture()
def redis_client(redis_url: str):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()
