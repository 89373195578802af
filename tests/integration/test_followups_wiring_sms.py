"""STOP by text through the signed SMS webhook, Redis down when a follow-up is planned, staff callback reminders."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import redis as redis_lib
from flask import Flask
from rq.registry import ScheduledJobRegistry

from app.engine.conversation import TextConversation
from app.engine.engine import CallEngine
from app.flows.loader import load_flows
from app.integrations.twilio.signature import SignatureChecker
from app.runtime.sink import FollowupSink
from app.storage import followup_outbox
from app.storage.consent import latest_consent, opt_out_reason
from app.web.twilio_setup import TwilioWeb
from app.web.twilio_sms import blueprint as sms_blueprint
from app.web.twilio_voice import EXTENSION
from tests.e2e.keyword_understanding import keyword_understanding
from tests.e2e.server import free_port
from tests.integration.followup_support import (
    ACCOUNT,
    TOKEN,
    converse,
    make_env,
    spoken_date,
)
from tests.standins.twilio_api import TwilioApiStandin
from workers import runtime
from workers.dispatch import reconcile
from workers.followups import FollowUp, schedule_staff_callback_reminder

NY = ZoneInfo("America/New_York")
CALLER = "+12125550123"
BOOKING = ("I'd like to book a cleaning", "Jane Doe", "a cleaning", "Thursday at 3 pm",
           "two one two five five five zero one two three", "yes", "yes")


@pytest.fixture(scope="module")
def engine(flows_dir):
    flows = load_flows(flows_dir)
    return CallEngine(flows, keyword_understanding(flows))


@pytest.fixture()
def api():
    with TwilioApiStandin(ACCOUNT, TOKEN) as standin:
        yield standin


@pytest.fixture()
def env(tmp_path, redis_client, api):
    yield make_env(tmp_path, redis_client, api, datetime(2026, 1, 13, 11, 0, tzinfo=NY))
    runtime.reset()


@pytest.fixture()
def sms(env):
    """The SMS webhook on a Flask app, checking Twilio signatures like production, and a signer."""
    app = Flask(__name__)
    app.extensions[EXTENSION] = TwilioWeb(settings=env.settings)
    app.register_blueprint(sms_blueprint)
    signer = SignatureChecker(TOKEN, env.settings.public_url or "")
    client = app.test_client()

    def post(form: dict[str, str], signed: bool = True):
        headers = {"X-Twilio-Signature": signer.sign("/twilio/sms", form)} if signed else {}
        return client.post("/twilio/sms", data=form, headers=headers)

    return post


def booking_call(engine: CallEngine, env, sink_redis=None, at: datetime | None = None) -> FollowupSink:
    """A booking with consent; by default placed in the past, so both texts are due at once."""
    conversation = TextConversation(engine, call_sid="CA" + "8" * 32)
    conversation.start(at=at or datetime(2026, 1, 13, 10, 30, tzinfo=NY), caller=CALLER)
    sink = FollowupSink(engine.flows, env.db, env.dispatcher(sink_redis), clock=lambda: conversation.clock)
    booking = BOOKING if at is None else (*BOOKING[:3], spoken_date(10)[0], *BOOKING[4:])
    converse(conversation, sink, *booking)
    return sink


def just_now() -> datetime:
    return datetime.now(timezone.utc) - timedelta(minutes=2)


def test_stop_texted_before_the_call_blocks_the_followups(engine, env, sms) -> None:
    answer = sms({"MessageSid": "SM1", "AccountSid": ACCOUNT, "From": CALLER, "To": "+12125550100", "Body": " Stop "})
    assert answer.status_code == 200 and answer.mimetype == "application/xml"
    assert opt_out_reason(env.db, CALLER) == "sms_keyword:STOP"
    booking_call(engine, env)
    assert latest_consent(env.db, CALLER, "sms")[0]  # a "yes" on the call does not undo STOP; START does
    assert env.work_until(lambda: len(env.audits("followup_blocked")) == 2)
    assert {a.detail["reason"] for a in env.audits("followup_blocked")} == {"opted out (sms_keyword:STOP)"}
    assert env.texts() == []


def test_the_webhook_refuses_unsigned_and_malformed_texts_and_start_undoes_stop(env, sms) -> None:
    form = {"MessageSid": "SM2", "From": CALLER, "Body": "STOP"}
    assert sms(form, signed=False).status_code == 403
    assert sms({"MessageSid": "SM3", "From": "nobody", "Body": "STOP"}).status_code == 400
    assert opt_out_reason(env.db, CALLER) is None
    sms({"MessageSid": "SM4", "From": CALLER, "Body": "see you then", "OptOutType": "STOP"})
    assert opt_out_reason(env.db, CALLER) == "sms_keyword:STOP"  # Advanced Opt-Out's verdict wins over the body
    sms({"MessageSid": "SM5", "From": CALLER, "Body": "START"})
    assert opt_out_reason(env.db, CALLER) is None


def test_redis_down_while_planning_the_reconciler_sends_it_later(engine, env) -> None:
    down = redis_lib.Redis(port=free_port(), socket_connect_timeout=0.2, socket_timeout=0.2)
    booking_call(engine, env, sink_redis=down, at=just_now())
    pending = followup_outbox.open_rows(env.db, now=datetime.now(timezone.utc) + timedelta(minutes=1))
    assert {p.status for p in pending} == {"pending"} and len(pending) == 2
    assert all("Redis unavailable" in (p.last_error or "") for p in pending)
    counts = reconcile(env.db, env.redis, env.namespace, now=datetime.now(timezone.utc) + timedelta(minutes=1))
    assert counts["scheduled"] == 2
    assert env.work_until(lambda: len(env.texts()) == 1)  # the confirmation; the reminder waits for its day
    assert len(ScheduledJobRegistry(queue=env.queue).get_job_ids()) == 1
    again = reconcile(env.db, env.redis, env.namespace, now=datetime.now(timezone.utc) + timedelta(minutes=2))
    assert again == {"checked": 1, "scheduled": 0, "in_flight": 1, "expired": 0, "failed": 0}
    assert len(env.texts()) == 1  # nothing twice


def test_a_job_lost_with_redis_is_scheduled_again_and_sent_once(engine, env) -> None:
    booking_call(engine, env, at=just_now())
    env.redis.flushdb()  # Redis lost everything it held
    counts = reconcile(env.db, env.redis, env.namespace, now=datetime.now(timezone.utc) + timedelta(minutes=1))
    assert counts["scheduled"] == 2
    assert env.work_until(lambda: len(env.texts()) == 1)
    assert len(ScheduledJobRegistry(queue=env.queue).get_job_ids()) == 1


def test_followups_lost_long_ago_are_dropped_not_sent_late(env) -> None:
    old = FollowUp(kind="booking_confirmation", to=CALLER, body="Booked.", key="CAold-confirm",
                   send_at=(datetime.now(timezone.utc) - timedelta(days=2)).isoformat())
    down = redis_lib.Redis(port=free_port(), socket_connect_timeout=0.2, socket_timeout=0.2)
    assert env.dispatcher(down).followup(old) is False
    counts = reconcile(env.db, env.redis, env.namespace, now=datetime.now(timezone.utc) + timedelta(minutes=1))
    assert counts["expired"] == 1 and followup_outbox.get(env.db, "CAold-confirm").status == "failed"
    assert env.audits("followup_expired")


def test_staff_callback_reminder_for_a_missed_transfer(env) -> None:
    due = datetime(2026, 1, 13, 11, 0, tzinfo=NY)
    key = schedule_staff_callback_reminder(env.dispatcher(), "CA" + "9" * 32, "+12125550111", CALLER,
                                           "billing question", due, caller_name="Jane Doe")
    assert followup_outbox.get(env.db, key).status == "queued"
    assert env.work_until(lambda: bool(env.texts()))
    [text] = env.texts()
    assert text["To"] == "+12125550111"
    assert "call back Jane Doe at +12125550123" in text["Body"] and "billing question" in text["Body"]
    assert followup_outbox.get(env.db, key).status == "done"
    direct = schedule_staff_callback_reminder(env.queue, "CA" + "a" * 32, "+12125550112", None, "", due)
    assert direct.endswith("-staff-12125550112")
    assert env.work_until(lambda: len(env.texts()) == 2)
    assert "call back the caller at an unknown number" in env.texts()[1]["Body"]
