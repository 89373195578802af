"""The voice webhook answers each routing decision with the right TwiML and leaves a record of every call.

Real Redis for the call state, SQLite in a temporary folder for the records, Flask's test client.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from twilio.twiml.voice_response import VoiceResponse

from app.config import Settings
from app.engine.events import CallerProfile
from app.flows.loader import load_flows
from app.integrations.twilio.signature import SignatureChecker
from app.runtime.ports import RuntimeServices
from app.storage.call_state import CallStateStore
from app.storage.database import Database
from app.storage.records import load_call
from app.web.routed_records import finish_unstreamed
from app.web.twilio_routes import register_twilio
from app.web.twilio_setup import PersonRoute, TwilioWeb
from app.web.twilio_store import RedisCallStore

TOKEN, PUBLIC = "routing-token", "https://frontdesk.example.com"
OPEN = datetime.fromisoformat("2026-06-02T10:30:00-04:00")
CLOSED = datetime.fromisoformat("2026-06-02T23:30:00-04:00")
MARIA, JAMES, LINDA = "+12125550111", "+12125550112", "+12125550114"


@pytest.fixture(scope="module")
def flows(flows_dir):
    return load_flows(flows_dir)


@pytest.fixture()
def store(redis_client, tmp_path) -> RedisCallStore:
    return RedisCallStore(CallStateStore(redis_client, "routing-test", 600), Database(f"sqlite:///{tmp_path}/calls.db"))


def every(flows: Any, **update: Any) -> Any:
    types = {name: ct.model_copy(update=update) for name, ct in flows.call_types.items()}
    return flows.model_copy(update={"call_types": types})


def make_web(flows: Any, store: RedisCallStore, at: datetime = OPEN, **extra: Any) -> TwilioWeb:
    class Engine:
        def __init__(self) -> None:
            self.flows = flows
    runtime = RuntimeServices(engine=Engine(), transcriber_factory=lambda: None, synthesizer=None, store=store,
                              transfers=None, detector_factory=lambda: None)
    settings = Settings(public_url=PUBLIC, twilio_account_sid="AC" + "0" * 32, twilio_auth_token=TOKEN,
                        redis_url="redis://127.0.0.1:1/0")
    return TwilioWeb(settings, flows=flows, runtime=runtime, clock=lambda: at, **extra)


def post(web: TwilioWeb, path: str, call_sid: str, caller: str = "+12125550123", **form: str) -> Any:
    app = Flask("routing-test")
    register_twilio(app, web)
    data = {"CallSid": call_sid, "From": caller, "To": "+12125550100", "CallStatus": "ringing", **form}
    headers = {"X-Twilio-Signature": SignatureChecker(TOKEN, PUBLIC).sign(path, data)}
    return app.test_client().post(path, data=data, headers=headers)


def twiml(web: TwilioWeb, call_sid: str, **form: str) -> ET.Element:
    answer = post(web, "/twilio/voice", call_sid, **form)
    assert answer.status_code == 200
    return ET.fromstring(answer.data)


def parameters(stream: ET.Element) -> dict[str, str]:
    return {p.get("name"): p.get("value") for p in stream.findall("Parameter")}


def sid(n: int) -> str:
    return "CA" + f"{n:032x}"


def test_live_call_streams_to_the_bot_with_its_call_types_and_people_behind(flows, store) -> None:
    doc = twiml(make_web(flows, store), sid(1))
    params = parameters(doc.find("./Connect/Stream"))
    assert params["mode"] == "live" and params["call_types"].split(",") == list(flows.call_types)
    # the stream, then (only if it drops unmoved) the front desk in turn, then a voicemail: never silence
    assert [child.tag for child in doc] == ["Connect", "Say", "Dial", "Dial", "Say", "Record", "Say", "Hangup"]
    assert [n.text for n in doc.iter("Number")] == [MARIA, JAMES]  # reached only if the socket drops unmoved


def test_after_hours_stream_lists_only_after_hours_call_types(flows, store) -> None:
    params = parameters(twiml(make_web(flows, store, CLOSED), sid(2)).find("./Connect/Stream"))
    assert params["after_hours"] == "1" and "running_late" not in params["call_types"].split(",")


def test_shadow_call_forks_a_one_way_stream_then_dials_the_front_desk(flows, store) -> None:
    doc = twiml(make_web(every(flows, mode="shadow"), store), sid(3))
    assert doc.find("./Connect") is None
    assert [child.tag for child in doc][:2] == ["Start", "Dial"]  # the fork starts before the dial
    stream = doc.find("./Start/Stream")
    assert stream.get("track") == "inbound_track" and stream.get("url") == "wss://frontdesk.example.com/twilio/media"
    params = parameters(stream)
    assert params["mode"] == "shadow" and params["token"] and set(params["call_types"].split(",")) == set(flows.call_types)
    assert doc.find("./Dial/Number").text == MARIA


def test_a_shadow_call_whose_stream_never_starts_is_recorded_at_its_last_status(flows, store) -> None:
    web = make_web(every(flows, mode="shadow"), store)
    twiml(web, sid(4))
    assert store.load(sid(4)).routing["stream"] == "pending"
    assert post(web, "/twilio/status", sid(4), CallStatus="in-progress").status_code == 200
    assert load_call(store.database, sid(4)) is None  # not over yet
    assert post(web, "/twilio/status", sid(4), CallStatus="completed").status_code == 200
    record = load_call(store.database, sid(4))
    assert record["mode"] == "shadow" and record["outcome"] == "transferred" and record["caller"] == "+12125550123"
    assert record["routing"]["route"] == "shadow" and record["routing"]["target"] == "front_desk"
    assert not finish_unstreamed(store, sid(4), OPEN)  # once only


def test_a_stream_that_started_is_left_to_the_stream(flows, store) -> None:
    web = make_web(flows, store)
    twiml(web, sid(5))
    session = store.load(sid(5))
    session.routing = {"route": "bot", "reason": "live", "target": None}  # what the stream's session saves
    store.save(session)
    post(web, "/twilio/status", sid(5), CallStatus="completed")
    assert load_call(store.database, sid(5)) is None


def test_status_for_an_unknown_or_malformed_call_is_answered_and_ignored(flows, store) -> None:
    web = make_web(flows, store)
    for call_sid in (sid(6), "not-a-sid", ""):
        answer = post(web, "/twilio/status", call_sid, CallStatus="completed")
        assert answer.status_code == 200 and ET.fromstring(answer.data).tag == "Response"


def test_nothing_live_dials_the_front_desk_and_records_why(flows, store) -> None:
    doc = twiml(make_web(every(flows, mode="off"), store), sid(7))
    assert doc.find(".//Stream") is None and [n.text for n in doc.iter("Number")] == [MARIA, JAMES]
    record = load_call(store.database, sid(7))
    assert record["outcome"] == "transferred" and record["escalation"]["target"] == "front_desk"
    assert record["escalation"]["reason"] == "no_live_call_types" and record["routing"]["route"] == "person"


def test_vip_goes_through_the_person_router_which_keeps_the_record(flows, store) -> None:
    routed: list[PersonRoute] = []

    def router(route: PersonRoute, response: VoiceResponse) -> VoiceResponse:
        routed.append(route)
        response.dial().conference(f"frontdesk-{route.call_sid}")
        return response

    web = make_web(flows, store, lookup=lambda phone: CallerProfile(name="Ana", vip=True, preferred_language="es"),
                   person_router=router)
    doc = twiml(web, sid(8))
    assert doc.find(".//Stream") is None and doc.find("./Dial/Conference") is not None
    [route] = routed
    assert (route.reason, route.target, route.language, route.profile.name) == ("vip", "spanish", "es", "Ana")
    assert load_call(store.database, sid(8)) is None  # the transfer keeps it, not the webhook


def test_vip_without_a_router_is_dialled_and_recorded(flows, store) -> None:
    web = make_web(flows, store, lookup=lambda phone: CallerProfile(name="Ana", vip=True))
    doc = twiml(web, sid(9))
    assert [n.text for n in doc.iter("Number")] == [LINDA]
    record = load_call(store.database, sid(9))
    assert record["escalation"]["reason"] == "vip" and record["profile"]["name"] == "Ana"


def test_a_routing_failure_sends_the_caller_to_the_front_desk(flows, store) -> None:
    broken = flows.model_copy(update={"business": flows.business.model_copy(update={"timezone": "Nowhere/At_All"})})
    doc = twiml(make_web(broken, store), sid(10))
    assert doc.find(".//Stream") is None and [n.text for n in doc.iter("Number")] == [MARIA, JAMES]
    assert load_call(store.database, sid(10))["escalation"]["reason"] == "system_failure"
