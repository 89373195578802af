"""Test calls from the browser's protocol, over real sockets: typed and spoken calls, passes, bad input.

The app is served as production wires it (real engine, embedded speech and voice, Redis and SQLite);
the client does what the page does with sound off.
"""
from __future__ import annotations

import base64
import json
import re
import tempfile

import pytest
import redis
import requests
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select

from app.flows.schema import localize
from app.integrations.twilio.caller_audio import SILENCE_BYTE, speak
from app.storage.keys import RedisKeys
from app.web.test_call.passes import SALT
from tests.integration.served_test_call import PageClient, build_app, serve

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def served(redis_url: str):
    data_dir = tempfile.mkdtemp(prefix="frontdesk-test-call-")
    app, web = build_app(redis_url, data_dir)
    with serve(app) as base:
        yield base, web


def is_bot_line(message: dict) -> bool:
    return message["event"] == "transcript" and message["role"] == "bot"


def stored_anywhere(redis_url: str, web, call_sid: str) -> bool:
    from app.storage.models import CallRecord, OutboxEntry

    in_redis = redis.Redis.from_url(redis_url).exists(RedisKeys("frontdesk").call_state(call_sid))
    database = web.runtime.store.database
    with database.session() as session:
        records = session.scalar(select(func.count()).select_from(CallRecord).where(CallRecord.call_sid == call_sid))
        outbox = session.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.call_sid == call_sid))
    return bool(in_redis or records or outbox)


def test_typed_call_books_then_would_transfer_and_stores_nothing(served, redis_url: str) -> None:
    base, web = served
    flows = web.flows
    page = PageClient.place(base)
    greeting = page.wait_for(is_bot_line)
    assert greeting["text"] and page.audio_bytes > 8000  # the greeting is read out and sent as audio
    assert any(m["event"] == "mark" for m in page.messages)
    assert page.wait_for(lambda m: m["event"] == "state")["mode"] == "test"

    page.type("I want to book a cleaning")
    caller = page.wait_for(lambda m: m["event"] == "transcript" and m["role"] == "caller")
    assert caller["text"] == "I want to book a cleaning" and caller["intent"] == "book_appointment"
    reply = page.wait_for(is_bot_line)
    prompts = [localize(slot.prompt, "en") for slot in flows.call_types["book_appointment"].slots]
    assert reply["text"] in prompts
    state = page.wait_for(lambda m: m["event"] == "state" and m["callType"] == "book_appointment")
    assert state["phase"] == "collecting"

    page.type("actually, can I talk to a real person")
    target = flows.escalation.target_for("human_request", flows.staff.front_desk)
    would = page.wait_for(lambda m: m["event"] == "would")
    assert would["kind"] == "transfer" and would["text"].startswith(f"would transfer to {target}: ")
    assert would["brief"] and would["brief"] in would["text"] and would["numbers"]
    ended = page.wait_for(lambda m: m["event"] == "ended")
    assert ended["outcome"] == "transferred"
    page.wait_closed()
    assert type(web.runtime.store).__name__ == "RedisCallStore"  # phone calls keep their own services
    assert not stored_anywhere(redis_url, web, page.call_pass["callSid"])


def test_spoken_call_is_transcribed(served) -> None:
    base, _ = served
    page = PageClient.place(base)
    page.wait_for(is_bot_line)
    audio = SILENCE_BYTE * 4000 + speak("Hi, I'd like to book a cleaning please.") + SILENCE_BYTE * 16000
    for index, start in enumerate(range(0, len(audio) - 159, 160)):
        payload = base64.b64encode(audio[start:start + 160]).decode()
        page.twilio("media", media={"track": "inbound", "chunk": str(index + 1), "timestamp": str(index * 20),
                                    "payload": payload})
    heard = page.wait_for(lambda m: m["event"] == "transcript" and m["role"] == "caller", timeout=60)
    assert "clean" in heard["text"].lower()
    page.twilio("stop", stop={"accountSid": page.call_pass["accountSid"], "callSid": page.call_pass["callSid"]})
    page.wait_for(lambda m: m["event"] == "ended")
    page.close()


def test_pressing_zero_would_transfer(served) -> None:
    base, _ = served
    page = PageClient.place(base, office="open")
    page.wait_for(is_bot_line)
    page.twilio("dtmf", dtmf={"track": "inbound_track", "digit": "0"})
    would = page.wait_for(lambda m: m["event"] == "would")
    assert would["kind"] == "transfer" and would["reason"] == "human_request"
    page.wait_closed()


def rendered_from(text: str, template: str) -> bool:
    """Whether `text` is `template` with its {placeholders} filled in."""
    pattern = ".*?".join(re.escape(part) for part in re.split(r"\{[a-z_]+\}", template))
    return re.fullmatch(pattern, text) is not None


@pytest.mark.parametrize("office", ["open", "closed"])
def test_the_tester_can_pretend_the_office_is_open_or_closed(served, office: str) -> None:
    base, web = served
    messages = web.flows.business.messages
    page = PageClient.place(base, office=office)
    greeting = page.wait_for(is_bot_line)["text"]
    expected = messages.after_hours_greeting if office == "closed" else messages.greeting
    assert rendered_from(greeting, localize(expected, "en")), greeting
    assert page.wait_for(lambda m: m["event"] == "state")["afterHours"] is (office == "closed")
    page.close()


def test_a_caller_number_that_is_not_one_is_explained(served) -> None:
    base, _ = served
    page = PageClient.place(base, **{"from": "not a number"})
    assert "not a phone number" in page.wait_for(lambda m: m["event"] == "notice")["text"]
    page.close()


@pytest.mark.parametrize("token", [None, "forged", "other-key"])
def test_a_call_without_a_genuine_pass_is_refused(served, token) -> None:
    base, _ = served
    page = PageClient(base, requests.get(f"{base}/staff/test-call/pass", timeout=10).json())
    if token == "other-key":
        token = URLSafeTimedSerializer("another-secret", salt=SALT).dumps({"call": page.call_pass["callSid"]})
    page.start(token=token)
    notice = page.wait_for(lambda m: m["event"] == "notice")
    assert notice["level"] == "error" and "pass" in notice["text"]
    assert page.wait_closed().reason == 1008
    assert not any(m["event"] in ("media", "transcript") for m in page.messages)


def test_a_pass_opens_one_call_only_and_only_its_own(served) -> None:
    base, _ = served
    first = PageClient.place(base)
    first.wait_for(is_bot_line)
    again = PageClient(base, first.call_pass)
    again.start()
    assert again.wait_closed().reason == 1008
    other = PageClient(base, requests.get(f"{base}/staff/test-call/pass", timeout=10).json())
    other.start(call_sid="CA" + "7" * 32)  # a genuine token, for another call
    assert other.wait_closed().reason == 1008
    first.close()


def test_bad_input_is_ignored_and_the_call_goes_on(served) -> None:
    base, _ = served
    page = PageClient.place(base)
    page.wait_for(is_bot_line)
    for junk in ("not json", "[1, 2]", json.dumps({"event": "bogus"}), json.dumps({"event": "media"}),
                 json.dumps({"event": "media", "media": {"payload": "%%%"}}), json.dumps({"event": "text", "text": ""}),
                 json.dumps({"event": "text", "text": "x" * 600}), json.dumps({"event": "dtmf", "dtmf": {"digit": "Z"}})):
        page.raw(junk)
    page.ws.send(b"\x00\x01binary")
    notices = [page.wait_for(lambda m: m["event"] == "notice") for _ in range(2)]
    assert all(n["level"] == "error" for n in notices)
    page.type("what are your hours")
    caller = page.wait_for(lambda m: m["event"] == "transcript" and m["role"] == "caller")
    assert caller["text"] == "what are your hours"
    page.wait_for(is_bot_line)
    page.close()


def test_a_huge_frame_closes_the_socket(served) -> None:
    base, _ = served
    page = PageClient.place(base)
    page.wait_for(is_bot_line)
    page.raw(json.dumps({"event": "text", "text": "a" * 200_000}))
    page.wait_closed()


def test_typing_before_the_call_starts_is_explained(served) -> None:
    base, _ = served
    page = PageClient(base, requests.get(f"{base}/staff/test-call/pass", timeout=10).json())
    page.type("hello")
    assert "Start a call" in page.wait_for(lambda m: m["event"] == "notice")["text"]
    page.close()


def test_without_flows_the_socket_says_why_and_closes() -> None:
    from flask import Flask
    from flask_sock import Sock

    from app.config import Settings
    from app.web import test_call
    from app.web.twilio_setup import TwilioWeb

    app = Flask("broken-flows")
    app.config["SECRET_KEY"] = "k"
    web = TwilioWeb(Settings(), flows=None, runtime=None, flows_error="call_types/x.yaml:3: unknown key")
    test_call.register(app, Sock(app), web, lambda view: view)
    with serve(app) as base:
        page = PageClient(base, {"token": "", "callSid": "CA" + "1" * 32, "streamSid": "MZ1", "accountSid": "AC1"})
        notice = page.wait_for(lambda m: m["event"] == "notice")
        assert "call_types/x.yaml:3: unknown key" in notice["text"]
        assert page.wait_closed().reason == 1011
