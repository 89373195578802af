"""Simulated calls through real HTTP and WebSocket against the app served by gunicorn, with real Redis."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import redis
import requests
from sqlalchemy import func, select

from app.integrations.twilio.caller_audio import Step
from app.integrations.twilio.simulator import place_call
from tests.e2e.observe import live_state, wait_until
from tests.e2e.server import AUTH_TOKEN, Served, serve

pytestmark = pytest.mark.timeout(240)
SPEED = 2.0  # both sides of the line run twice as fast as real time; the conversation is the same


@pytest.fixture(scope="module")
def served(redis_url: str):
    with serve(redis_url) as server:
        yield server


def records(served: Served, call_sid: str) -> int:
    from app.storage.database import Database
    from app.storage.models import CallRecord

    db = Database(served.sql_url)
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(CallRecord).where(CallRecord.call_sid == call_sid))


def call(served: Served, steps: list[Step], **kwargs):
    kwargs.setdefault("speed", SPEED)
    return place_call(served.base, steps, auth_token=AUTH_TOKEN, **kwargs)


def test_booking_call(served: Served, redis_url: str) -> None:
    result = call(served, [
        Step("say", "Hi, I'd like to book a cleaning please."),
        Step("say", "My name is John Smith."),
        Step("say", "It's for a cleaning."),
        Step("say", "Next Tuesday at ten in the morning."),
        Step("dtmf", "2125550123#"),
        Step("say", "Yes, you can text me."),
        Step("say", "Yes, that's right."),
    ], speed=3.0)
    assert result.streamed and result.bot_audio_s > 3
    data = live_state(redis_url, result.call_sid, until=lambda s: s.get("ended_at"))
    assert data["call_type"] == "book_appointment", data["turns"]
    caller_turns = [t["text"] for t in data["turns"] if t["role"] == "caller" and t["text"]]
    assert len(caller_turns) >= 4
    assert data["slots"].get("patient_name")
    assert any(t.get("first_audio_ms") is not None and t.get("transcript_ms") is not None for t in data["timings"])
    # the live state is saved just before the SQL record is written: give the record a moment
    assert wait_until(lambda: records(served, result.call_sid) >= 1)
    assert records(served, result.call_sid) == 1
    from rq.job import Job
    from rq.serializers import JSONSerializer

    from workers.queues import summary_job_id

    job = Job.fetch(summary_job_id(result.call_sid), connection=redis.Redis.from_url(redis_url),
                    serializer=JSONSerializer)  # queued when the call ended, not only by the reconciler
    assert job.args == [result.call_sid]


def test_human_request_over_the_bots_prompt(served: Served, redis_url: str) -> None:
    result = call(served, [Step("say", "I want to talk to a real person please.", barge_in=True, barge_in_after_s=0.8)])
    assert result.clears >= 1  # the greeting was cut off when the caller spoke over it
    updates = served.api.call_updates(result.call_sid)
    assert len(updates) == 1 and "<Conference" in updates[0].form["Twiml"]  # on hold while staff are rung
    assert wait_until(lambda: any(form.get("To") == "+12125550111" and result.call_sid in form.get("Url", "")
                                  for form in list(served.api.created.values())))  # the front desk's first member
    data = live_state(redis_url, result.call_sid, until=lambda s: s.get("ended_at"))
    assert data["escalation"]["reason"] == "human_request"
    assert data["outcome"] == "transferred"


def test_dtmf_zero_transfers_at_once(served: Served, redis_url: str) -> None:
    result = call(served, [Step("dtmf", "0", barge_in=True, barge_in_after_s=0.3)])
    updates = served.api.call_updates(result.call_sid)
    assert len(updates) == 1 and "<Dial" in updates[0].form["Twiml"]
    data = live_state(redis_url, result.call_sid)
    assert data["escalation"]["reason"] == "human_request"


def test_bad_signature_gets_403_and_nothing_else(served: Served) -> None:
    result = place_call(served.base, [Step("say", "hello")], auth_token="not-the-token")
    assert result.status_code == 403 and not result.streamed
    unsigned = requests.post(f"{served.base}/twilio/voice", data={"CallSid": "CA" + "1" * 32}, timeout=5)
    assert unsigned.status_code == 403 and "Stream" not in unsigned.text


def test_socket_that_drops_still_ends_the_record_once(served: Served, redis_url: str) -> None:
    result = call(served, [Step("say", "Hello, I have a question.")], send_stop=False, end_wait_s=0.5)
    assert result.streamed
    data = live_state(redis_url, result.call_sid, until=lambda s: s.get("ended_at"))
    assert data.get("ended_at"), "the call record was not ended"
    time.sleep(0.5)
    assert records(served, result.call_sid) == 1


def test_stream_with_a_forged_token_is_refused(served: Served, redis_url: str) -> None:
    import simple_websocket

    ws = simple_websocket.Client.connect(served.base.replace("http", "ws") + "/twilio/media")
    ws.send(json.dumps({"event": "start", "streamSid": "MZ1", "start": {
        "callSid": "CA" + "f" * 32, "streamSid": "MZ1", "customParameters": {"token": "forged"}}}))
    with pytest.raises(simple_websocket.ConnectionClosed):
        for _ in range(50):
            ws.receive(timeout=0.1)
    assert live_state(redis_url, "CA" + "f" * 32, wait_s=0.3) == {}


def test_stt_that_raises_ends_with_a_person(served: Served, redis_url: str) -> None:
    flag = Path(served.data_dir) / "stt-fails"  # the test app fails speech-to-text while this exists
    flag.touch()
    try:
        result = call(served, [Step("say", "I'd like to book a cleaning.")])
    finally:
        flag.unlink()
    updates = served.api.call_updates(result.call_sid)
    assert len(updates) == 1 and "<Dial" in updates[0].form["Twiml"]
    data = live_state(redis_url, result.call_sid)
    assert data["escalation"]["reason"] == "system_failure"
    assert data["escalation"]["target"] == "front_desk"
