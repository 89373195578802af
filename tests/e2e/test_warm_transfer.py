"""Warm transfers end to end: the app under gunicorn, the Twilio REST stand-in, simulated staff phones."""
from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET

import pytest
import redis
from sqlalchemy import select

from app.integrations.twilio import simulator
from app.integrations.twilio.caller_audio import Step
from app.integrations.twilio.simulator import CallResult, place_call
from app.integrations.twilio.staff_phones import StaffPhones
from tests.e2e.observe import live_state, stored
from tests.e2e.server import AUTH_TOKEN, Served, serve

pytestmark = pytest.mark.timeout(300)
SPEED = 2.0
MARIA, JAMES, LINDA = "+12125550111", "+12125550112", "+12125550114"
HUMAN = [Step("say", "Can I talk to a real person please?")]


@pytest.fixture(scope="module")
def served(redis_url: str):
    with serve(redis_url) as server:
        yield server


def hold_twiml(served: Served, call_sid: str) -> ET.Element:
    updates = [u.form.get("Twiml", "") for u in served.api.call_updates(call_sid)]
    held = [t for t in updates if "<Conference" in t]
    assert held, f"the caller was never put on hold: {updates}"
    return ET.fromstring(held[0])


def talk(served: Served, steps=HUMAN) -> CallResult:
    return place_call(served.base, steps, auth_token=AUTH_TOKEN, speed=SPEED)


def test_first_staff_member_accepts(served: Served, redis_url: str) -> None:
    with StaffPhones(served.base, AUTH_TOKEN, served.api, {MARIA: "accept"}) as phones:
        result = talk(served)
        assert phones.wait_for(lambda p: any(leg.joined for leg in p.legs_of(result.call_sid)), 45), \
            (phones.legs_of(result.call_sid), [u.form for u in served.api.call_updates(result.call_sid)])
    hold = hold_twiml(served, result.call_sid)
    conference = hold.find("./Dial/Conference")
    assert conference.text == f"frontdesk-{result.call_sid}"
    assert conference.get("startConferenceOnEnter") == "false"  # the caller hears hold audio until staff join
    assert hold.find("./Say") is not None  # "connecting you" first
    [leg] = phones.legs_of(result.call_sid)
    assert leg.phone == MARIA
    whisper = ET.fromstring(leg.whisper).find("./Gather")
    spoken = whisper.find("./Say").text
    assert "asked for a person" in spoken and "Press 1" in spoken
    assert f"frontdesk-{result.call_sid}" in leg.accept_reply
    data = live_state(redis_url, result.call_sid, 20.0, lambda s: (s.get("transfer") or {}).get("status") == "accepted")
    assert data["transfer"]["accepted_by"] == "maria"
    record = stored(served, result.call_sid)
    assert record is not None and record["outcome"] == "transferred"
    texts = [m.form for m in served.api.of_kind("message") if m.form.get("To") == MARIA]
    assert any(f"/staff/calls/{result.call_sid}" in t["Body"] for t in texts)


def test_first_declines_second_accepts(served: Served, redis_url: str) -> None:
    with StaffPhones(served.base, AUTH_TOKEN, served.api, {MARIA: "decline", JAMES: "accept"}) as phones:
        result = talk(served)
        assert phones.wait_for(lambda p: any(leg.joined for leg in p.legs_of(result.call_sid)), 45), \
            (phones.legs_of(result.call_sid), [u.form for u in served.api.call_updates(result.call_sid)])
    mine = phones.legs_of(result.call_sid)
    assert [leg.phone for leg in mine] == [MARIA, JAMES]
    assert [leg.joined for leg in mine] == [False, True]
    data = live_state(redis_url, result.call_sid, 20.0, lambda s: (s.get("transfer") or {}).get("status") == "accepted")
    assert data["transfer"]["accepted_by"] == "james" and data["transfer"]["tried"] == ["maria", "james"]


def test_nobody_answers_the_bot_takes_a_message_and_leaves_a_callback_task(served: Served, redis_url: str) -> None:
    with StaffPhones(served.base, AUTH_TOKEN, served.api, {}, default="no_answer") as phones:
        result = talk(served)
        assert phones.wait_for(lambda p: len(p.legs_of(result.call_sid)) >= 3, 45), phones.legs_of(result.call_sid)
        back = wait_for_resume(served, result.call_sid)
    assert [leg.phone for leg in phones.legs_of(result.call_sid)] == [MARIA, JAMES, LINDA]  # front desk, then its fallback
    stream = back.find("./Connect/Stream")
    params = {p.get("name"): p.get("value") for p in stream.findall("Parameter")}
    assert params["resume"] == "office_manager" and params["token"]
    follow = CallResult(call_sid=result.call_sid, twiml=ET.tostring(back, encoding="unicode"))
    socket_url = served.base.replace("http", "ws") + "/twilio/media"
    simulator._stream(socket_url, result.call_sid, "AC" + "0" * 32, params, [
        Step("say", "My name is Laura Chen."),
        Step("dtmf", "2125550177#"),
        Step("say", "I have a question about my bill."),
    ], follow, end_wait_s=4.0, max_wait_s=20.0, send_stop=True, voice="slt",
        deadline=time.monotonic() + 120, speed=SPEED)
    assert follow.bot_audio_s > 2  # the bot came back and spoke: never silence
    record = stored(served, result.call_sid)
    assert record is not None and record["outcome"] == "message_taken", record and record.get("turns")
    assert record["message"]["why"] == "no_answer" and record["message"]["number"]
    task = callback_task(served, redis_url, result.call_sid)
    assert task.phone == record["message"]["number"] and "Call back" in task.title


def test_caller_hangs_up_on_hold(served: Served, redis_url: str) -> None:
    with StaffPhones(served.base, AUTH_TOKEN, served.api, {MARIA: "no_answer"}, ring_s=30.0) as phones:
        result = talk(served)
        assert phones.wait_for(lambda p: any(leg.phone == MARIA for leg in p.legs_of(result.call_sid)))
        assert phones.caller_event(result.call_sid, "participant-join").status_code == 200
        assert phones.caller_event(result.call_sid, "participant-leave").status_code == 200
    [leg] = phones.legs_of(result.call_sid)
    data = live_state(redis_url, result.call_sid, 20.0, lambda s: (s.get("transfer") or {}).get("status") == "abandoned")
    assert data["transfer"]["status"] == "abandoned"
    hung_up = [u for u in served.api.call_updates(leg.leg_sid) if u.form.get("Status") == "completed"]
    assert hung_up, "the staff leg still ringing was not hung up"
    record = stored(served, result.call_sid)
    assert record is not None and record["outcome"] == "abandoned"
    task = callback_task(served, redis_url, result.call_sid)
    assert "hung up on hold" in task.title
    reminder = staff_reminder(served, result.call_sid)
    assert reminder is not None, "the front desk was not reminded to call back"
    assert "hung up on hold" in json.dumps(reminder.payload) and MARIA in json.dumps(reminder.payload)


def staff_reminder(served: Served, call_sid: str):
    from app.storage import followup_outbox
    from app.storage.database import Database

    digits = MARIA.lstrip("+")
    return followup_outbox.get(Database(served.sql_url), f"{call_sid}-staff-{digits}")


def wait_for_resume(served: Served, call_sid: str, wait_s: float = 30.0) -> ET.Element:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        for update in served.api.call_updates(call_sid):
            if "<Stream" in update.form.get("Twiml", ""):
                return ET.fromstring(update.form["Twiml"])
        time.sleep(0.1)
    raise AssertionError("the caller was never brought back to the bot")


def callback_task(served: Served, redis_url: str, call_sid: str):
    """Run the server's summary queue as a worker would (real RQ, the served database); the task it left."""
    from app.integrations.crm.builtin import BuiltinCrm
    from app.storage.database import Database
    from app.storage.models import Task
    from tests.standins.harness import drain
    from workers import runtime
    from workers.queues import SUMMARIES, enqueue_summary, make_queue

    db = Database(served.sql_url)
    client = redis.Redis.from_url(redis_url)
    rt = runtime.install(runtime.WorkerRuntime(db=db, crm=BuiltinCrm(db), redis=client, namespace="frontdesk",
                                               backoff=(0,)))
    try:
        queue = make_queue(client, SUMMARIES, "frontdesk")
        enqueue_summary(queue, call_sid)  # normally already queued by the server when the record was stored

        def task():
            with db.session() as s:
                return s.scalar(select(Task).where(Task.key == f"callback-{call_sid}"))

        assert drain([queue], client, lambda: task() is not None), "no callback task was created"
        assert rt is runtime.current()
        return task()
    finally:
        runtime.reset()
