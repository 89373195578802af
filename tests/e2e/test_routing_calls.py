"""Routing end to end: simulated calls through real HTTP and WebSocket against the app under gunicorn.

Two servers, each with its office clock pinned: a weekday morning with every call type in shadow
mode (VIPs and shadow calls), and a weekday night with the demo flows (after-hours handling).
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from app.integrations.twilio.caller_audio import Step
from app.integrations.twilio.simulator import CallResult, place_call
from tests.e2e.observe import stored
from tests.e2e.server import AUTH_TOKEN, ROOT, Served, serve

pytestmark = pytest.mark.timeout(300)
SPEED = 2.0
MORNING, NIGHT = "2026-06-02T10:30:00-04:00", "2026-06-02T21:30:00-04:00"  # a Tuesday
MARIA, LINDA = "+12125550111", "+12125550114"
VIP_CALLER = "+12125550177"


def shadow_flows(folder: Path) -> str:
    """The demo flows with every call type in shadow mode (a business trying Frontdesk out)."""
    shutil.copytree(ROOT / "flows", folder)
    for path in (folder / "call_types").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "mode: live" in text, path
        path.write_text(text.replace("mode: live", "mode: shadow"), encoding="utf-8")
    return str(folder)


@pytest.fixture(scope="class")
def morning(redis_url: str, tmp_path_factory: pytest.TempPathFactory):
    flows = shadow_flows(tmp_path_factory.mktemp("shadow") / "flows")
    with serve(redis_url, flows_dir=flows, extra_env={"E2E_NOW": MORNING}) as server:
        yield server


@pytest.fixture(scope="class")
def night(redis_url: str):
    with serve(redis_url, extra_env={"E2E_NOW": NIGHT}) as server:
        yield server


def call(served: Served, steps: list[Step], **kwargs) -> CallResult:
    return place_call(served.base, steps, auth_token=AUTH_TOKEN, speed=SPEED, **kwargs)


def add_vip(served: Served, phone: str) -> None:
    from app.storage.database import Database
    from app.storage.models import Contact

    with Database(served.sql_url).session() as session:
        session.add(Contact(name="Vera Importante", phone_raw=phone, phone_e164=phone, vip=True))


def people_reached(served: Served, result: CallResult) -> list[str]:
    """Who the call rang: numbers dialled from the TwiML, or staff legs a warm transfer added by REST."""
    dialled = [n for numbers in result.dialed for n in numbers if n.startswith("+")]
    legs = [r.form.get("To", "") for r in served.api.of_kind("call_create") + served.api.of_kind("participant")
            if result.call_sid in r.path + " ".join(r.form.values())]
    return dialled + legs


class TestMorningInShadowMode:
    def test_vip_is_routed_to_people_at_once(self, morning: Served) -> None:
        add_vip(morning, VIP_CALLER)
        result = call(morning, [Step("say", "Hello?")], caller=VIP_CALLER)
        assert result.status_code == 200
        assert not result.streamed and not result.forked and "<Stream" not in result.twiml  # no bot at all
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not people_reached(morning, result):
            time.sleep(0.2)
        assert people_reached(morning, result)[0] == LINDA  # the escalation policy's vip target: the office manager

    def test_shadow_call_dials_people_while_the_bot_only_listens(self, morning: Served) -> None:
        result = call(morning, [
            Step("say", "Hi, I'd like to book a cleaning please."),
            Step("say", "I want to talk to a real person please."),
        ], end_wait_s=16.0)  # the caller stays on with the person while the last words are transcribed
        assert result.forked and not result.streamed
        assert result.dialed and result.dialed[0] == [MARIA]  # the front desk, as without Frontdesk
        assert result.bot_audio_s == 0 and result.clears == 0  # nothing is ever sent on the fork
        record = stored(morning, result.call_sid)
        assert record is not None, "the shadow call left no record"
        assert record["mode"] == "shadow" and record["outcome"] == "transferred"
        assert record["routing"]["route"] == "shadow" and record["routing"]["target"] == "front_desk"
        actions = record["actions"]
        assert actions and all(a.get("would_have") for a in actions)
        assert any(a["type"] == "say" for a in actions[1:]), actions  # it would have answered the caller
        assert [a["target"] for a in actions if a["type"] == "transfer"] == ["front_desk"]  # and then handed over
        assert any(t.get("intent") == "book_appointment" for t in record["turns"] if t["role"] == "caller")
        assert morning.api.call_updates(result.call_sid) == []  # never transferred or hung up


class TestAfterHours:
    def test_call_type_not_handled_at_night_becomes_a_message(self, night: Served) -> None:
        result = call(night, [Step("say", "Hi, I'm going to be late for my appointment tomorrow.")], end_wait_s=3.0)
        assert result.streamed and result.bot_audio_s > 1
        record = stored(night, result.call_sid)
        assert record is not None and record["after_hours"] is True
        allowed = record["routing"]["call_types"]
        assert "book_appointment" in allowed and "running_late" not in allowed  # as the webhook decided
        assert record["escalation"]["reason"] == "out_of_scope" and record["escalation"]["target"] == "message"
        spoken = " ".join(a["text"] for a in record["actions"] if a["type"] == "say").lower()
        assert "closed" in spoken and "name" in spoken  # the after-hours message taking begins
        assert night.api.call_updates(result.call_sid) == []  # nobody to transfer to at night

    def test_after_hours_call_type_is_handled_by_the_bot(self, night: Served) -> None:
        result = call(night, [Step("say", "Hi, I'd like to book a cleaning please.")], end_wait_s=3.0)
        assert result.streamed
        record = stored(night, result.call_sid)
        assert record is not None and record["after_hours"] is True and record["escalation"] is None
        assert record["call_type"] == "book_appointment"
        assert night.api.call_updates(result.call_sid) == []
