"""Call summaries through real RQ workers and a real Redis, against the local HubSpot stand-in."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from rq.registry import ScheduledJobRegistry

from app.integrations.crm.hubspot import HubSpotCrm
from app.storage import Database, outbox, record_call
from tests.integration.crm_worker_support import env, hubspot
from tests.standins.harness import drain, sample_record
from workers.queues import enqueue_summary, summary_job_id
from workers.reconcile import reconcile, retry_failed

__all__ = ["env", "hubspot"]


def _delivered(db: Database, sid: str):
    return lambda: (outbox.get_entry(db, sid) or outbox.OutboxState(sid, "?", 0, None, None, None)).status != "pending"


def test_three_500s_then_success_writes_one_call(env, hubspot) -> None:
    rt, queue = env
    record_call(rt.db, sample_record("CA500"))
    hubspot.inject(500, times=3, path="/crm/v3/objects/calls")
    assert enqueue_summary(queue, "CA500") is not None
    assert enqueue_summary(queue, "CA500") is None  # unique job id per call SID
    assert drain([queue], rt.redis, _delivered(rt.db, "CA500"))
    entry = outbox.get_entry(rt.db, "CA500")
    assert entry.status == "delivered" and entry.attempts == 4
    calls = hubspot.calls()
    assert len(calls) == 1 and calls[0]["properties"]["frontdesk_call_sid"] == "CA500"
    assert hubspot.count("PATCH", "/crm/v3/objects/calls", 500) + hubspot.count("POST", "/crm/v3/objects/calls", 500) == 3


def test_summary_is_redacted(env, hubspot) -> None:
    rt, queue = env
    record_call(rt.db, sample_record("CARED"))
    enqueue_summary(queue, "CARED")
    assert drain([queue], rt.redis, _delivered(rt.db, "CARED"))
    body = hubspot.calls()[0]["properties"]["hs_call_body"]
    for secret in ("4111", "078-05-1120", "1984", "February 29"):
        assert secret not in body
    assert "[card number]" in body and "[ssn]" in body and "[date of birth]" in body
    assert "human_request" in body and "Call back Dana Ruiz" in body


def test_429_retry_after_is_honoured(env, hubspot) -> None:
    rt, queue = env
    record_call(rt.db, sample_record("CA429"))
    hubspot.inject(429, retry_after="3", path="/crm/v3/objects/calls")
    enqueue_summary(queue, "CA429")
    before = time.time()
    from rq import SimpleWorker
    from rq.serializers import JSONSerializer
    SimpleWorker([queue], connection=rt.redis, serializer=JSONSerializer).work(burst=True)
    registry = ScheduledJobRegistry(queue=queue)
    when = registry.get_scheduled_time(summary_job_id("CA429"))
    assert when >= datetime.fromtimestamp(before + 2, tz=timezone.utc)  # at least Retry-After (whole seconds)
    assert outbox.get_entry(rt.db, "CA429").status == "pending"
    assert drain([queue], rt.redis, _delivered(rt.db, "CA429"), timeout=30)
    assert outbox.get_entry(rt.db, "CA429").status == "delivered"
    assert hubspot.count("PATCH", "/crm/v3/objects/calls", 429) == 1 and len(hubspot.calls()) == 1


def test_flushed_redis_is_recovered_by_the_reconciler(env, hubspot, redis_client) -> None:
    rt, queue = env
    record_call(rt.db, sample_record("CAFLUSH"))
    enqueue_summary(queue, "CAFLUSH")
    redis_client.flushdb()
    drain([queue], rt.redis, lambda: False, timeout=0.5)
    assert outbox.get_entry(rt.db, "CAFLUSH").status == "pending" and not hubspot.calls()
    later = datetime.now(timezone.utc) + timedelta(minutes=5)
    assert reconcile(rt.db, queue, now=later)["requeued"] == 1
    assert reconcile(rt.db, queue, now=later) == {"checked": 1, "requeued": 0, "in_flight": 1}
    assert drain([queue], rt.redis, _delivered(rt.db, "CAFLUSH"))
    assert len(hubspot.calls()) == 1
    assert reconcile(rt.db, queue, now=later + timedelta(minutes=5))["checked"] == 0


def test_permanent_error_is_parked_for_staff_then_retried(env, hubspot) -> None:
    rt, queue = env
    record_call(rt.db, sample_record("CA401"))
    rt.crm = HubSpotCrm("revoked-token", host=hubspot.url, timeout=5)
    enqueue_summary(queue, "CA401")
    assert drain([queue], rt.redis, _delivered(rt.db, "CA401"))
    entry = outbox.get_entry(rt.db, "CA401")
    assert entry.status == "failed" and "401" in entry.last_error and not hubspot.calls()
    rt.crm = HubSpotCrm("tok", host=hubspot.url, timeout=5)
    assert retry_failed(rt.db, queue, "CA401")
    assert drain([queue], rt.redis, _delivered(rt.db, "CA401"))
    assert outbox.get_entry(rt.db, "CA401").status == "delivered" and len(hubspot.calls()) == 1


def test_temporary_errors_give_up_after_max_attempts(env, hubspot) -> None:
    rt, queue = env
    rt.max_attempts = 3
    record_call(rt.db, sample_record("CAMAX"))
    hubspot.inject(503, times=10, path="/crm/v3/objects/calls")
    enqueue_summary(queue, "CAMAX")
    assert drain([queue], rt.redis, _delivered(rt.db, "CAMAX"))
    entry = outbox.get_entry(rt.db, "CAMAX")
    assert entry.status == "failed" and entry.attempts == 3 and "gave up" in entry.last_error
