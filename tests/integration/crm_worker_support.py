"""Fixtures for worker jobs that write to the CRM: the HubSpot stand-in and a worker runtime on real Redis."""
from __future__ import annotations

import uuid

import pytest

from app.integrations.crm.hubspot import HubSpotCrm
from app.storage import Database
from tests.standins.hubspot import HubSpotStandIn
from workers import runtime
from workers.queues import SUMMARIES, make_queue


@pytest.fixture()
def hubspot():
    with HubSpotStandIn(token="tok") as standin:
        yield standin


@pytest.fixture()
def env(tmp_path, redis_client, hubspot):
    """(worker runtime, the summaries queue) in a namespace of its own."""
    db = Database(f"sqlite:///{tmp_path / 'fd.sqlite3'}")
    ns = "t" + uuid.uuid4().hex[:8]
    rt = runtime.install(runtime.WorkerRuntime(db=db, crm=HubSpotCrm("tok", host=hubspot.url, timeout=5),
                                               redis=redis_client, namespace=ns, backoff=(0,)))
    yield rt, make_queue(redis_client, SUMMARIES, ns)
    runtime.reset()
