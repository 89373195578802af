"""Follow-ups through a real RQ worker: quiet hours in the recipient's zone, STOP, consent."""
from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from rq.registry import ScheduledJobRegistry
from sqlalchemy import select

from app.integrations.crm.builtin import BuiltinCrm
from app.storage import Database
from app.storage.consent import record_consent, record_inbound_sms
from app.storage.models import AuditEntry
from tests.standins.harness import drain
from workers import runtime
from workers.followups import FollowUp, schedule_followup
from workers.queues import FOLLOWUPS, make_queue

NY = ZoneInfo("America/New_York")
LA_NUMBER, NY_NUMBER = "+13105550142", "+12125550123"


@pytest.fixture()
def env(tmp_path, redis_client):
    db = Database(f"sqlite:///{tmp_path / 'fd.sqlite3'}")
    ns = "f" + uuid.uuid4().hex[:8]
    clock = {"now": datetime(2026, 11, 24, 20, 58, tzinfo=NY)}
    rt = runtime.install(runtime.WorkerRuntime(db=db, crm=BuiltinCrm(db), redis=redis_client, namespace=ns,
                                               clock=lambda: clock["now"]))
    yield rt, make_queue(redis_client, FOLLOWUPS, ns), clock
    runtime.reset()


def _audit(db: Database, action: str) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def _followup(to: str, key: str, **kw) -> FollowUp:
    return FollowUp(kind="booking_confirmation", to=to, body="You're booked for Tuesday at 10.",
                    send_at="2026-01-01T00:00:00+00:00", key=key, **kw)


def test_858pm_local_is_deferred_to_8am(env) -> None:
    rt, queue, _ = env
    record_consent(rt.db, NY_NUMBER, channel="sms", granted=True, wording="May we text you a confirmation?")
    assert schedule_followup(queue, _followup(NY_NUMBER, "bk-1"))
    assert schedule_followup(queue, _followup(NY_NUMBER, "bk-1")) is None
    assert drain([queue], rt.redis, lambda: bool(_audit(rt.db, "followup_deferred")))
    entry = _audit(rt.db, "followup_deferred")[0]
    assert entry.detail["until"] == "2026-11-25T08:00:00-05:00"
    assert not rt.sender.sent
    scheduled = ScheduledJobRegistry(queue=queue).get_job_ids()
    assert len(scheduled) == 1
    when = ScheduledJobRegistry(queue=queue).get_scheduled_time(scheduled[0])
    assert when.astimezone(NY) == datetime(2026, 11, 25, 8, 0, tzinfo=NY)


def test_same_moment_is_fine_for_a_caller_three_hours_behind(env) -> None:
    rt, queue, _ = env
    record_consent(rt.db, LA_NUMBER, channel="sms", granted=True, wording="May we text you a confirmation?")
    schedule_followup(queue, _followup(LA_NUMBER, "bk-la"))
    assert drain([queue], rt.redis, lambda: bool(_audit(rt.db, "followup_sent")))
    assert rt.sender.sent == [("sms", LA_NUMBER, "You're booked for Tuesday at 10.")]


def test_number_that_texted_stop_is_blocked(env) -> None:
    rt, queue, clock = env
    clock["now"] = datetime(2026, 11, 24, 11, 0, tzinfo=NY)
    record_consent(rt.db, NY_NUMBER, channel="sms", granted=True, wording="May we text you a confirmation?")
    record_inbound_sms(rt.db, NY_NUMBER, "STOP")
    schedule_followup(queue, _followup(NY_NUMBER, "bk-stop"))
    assert drain([queue], rt.redis, lambda: bool(_audit(rt.db, "followup_blocked")))
    assert "opted out" in _audit(rt.db, "followup_blocked")[0].detail["reason"]
    assert not rt.sender.sent


def test_consent_rules(env) -> None:
    rt, queue, clock = env
    clock["now"] = datetime(2026, 11, 24, 11, 0, tzinfo=NY)
    schedule_followup(queue, _followup(NY_NUMBER, "no-consent"))
    record_consent(rt.db, LA_NUMBER, channel="voice_ai", granted=True, wording="May our assistant call you?")
    schedule_followup(queue, _followup(LA_NUMBER, "voice", channel="call"))
    assert drain([queue], rt.redis, lambda: len(_audit(rt.db, "followup_blocked")) == 2)
    reasons = sorted(e.detail["reason"] for e in _audit(rt.db, "followup_blocked"))
    assert reasons == ["an AI-voice call needs written consent on record", "no recorded sms consent"]
    assert not rt.sender.sent


def test_bad_followups_are_refused() -> None:
    with pytest.raises(ValueError):
        _followup("not a number", "x")
    with pytest.raises(ValueError):
        FollowUp(kind="spam", to=NY_NUMBER, body="", send_at="2026-01-01T00:00:00Z", key="y")
