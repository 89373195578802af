"""Follow-ups from real calls: consent asked on the call, texts through real RQ workers to the Twilio stand-in."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from rq.registry import ScheduledJobRegistry

from app.engine.conversation import TextConversation
from app.engine.engine import CallEngine
from app.flows.loader import load_flows
from app.runtime.handler import CallHandler
from app.runtime.ports import RuntimeLimits, RuntimeServices
from app.runtime.sink import FollowupSink
from app.storage.consent import latest_consent
from app.web.twilio_store import MemoryCallStore
from tests.e2e.keyword_understanding import keyword_understanding
from tests.integration.followup_support import (
    ACCOUNT,
    FROM,
    TOKEN,
    converse,
    make_env,
    spoken_date,
)
from tests.standins.twilio_api import TwilioApiStandin
from tests.unit.test_twilio_runtime import (
    QUIET,
    TONE,
    LoudIsSpeech,
    Scripted,
    Transfers,
    Voice,
    frames,
    msg,
    wait_for,
)
from workers import runtime

NY = ZoneInfo("America/New_York")
PAST_TUESDAY = datetime(2026, 1, 13, 10, 30, tzinfo=NY)
"""Calls placed "in the past" make every follow-up due at once, so the worker decides them now."""
CALL_SID = "CA" + "7" * 32


@pytest.fixture(scope="module")
def flows(flows_dir):
    return load_flows(flows_dir)


@pytest.fixture(scope="module")
def engine(flows):
    return CallEngine(flows, keyword_understanding(flows))


@pytest.fixture()
def api():
    with TwilioApiStandin(ACCOUNT, TOKEN) as standin:
        yield standin


@pytest.fixture()
def env(tmp_path, redis_client, api):
    yield make_env(tmp_path, redis_client, api, datetime(2026, 1, 13, 11, 0, tzinfo=NY))
    runtime.reset()


def run_call(engine: CallEngine, sink: FollowupSink, utterances: list[str]) -> CallHandler:
    """A live call through the media runtime: each utterance is audio, heard by a scripted transcriber."""
    services = RuntimeServices(
        engine=engine, transcriber_factory=lambda: Scripted(*utterances), synthesizer=Voice(), store=MemoryCallStore(),
        transfers=Transfers(), detector_factory=LoudIsSpeech, sink=sink,
        limits=RuntimeLimits(redirect_grace_s=0.05, hangup_wait_s=0.05, stt_timeout_s=5, engine_timeout_s=5))
    sent: list[dict] = []
    handler = CallHandler(services, lambda text: sent.append(json.loads(text)), lambda: None)
    handler.on_message(msg("connected"))
    handler.on_message(msg("start", start={"callSid": CALL_SID, "streamSid": "MZ1",
                                           "customParameters": {"from": "+12125550123", "after_hours": "0"}}))
    for count in range(1, len(utterances) + 1):
        frames(handler, TONE, 30)
        frames(handler, QUIET, 30)
        assert wait_for(lambda n=count: len(handler.session.caller_turns()) >= n and handler.session.turns[-1].role == "bot",
                        timeout=10)
    return handler


def test_booking_call_with_consent_texts_a_confirmation_and_schedules_the_reminder(engine, env) -> None:
    said, visit = spoken_date(10)
    env.clock["now"] = datetime.now(timezone.utc).astimezone(NY).replace(hour=11)  # a daytime worker clock
    sink = FollowupSink(engine.flows, env.db, env.dispatcher())
    handler = run_call(engine, sink, ["I'd like to book a cleaning", "Jane Doe", "a cleaning", said,
                                      "six four six five five five zero one seven seven", "yes please", "yes"])
    # the executor hands the request to the sink after the engine's turn; the sink works on its own threads
    assert wait_for(lambda: latest_consent(env.db, "+16465550177", "sms")[2] is not None, timeout=10)
    assert sink.wait_idle()
    assert latest_consent(env.db, "+16465550177", "sms")[0] is True
    assert env.work_until(lambda: bool(env.texts()))
    [text] = env.texts()
    assert (text["To"], text["From"]) == ("+16465550177", FROM)
    assert "Bright Smile Dental" in text["Body"] and "Jane Doe" in text["Body"] and "Reply STOP" in text["Body"]
    registry = ScheduledJobRegistry(queue=env.queue)
    [reminder] = registry.get_job_ids()
    assert registry.get_scheduled_time(reminder) == (visit - timedelta(hours=24)).astimezone(timezone.utc)
    handler.on_message(msg("stop", stop={"callSid": CALL_SID}))
    handler.on_disconnect()


def test_with_consent_both_texts_go_out_when_due(engine, env) -> None:
    conversation = TextConversation(engine, call_sid=CALL_SID)
    conversation.start(at=PAST_TUESDAY, caller="+12125550123")
    sink = FollowupSink(engine.flows, env.db, env.dispatcher(), clock=lambda: conversation.clock)
    converse(conversation, sink, "I'd like to book a cleaning", "Jane Doe", "a cleaning", "Thursday at 3 pm",
             "six four six five five five zero one seven seven", "sure", "yes")
    assert env.work_until(lambda: len(env.texts()) == 2)
    kinds = sorted(a.detail["kind"] for a in env.audits("followup_sent"))
    assert kinds == ["appointment_reminder", "booking_confirmation"]
    assert any("a reminder of the appointment for Jane Doe" in t["Body"] for t in env.texts())


def test_without_consent_nothing_is_sent_and_each_block_is_audited(engine, env) -> None:
    conversation = TextConversation(engine, call_sid=CALL_SID)
    conversation.start(at=PAST_TUESDAY, caller="+12125550123")
    sink = FollowupSink(engine.flows, env.db, env.dispatcher(), clock=lambda: conversation.clock)
    converse(conversation, sink, "I'd like to book a cleaning", "Jane Doe", "a cleaning", "Thursday at 3 pm",
             "six four six five five five zero one seven seven", "no thanks", "yes")
    assert latest_consent(env.db, "+16465550177", "sms")[:1] == (False,)
    assert env.work_until(lambda: len(env.audits("followup_blocked")) == 2)
    assert {a.detail["reason"] for a in env.audits("followup_blocked")} == {"no recorded sms consent"}
    assert env.texts() == []


def test_after_hours_message_is_acknowledged_at_8am(engine, env) -> None:
    conversation = TextConversation(engine, call_sid=CALL_SID)
    conversation.start(at=datetime(2026, 1, 13, 22, 0, tzinfo=NY), caller="+12125550123")
    env.clock["now"] = datetime(2026, 1, 13, 22, 5, tzinfo=NY)
    sink = FollowupSink(engine.flows, env.db, env.dispatcher(), clock=lambda: conversation.clock)
    converse(conversation, sink, "I want to talk to a real person", "Jane Doe", "yes", "my crown came loose")
    assert env.work_until(lambda: bool(env.audits("followup_deferred")))
    assert env.audits("followup_deferred")[0].detail["until"] == "2026-01-14T08:00:00-05:00"
    env.clock["now"] = datetime(2026, 1, 14, 8, 1, tzinfo=NY)
    assert env.work_until(lambda: bool(env.texts()))
    [text] = env.texts()
    assert text["To"] == "+12125550123" and "we got your message" in text["Body"]


def test_an_acknowledgement_is_not_sent_to_someone_who_declined_texts(engine, env) -> None:
    from app.storage.consent import record_consent

    record_consent(env.db, "+12125550123", channel="sms", granted=False, wording="May we text you?")
    conversation = TextConversation(engine, call_sid=CALL_SID)
    conversation.start(at=datetime(2026, 1, 13, 22, 0, tzinfo=NY), caller="+12125550123")
    env.clock["now"] = datetime(2026, 1, 14, 9, 0, tzinfo=NY)
    sink = FollowupSink(engine.flows, env.db, env.dispatcher(), clock=lambda: conversation.clock)
    converse(conversation, sink, "I want to talk to a real person", "Jane Doe", "yes", "my crown came loose")
    assert env.work_until(lambda: bool(env.audits("followup_blocked")))
    assert env.audits("followup_blocked")[0].detail["reason"] == "the recipient declined texts"
    assert env.texts() == []
