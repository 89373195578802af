"""Voice, status and fallback webhooks through Flask: signatures, routing TwiML, the stream's parameters."""
from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any

import pytest
from flask import Flask

from app.config import Settings
from app.engine.events import CallerProfile
from app.flows.loader import load_flows
from app.integrations.twilio.signature import SignatureChecker
from app.runtime.ports import RuntimeServices
from app.web.twilio_routes import register_twilio
from app.web.twilio_setup import TwilioWeb
from app.web.twilio_store import MemoryCallStore

TOKEN, PUBLIC = "hook-token", "https://frontdesk.example.com"
OPEN = datetime.fromisoformat("2026-06-02T10:30:00-04:00")
CLOSED = datetime.fromisoformat("2026-06-02T23:30:00-04:00")
FORM = {"CallSid": "CA" + "2" * 32, "From": "+12125550123", "To": "+12125550100", "CallStatus": "ringing"}


@pytest.fixture(scope="module")
def flows(flows_dir):
    return load_flows(flows_dir)


def settings(**extra: Any) -> Settings:
    return Settings(public_url=PUBLIC, twilio_account_sid="AC" + "0" * 32, twilio_auth_token=TOKEN,
                    redis_url="redis://127.0.0.1:1/0", **extra)


def runtime(flows: Any) -> RuntimeServices:
    class Engine:
        def __init__(self) -> None:
            self.flows = flows
    return RuntimeServices(engine=Engine(), transcriber_factory=lambda: None, synthesizer=None,
                           store=MemoryCallStore(), transfers=None, detector_factory=lambda: None)


def client(web: TwilioWeb):
    app = Flask("t")
    register_twilio(app, web)
    return app.test_client()


def post(test_client, path: str, form: dict[str, str], sign: bool = True, token: str = TOKEN):
    headers = {"X-Forwarded-Proto": "http", "Host": "10.0.0.5:8000"}  # what a reverse proxy forwards
    if sign:
        headers["X-Twilio-Signature"] = SignatureChecker(token, PUBLIC).sign(path, form)
    return test_client.post(path, data=form, headers=headers)


def test_voice_answers_a_stream_with_parameters_and_a_token(flows) -> None:
    web = TwilioWeb(settings(), flows=flows, runtime=runtime(flows), clock=lambda: OPEN)
    answer = post(client(web), "/twilio/voice", FORM)
    assert answer.status_code == 200
    stream = ET.fromstring(answer.data).find("./Connect/Stream")
    assert stream.get("url") == "wss://frontdesk.example.com/twilio/media"
    params = {p.get("name"): p.get("value") for p in stream.findall("Parameter")}
    assert params["from"] == "+12125550123" and params["after_hours"] == "0"
    assert web.token_ok(FORM["CallSid"], params["token"]) and not web.token_ok("CA" + "3" * 32, params["token"])


@pytest.mark.parametrize("path", ["/twilio/voice", "/twilio/status", "/twilio/fallback"])
def test_bad_or_missing_signature_is_403(flows, path: str) -> None:
    test_client = client(TwilioWeb(settings(), flows=flows, runtime=runtime(flows), clock=lambda: OPEN))
    assert post(test_client, path, FORM, sign=False).status_code == 403
    bad = post(test_client, path, FORM, token="wrong")
    assert bad.status_code == 403 and b"Response" not in bad.data


def test_vip_callers_go_straight_to_their_target(flows) -> None:
    web = TwilioWeb(settings(), flows=flows, runtime=runtime(flows), clock=lambda: OPEN,
                    lookup=lambda phone: CallerProfile(name="Ana", vip=True))
    doc = ET.fromstring(post(client(web), "/twilio/voice", FORM).data)
    assert doc.find("./Connect") is None
    assert [n.text for n in doc.iter("Number")] == ["+12125550114"]  # the office manager (vip target)


def test_slow_crm_lookup_is_abandoned(flows) -> None:
    def slow(phone: str) -> CallerProfile:
        time.sleep(1)
        return CallerProfile(name="Late", vip=True)

    web = TwilioWeb(settings(), flows=flows, runtime=runtime(flows), clock=lambda: OPEN, lookup=slow,
                    lookup_budget_s=0.05)
    doc = ET.fromstring(post(client(web), "/twilio/voice", FORM).data)
    params = {p.get("name"): p.get("value") for p in doc.iter("Parameter")}
    assert doc.find("./Connect/Stream") is not None and "profile" not in params


def test_after_hours_streams_with_the_flag(flows) -> None:
    web = TwilioWeb(settings(), flows=flows, runtime=runtime(flows), clock=lambda: CLOSED)
    doc = ET.fromstring(post(client(web), "/twilio/voice", FORM).data)
    params = {p.get("name"): p.get("value") for p in doc.iter("Parameter")}
    assert params["after_hours"] == "1"


def test_after_hours_on_call_policy_dials_on_call_when_no_call_type_works_at_night(flows) -> None:
    business = flows.business.model_copy(update={"after_hours": "on_call"})
    night = {n: ct.model_copy(update={"after_hours": False}) for n, ct in flows.call_types.items()}
    flows2 = flows.model_copy(update={"business": business, "call_types": night})
    web = TwilioWeb(settings(), flows=flows2, runtime=runtime(flows2), clock=lambda: CLOSED)
    doc = ET.fromstring(post(client(web), "/twilio/voice", FORM).data)
    assert [n.text for n in doc.iter("Number")] == ["+12125550119"]


def test_flows_that_failed_to_load_dial_the_front_desk() -> None:
    web = TwilioWeb(settings(extra={"FRONTDESK_FALLBACK_NUMBERS": "+12125550111,+12125550112"}), flows=None,
                    runtime=None, flows_error="broken yaml")
    test_client = client(web)
    for path in ("/twilio/voice", "/twilio/fallback"):
        doc = ET.fromstring(post(test_client, path, FORM).data)
        assert [n.text for n in doc.iter("Number")] == ["+12125550111", "+12125550112"]


def test_calls_sent_to_people_because_the_flows_are_broken_are_still_recorded(tmp_path) -> None:
    from app.web.twilio_build import build_twilio_web

    (tmp_path / "business.yaml").write_text("name: [unclosed\n")
    store = MemoryCallStore()
    web = build_twilio_web(settings(flows_dir=tmp_path, extra={"FRONTDESK_FALLBACK_NUMBERS": "+12125550111"}),
                           store=store)
    assert web.runtime is None and web.records is store and web.flows_error
    doc = ET.fromstring(post(client(web), "/twilio/voice", FORM).data)
    assert [n.text for n in doc.iter("Number")] == ["+12125550111"]
    deadline = time.monotonic() + 5
    while not store.finished and time.monotonic() < deadline:
        time.sleep(0.01)
    [record] = store.finished
    assert record["call_sid"] == FORM["CallSid"] and record["outcome"] == "transferred"
    assert record["caller"] == FORM["From"]
    escalation = record["escalation"]
    assert escalation["reason"] == "system_failure" and escalation["target"] == "front_desk"
    assert escalation["evidence"].startswith("flows unavailable")


def test_fallback_touches_nothing_but_settings(flows) -> None:
    class Exploding:
        def __getattr__(self, name: str) -> Any:
            raise AssertionError(f"fallback touched {name}")

    web = TwilioWeb(settings(), flows=flows, runtime=runtime(flows))
    web.flows, web.runtime, web.lookup = Exploding(), Exploding(), Exploding()
    doc = ET.fromstring(post(client(web), "/twilio/fallback", FORM).data)
    assert [n.text for n in doc.iter("Number")] == ["+12125550111", "+12125550112"]


def test_status_callback_answers_empty_twiml(flows) -> None:
    web = TwilioWeb(settings(), flows=flows, runtime=runtime(flows))
    answer = post(client(web), "/twilio/status", {**FORM, "CallStatus": "completed"})
    assert answer.status_code == 200 and ET.fromstring(answer.data).tag == "Response"


def test_fallback_nobody_answers_ends_in_a_voicemail_not_silence(flows) -> None:
    web = TwilioWeb(settings(), flows=flows, runtime=runtime(flows))
    doc = ET.fromstring(post(client(web), "/twilio/fallback", FORM).data)
    tags = [child.tag for child in doc]
    assert tags[tags.index("Dial") + 1:] == ["Say", "Record", "Say", "Hangup"]
    assert doc.find("Dial").get("action") is None  # without one, Twilio reads on when nobody answers
    record = doc.find("Record")
    assert record.get("recordingStatusCallback") == PUBLIC + "/twilio/voicemail"
    assert int(record.get("maxLength")) > 0


def voicemail_web(flows, tmp_path):
    """A web app whose store keeps a database and records which voicemail tasks it queued."""
    from app.storage.database import Database

    database = Database(f"sqlite:///{tmp_path / 'audit.db'}")
    store = MemoryCallStore()
    queued: list[str] = []
    store.database = database  # type: ignore[attr-defined]
    store.on_voicemail = queued.append  # type: ignore[attr-defined]
    web = TwilioWeb(settings(), flows=flows, runtime=RuntimeServices(
        engine=runtime(flows).engine, transcriber_factory=lambda: None, synthesizer=None, store=store,
        transfers=None, detector_factory=lambda: None))
    return web, database, queued


def test_voicemail_callback_is_signed_kept_and_owed_to_the_crm_once(flows, tmp_path) -> None:
    from sqlalchemy import select

    from app.storage import outbox
    from app.storage.models import AuditEntry
    from app.storage.voicemail import VOICEMAIL

    web, database, queued = voicemail_web(flows, tmp_path)
    form = {"CallSid": FORM["CallSid"], "RecordingSid": "RE" + "1" * 32, "RecordingStatus": "completed",
            "RecordingUrl": "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE1", "RecordingDuration": "14"}
    assert post(client(web), "/twilio/voicemail", form, sign=False).status_code == 403
    with database.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "voicemail")).all() == []
    for _ in range(2):  # Twilio retries a callback it thinks failed
        answer = post(client(web), "/twilio/voicemail", form)
        assert answer.status_code == 200 and ET.fromstring(answer.data).tag == "Response"
    with database.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "voicemail")).all()
        assert [(e.subject, e.detail["recording_url"], e.detail["seconds"]) for e in entries] == [
            (FORM["CallSid"], form["RecordingUrl"], "14")] * 2
    assert outbox.get_entry(database, FORM["CallSid"], kind=VOICEMAIL).status == "pending"
    assert queued == [FORM["CallSid"]]


def test_an_empty_voicemail_is_logged_but_asks_nobody_to_call_back(flows, tmp_path) -> None:
    from app.storage import outbox
    from app.storage.voicemail import VOICEMAIL

    web, database, queued = voicemail_web(flows, tmp_path)
    form = {"CallSid": FORM["CallSid"], "RecordingSid": "RE" + "2" * 32, "RecordingStatus": "absent",
            "RecordingUrl": "", "RecordingDuration": "0"}
    assert post(client(web), "/twilio/voicemail", form).status_code == 200
    assert outbox.get_entry(database, FORM["CallSid"], kind=VOICEMAIL) is None and queued == []


def test_a_plain_dial_in_spanish_leaves_its_voicemail_prompt_in_spanish(flows) -> None:
    from twilio.twiml.voice_response import VoiceResponse

    from app.runtime.transfer import append_dial

    doc = ET.fromstring(str(append_dial(VoiceResponse(), flows, flows.staff.front_desk, None, "es")))
    says = [(s.get("language"), s.text) for s in doc.iter("Say")]
    assert says and says[0][0] == "es-US" and "tono" in says[0][1]
    assert doc.find("Record").get("recordingStatusCallback") is None  # no public URL given: Twilio keeps it
