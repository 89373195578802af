"""The test-call page's pieces without a server: passes, the page's messages, call setup, the dry run."""
from __future__ import annotations

import base64
import json
from datetime import datetime
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask, abort
from flask_sock import Sock

from app.config import Settings
from app.engine.actions import RunAction, TakeMessage, Transfer
from app.engine.session import CallSession, Escalation, Phase
from app.flows.loader import load_flows
from app.integrations.twilio import media
from app.runtime.transfer import member_numbers
from app.web import test_call
from app.web.test_call import protocol
from app.web.test_call.call_setup import plan_call
from app.web.test_call.dry_run import DryRunSink, DryRunTransfers, PageChannel, PageMirror
from app.web.test_call.passes import PassBook
from app.web.twilio_setup import TwilioWeb

OPEN = datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("America/New_York"))  # a Tuesday morning
CLOSED = datetime(2026, 11, 24, 22, 0, tzinfo=ZoneInfo("America/New_York"))
SID = "CA" + "5" * 32


@pytest.fixture(scope="module")
def flows(flows_dir):
    return load_flows(flows_dir)


class Socket:
    """Records what would go to the page; can be made to fail like a closed browser tab."""

    def __init__(self, broken: bool = False) -> None:
        self.sent: list[str] = []
        self.broken = broken
        self.closed_with: tuple[Any, Any] | None = None

    def send(self, text: str) -> None:
        if self.broken:
            raise OSError("gone")
        self.sent.append(text)

    def close(self, reason: Any = None, message: Any = None) -> None:
        self.closed_with = (reason, message)

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(text) for text in self.sent]


# ------------------------------------------------------------------ passes
def test_a_pass_admits_its_own_call_once() -> None:
    book = PassBook("secret")
    granted = book.grant()
    assert granted.call_sid.startswith("CA") and len(granted.call_sid) == 34 and granted.stream_sid.startswith("MZ")
    assert not book.admit(granted.token, "CA" + "0" * 32)  # a genuine token, for another call
    assert book.admit(granted.token, granted.call_sid)
    assert not book.admit(granted.token, granted.call_sid)  # used


@pytest.mark.parametrize("token", [None, "", "garbage", "eyJjYWxsIjoiQ0EifQ.forged.sig"])
def test_missing_or_forged_passes_are_refused(token: str | None) -> None:
    book = PassBook("secret")
    assert not book.admit(token, book.grant().call_sid)


def test_passes_from_another_key_or_past_their_age_are_refused() -> None:
    granted = PassBook("other").grant()
    assert not PassBook("secret").admit(granted.token, granted.call_sid)
    mine = PassBook("secret").grant()
    assert not PassBook("secret", max_age_s=-1).admit(mine.token, mine.call_sid)
    with pytest.raises(ValueError):
        PassBook("").grant()
    key = ["first"]
    book = PassBook(lambda: key[0])  # the app's key, read when used
    granted = book.grant()
    key[0] = "rotated"
    assert not book.admit(granted.token, granted.call_sid)


# ------------------------------------------------------------------ page messages
def test_typed_text_and_pings_are_read_everything_else_is_left_to_twilios_translator() -> None:
    assert protocol.read(json.dumps({"event": "text", "text": "  I want   a cleaning "})) == protocol.Typed("I want a cleaning")
    assert protocol.read('{"event": "ping"}') == protocol.Ping()
    for other in ('{"event": "media", "media": {"payload": ""}}', "not json", "[]", b"\x00", '{"event": 5}'):
        assert protocol.read(other) is None


@pytest.mark.parametrize("text", ["", "   ", None, 7, "x" * (protocol.MAX_TYPED_CHARS + 1)])
def test_empty_odd_or_long_typed_text_is_refused_with_a_reason(text: Any) -> None:
    with pytest.raises(protocol.PageMessageError):
        protocol.read(json.dumps({"event": "text", "text": text}))


def test_the_rewritten_start_is_a_media_streams_start_with_only_the_servers_parameters() -> None:
    start = media.Start(stream_sid="MZ1", call_sid=SID, account_sid="AC1",
                        custom_parameters={"token": "t", "resume": "front_desk", "profile": '{"vip": true}'})
    parsed = media.parse(protocol.start_message(start, {"mode": "test", "from": ""}))
    assert isinstance(parsed, media.Start) and parsed.call_sid == SID and parsed.stream_sid == "MZ1"
    assert parsed.custom_parameters == {"mode": "test", "from": ""}


# ------------------------------------------------------------------ call setup
def test_a_test_call_gets_what_a_real_call_would_get_now(flows) -> None:
    day = plan_call(flows, OPEN, SID, {"from": "(212) 555-0199"})
    assert day.parameters["mode"] == "test" and day.parameters["after_hours"] == "0"
    assert day.parameters["from"] == "+12125550199"
    live = [name for name, ct in flows.call_types.items() if ct.mode == "live"]
    assert day.parameters["call_types"].split(",") == live
    night = plan_call(flows, CLOSED, SID, {})
    assert night.parameters["after_hours"] == "1"
    assert set(night.parameters["call_types"].split(",")) == {
        n for n, ct in flows.call_types.items() if ct.mode == "live" and ct.after_hours}


def test_the_tester_may_pretend_the_office_is_open_or_closed(flows) -> None:
    assert plan_call(flows, CLOSED, SID, {"office": "open"}).parameters["after_hours"] == "0"
    assert plan_call(flows, OPEN, SID, {"office": "closed"}).parameters["after_hours"] == "1"
    assert plan_call(flows, OPEN, SID, {"office": "sideways"}).parameters["after_hours"] == "0"


def test_call_types_not_live_yet_can_be_tried_on_request(flows) -> None:
    name = next(iter(flows.call_types))
    trial = flows.model_copy(update={"call_types": {
        **flows.call_types, name: flows.call_types[name].model_copy(update={"mode": "shadow"})}})
    assert name not in plan_call(trial, OPEN, SID, {}).parameters["call_types"].split(",")
    assert name in plan_call(trial, OPEN, SID, {"call_types": "all"}).parameters["call_types"].split(",")


def test_a_call_routed_to_people_is_noted_and_the_bot_handles_no_call_type(flows) -> None:
    dark = flows.model_copy(update={"call_types": {
        n: ct.model_copy(update={"mode": "off"}) for n, ct in flows.call_types.items()}})
    setup = plan_call(dark, OPEN, SID, {"from": "call me maybe"})
    assert setup.parameters["call_types"] == "-"
    assert any("would go to" in note for note in setup.notes)
    assert any("not a phone number" in note for note in setup.notes)


# ------------------------------------------------------------------ the dry run
def session_with_turns() -> CallSession:
    session = CallSession(call_sid=SID, mode="test", phase=Phase.COLLECTING, call_type="book_appointment",
                          slots={"patient_name": "Ana Lopez"}, slot_display={"patient_name": "Ana Lopez"})
    session.add_turn("bot", "Hello", OPEN)
    session.add_turn("caller", "book a cleaning", OPEN, intent="book_appointment", confidence=0.9)
    return session


def test_the_mirror_shows_each_turn_once_and_state_changes_and_stores_nothing() -> None:
    socket = Socket()
    mirror = PageMirror(PageChannel(socket))
    session = session_with_turns()
    mirror.save(session)
    mirror.save(session)
    events = socket.events()
    assert [e["event"] for e in events] == ["transcript", "transcript", "state"]
    assert events[1]["intent"] == "book_appointment" and events[2]["slots"] == {"patient_name": "Ana Lopez"}
    session.escalation = Escalation(reason="human_request", evidence="a person", target="front_desk", at="now")
    session.outcome, session.phase = "transferred", Phase.ENDED
    mirror.finish(session)
    assert [e["event"] for e in socket.events()[3:]] == ["state", "ended"]
    assert socket.events()[3]["escalation"]["target"] == "front_desk"


def test_a_closed_page_does_not_break_the_call() -> None:
    socket = Socket(broken=True)
    channel = PageChannel(socket)
    PageMirror(channel).save(session_with_turns())
    assert not channel.open


def test_a_transfer_is_described_and_its_connecting_line_played(flows) -> None:
    socket = Socket()
    transfers = DryRunTransfers(PageChannel(socket), flows, lambda text: b"\x7f" * 800, "MZ9")
    target = flows.staff.front_desk
    transfers.transfer(CallSession(call_sid=SID), Transfer(target=target, reason="human_request",
                                                           brief="Caller asked for a person."), "Please hold.")
    would, audio = socket.events()
    assert would["text"].startswith(f"would transfer to {target}: Caller asked for a person.")
    assert would["numbers"] == member_numbers(flows, target) and would["say"] == "Please hold."
    assert audio["event"] == "media" and audio["streamSid"] == "MZ9"
    assert base64.b64decode(audio["media"]["payload"]) == b"\x7f" * 800
    transfers.hang_up(SID)
    assert socket.events()[-1] == protocol.would_hang_up()


def test_messages_and_actions_are_shown_not_handed_on() -> None:
    socket = Socket()
    sink = DryRunSink(PageChannel(socket))
    sink.take_message(CallSession(call_sid=SID), TakeMessage(reason="out_of_scope", caller_name="Ana",
                                                             callback_number="+12125550199", message="call back"))
    sink.run_action(CallSession(call_sid=SID), RunAction(name="request_booking", call_type="book_appointment",
                                                         slots={"patient_name": "Ana"}))
    message, action = socket.events()
    assert message["kind"] == "message" and "Ana, +12125550199" in message["text"]
    assert action["kind"] == "action" and action["text"] == "would run request_booking for book_appointment: patient_name Ana"


# ------------------------------------------------------------------ the page
def app_with(guard: Any, web: TwilioWeb) -> Flask:
    app = Flask("t")
    app.config["SECRET_KEY"] = "k"
    test_call.register(app, Sock(app), web, guard)
    return app


def refuse(view: Any) -> Any:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        abort(403)
    return wrapped


def test_the_page_carries_a_pass_and_is_never_cached(flows) -> None:
    web = TwilioWeb(Settings(), flows=flows, runtime=object())  # type: ignore[arg-type]
    client = app_with(lambda view: view, web).test_client()
    page = client.get("/staff/test-call")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    html = page.get_data(as_text=True)
    assert 'id="call-pass"' in html and "/staff/test-call/socket" in html and flows.business.name in html
    assert 'class="back"' not in html  # no staff app here to go back to
    fresh = client.get("/staff/test-call/pass")
    assert fresh.status_code == 200 and fresh.json["callSid"].startswith("CA") and fresh.json["token"]
    assert client.get("/staff/test-call/static/codec.js").status_code == 200


def test_a_guard_that_refuses_blocks_the_page_and_its_passes(flows) -> None:
    client = app_with(refuse, TwilioWeb(Settings(), flows=flows, runtime=object())).test_client()  # type: ignore[arg-type]
    assert client.get("/staff/test-call").status_code == 403
    assert client.get("/staff/test-call/pass").status_code == 403


def test_without_flows_the_page_says_why() -> None:
    web = TwilioWeb(Settings(), flows=None, runtime=None, flows_error="call_types/x.yaml:3: unknown key")
    html = app_with(lambda view: view, web).test_client().get("/staff/test-call").get_data(as_text=True)
    assert "flows did not load" in html and "call_types/x.yaml:3: unknown key" in html
    assert 'id="start" type="button" disabled' in html

