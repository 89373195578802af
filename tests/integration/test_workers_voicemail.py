"""Voicemails become CRM callback tasks through real RQ workers, Redis and the HubSpot stand-in."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.storage import Database, outbox, record_call
from app.storage.voicemail import VOICEMAIL, keep_voicemail, voicemail_detail
from tests.integration.crm_worker_support import env, hubspot
from tests.standins.harness import drain, sample_record
from tests.standins.hubspot import HubSpotStandIn
from workers.queues import enqueue_voicemail
from workers.reconcile import reconcile

RECORDING = "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE1"

__all__ = ["env", "hubspot"]


def _settled(db: Database, sid: str):
    return lambda: (outbox.get_entry(db, sid, kind=VOICEMAIL) or outbox.OutboxState(sid, "?", 0, None, None, None)
                    ).status != "pending"


def _tasks(hubspot: HubSpotStandIn) -> list[dict]:
    with hubspot.lock:
        return list(hubspot.objects["tasks"].values())


def test_a_voicemail_is_kept_once_and_owed_once(env) -> None:
    rt, _ = env
    detail = {"recording_url": RECORDING, "seconds": "14", "status": "completed"}
    assert keep_voicemail(rt.db, "CAVM0", detail) is True
    assert keep_voicemail(rt.db, "CAVM0", {**detail, "seconds": "15"}) is False  # Twilio retried its callback
    assert outbox.get_entry(rt.db, "CAVM0", kind=VOICEMAIL).status == "pending"
    assert voicemail_detail(rt.db, "CAVM0")["seconds"] == "15"


def test_the_task_names_the_caller_and_carries_the_recording_after_crm_errors(env, hubspot) -> None:
    rt, queue = env
    record_call(rt.db, sample_record("CAVM1", outcome="transferred"))
    keep_voicemail(rt.db, "CAVM1", {"recording_url": RECORDING, "seconds": "14", "status": "completed"})
    hubspot.inject(500, times=2, path="/crm/v3/objects/tasks")
    assert enqueue_voicemail(queue, "CAVM1") is not None
    assert enqueue_voicemail(queue, "CAVM1") is None  # one job per call
    assert drain([queue], rt.redis, _settled(rt.db, "CAVM1"))
    entry = outbox.get_entry(rt.db, "CAVM1", kind=VOICEMAIL)
    assert entry.status == "delivered" and entry.attempts == 3
    [task] = _tasks(hubspot)
    props = task["properties"]
    assert "left a voicemail (14 s)" in props["hs_task_subject"]
    assert RECORDING in props["hs_task_body"] and "+12125550123" in props["hs_task_body"]
    assert outbox.get_entry(rt.db, "CAVM1").status == "pending"  # the summary is a separate duty


def test_a_voicemail_before_the_call_record_still_reaches_the_crm_with_the_live_caller(env, hubspot) -> None:
    rt, queue = env
    keep_voicemail(rt.db, "CAVM2", {"recording_url": RECORDING, "seconds": "9", "status": "completed",
                                    "caller": "+13105550199"})
    enqueue_voicemail(queue, "CAVM2")
    assert drain([queue], rt.redis, _settled(rt.db, "CAVM2"))
    [task] = _tasks(hubspot)
    assert "+13105550199" in task["properties"]["hs_task_subject"]


def test_the_reconciler_queues_a_voicemail_task_that_redis_lost(env, hubspot) -> None:
    rt, queue = env
    keep_voicemail(rt.db, "CAVM3", {"recording_url": RECORDING, "seconds": "5", "status": "completed"})
    later = datetime.now(timezone.utc) + timedelta(minutes=5)
    counts = reconcile(rt.db, queue, now=later)
    assert counts["requeued"] == 1
    assert drain([queue], rt.redis, _settled(rt.db, "CAVM3"))
    assert outbox.get_entry(rt.db, "CAVM3", kind=VOICEMAIL).status == "delivered" and len(_tasks(hubspot)) == 1
    assert reconcile(rt.db, queue, now=later + timedelta(minutes=5))["requeued"] == 0
