"""The engine and the runtime honour routing: the call types allowed on a call, and shadow mode."""
from __future__ import annotations

import json
import math
import struct
import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.audio.codec import pcm16_to_mulaw, rms
from app.engine.actions import Say, Transfer
from app.engine.engine import CallEngine
from app.engine.events import CallEnded, CallerUtterance, CallStarted
from app.engine.session import CallSession, Phase
from app.flows.loader import load_flows
from app.runtime.handler import CallHandler
from app.runtime.ports import RuntimeLimits, RuntimeServices, Transcript
from app.web.twilio_store import MemoryCallStore

from .fakes import fake_understanding

OPEN = datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("America/New_York"))  # a Tuesday
CLOSED = datetime(2026, 11, 24, 22, 0, tzinfo=ZoneInfo("America/New_York"))
TONE = pcm16_to_mulaw(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(160)))
QUIET = b"\xff" * 160


@pytest.fixture(scope="module")
def flows(flows_dir):
    return load_flows(flows_dir)


@pytest.fixture(scope="module")
def engine(flows) -> CallEngine:
    return CallEngine(flows, fake_understanding())


def started(engine: CallEngine, at: datetime = OPEN, **event: Any) -> CallSession:
    session = CallSession(call_sid="CA" + "7" * 32)
    engine.handle(session, CallStarted(call_sid=session.call_sid, at=at, caller="+12125550123", **event))
    return session


def say(engine: CallEngine, session: CallSession, text: str, at: datetime = OPEN) -> list:
    return engine.handle(session, CallerUtterance(text=text, at=at))


def test_a_call_type_allowed_on_the_call_is_handled(engine) -> None:
    session = started(engine, call_types=("book_appointment",))
    say(engine, session, "I'd like to book an appointment")
    assert session.call_type == "book_appointment" and session.escalation is None


def test_a_call_type_not_allowed_on_the_call_is_handled_like_one_switched_off(flows, engine) -> None:
    session = started(engine, call_types=("book_appointment",))
    say(engine, session, "I need to cancel tomorrow")
    assert session.escalation.reason == "out_of_scope"
    assert "not handled by the bot on this call" in session.escalation.evidence
    types = {n: ct.model_copy(update={"mode": "off"}) if n == "cancel_appointment" else ct
             for n, ct in flows.call_types.items()}
    switched_off = CallEngine(flows.model_copy(update={"call_types": types}), fake_understanding())
    other = started(switched_off)
    say(switched_off, other, "I need to cancel tomorrow")
    assert (session.phase, session.escalation.target) == (other.phase, other.escalation.target)
    assert session.phase == Phase.MESSAGE  # the demo policy takes a message for out-of-scope requests


def test_no_call_types_at_night_means_a_message(engine) -> None:
    session = started(engine, at=CLOSED, after_hours=True, call_types=("-",))
    actions = say(engine, session, "I'd like to book an appointment", at=CLOSED)
    assert not any(isinstance(a, Transfer) for a in actions)
    assert session.phase == Phase.MESSAGE and session.escalation.target == "message"


def test_without_routing_shadow_call_types_are_not_handled_on_a_live_call(flows) -> None:
    types = {n: ct.model_copy(update={"mode": "shadow"}) if n == "cancel_appointment" else ct
             for n, ct in flows.call_types.items()}
    engine = CallEngine(flows.model_copy(update={"call_types": types}), fake_understanding())
    session = started(engine)
    say(engine, session, "I need to cancel tomorrow")
    assert session.escalation is not None and session.escalation.reason == "out_of_scope"


def test_a_knowledge_question_mid_flow_is_not_answered_when_not_allowed(engine) -> None:
    session = started(engine, call_types=("book_appointment",))
    say(engine, session, "I'd like to book an appointment")
    actions = say(engine, session, "what are your hours?")
    assert session.escalation is not None and session.escalation.reason == "out_of_scope"
    answer = engine.flows.knowledge.entry("hours").answer
    spoken = " ".join(a.text for a in actions if isinstance(a, Say))
    assert (answer if isinstance(answer, str) else answer["en"])[:30] not in spoken


def test_shadow_session_records_would_have_actions_and_the_real_route(engine) -> None:
    session = started(engine, mode="shadow", call_types=("book_appointment",))
    say(engine, session, "can I talk to a real person")
    engine.handle(session, CallEnded(at=OPEN))
    assert session.mode == "shadow" and session.actions
    assert all(action["would_have"] for action in session.actions)
    assert any(action["type"] == "transfer" for action in session.actions)
    record = session.to_record()
    assert record["outcome"] == "transferred" and record["mode"] == "shadow"
    assert record["routing"]["target"] == "front_desk" and record["routing"]["would_have_outcome"] == "transferred"


def test_shadow_session_keeps_the_bots_own_outcome_apart(engine) -> None:
    session = started(engine, mode="shadow", call_types=("book_appointment",))
    say(engine, session, "I'd like to book an appointment")
    engine.handle(session, CallEnded(at=OPEN))
    assert session.outcome == "transferred" and session.routing["would_have_outcome"] == "abandoned"


def test_live_session_actions_are_not_marked(engine) -> None:
    session = started(engine)
    assert session.actions and not any("would_have" in a for a in session.actions)
    assert session.routing == {"route": "bot", "reason": "live", "target": None, "call_types": None}


# ---------------------------------------------------------------- the runtime's shadow gate


class LoudIsSpeech:
    name = "energy"

    def score(self, frame: bytes) -> float:
        return 1.0 if rms(frame) > 1000 else 0.0

    def reset(self) -> None:
        pass


class Scripted:
    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)

    def transcribe(self, pcm16: bytes) -> Transcript:
        return Transcript(self.texts.pop(0) if self.texts else "", 0.9)


class Effects:
    """Stands in for text-to-speech, transfers and the action sink; every use is noted."""

    def __init__(self) -> None:
        self.uses: list[str] = []

    def synthesize(self, text: str) -> bytes:
        self.uses.append("synthesize")
        return b"\x7f" * 1600

    def transfer(self, session: Any, action: Any, say: str | None = None) -> None:
        self.uses.append("transfer")

    def hang_up(self, call_sid: str) -> None:
        self.uses.append("hang_up")

    def take_message(self, session: Any, action: Any) -> None:
        self.uses.append("take_message")

    def run_action(self, session: Any, action: Any) -> None:
        self.uses.append("run_action")


def shadow_handler(flows: Any, *texts: str) -> tuple[CallHandler, list[dict], Effects, MemoryCallStore]:
    sent: list[dict] = []
    effects, store = Effects(), MemoryCallStore()
    services = RuntimeServices(
        engine=CallEngine(flows, fake_understanding()), transcriber_factory=lambda: Scripted(*texts),
        synthesizer=effects, store=store, transfers=effects, sink=effects, detector_factory=LoudIsSpeech,
        limits=RuntimeLimits(redirect_grace_s=0.05, hangup_wait_s=0.05, stt_timeout_s=2, engine_timeout_s=2))
    return CallHandler(services, lambda text: sent.append(json.loads(text)), lambda: None), sent, effects, store


def message(event: str, **body: Any) -> str:
    return json.dumps({"event": event, "streamSid": "MZ1", **body})


def speak(handler: CallHandler, seconds: float) -> None:
    import base64

    for audio, count in ((TONE, int(seconds * 50)), (QUIET, 60)):
        for _ in range(count):
            handler.on_message(message("media", media={"payload": base64.b64encode(audio).decode()}))


def test_shadow_stream_never_speaks_moves_or_hands_off(flows) -> None:
    handler, sent, effects, store = shadow_handler(flows, "I'd like to book an appointment",
                                                   "actually let me talk to a real person")
    handler.on_message(message("start", start={"callSid": "CA" + "5" * 32, "streamSid": "MZ1", "customParameters": {
        "from": "+12125550123", "mode": "shadow", "call_types": "book_appointment"}}))
    for heard in (1, 2):
        speak(handler, 0.6)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and len(handler.session.caller_turns()) < heard:
            time.sleep(0.01)
    handler.on_message(message("stop"))
    assert [m["event"] for m in sent] == []  # no media, mark or clear on a one-way stream
    assert effects.uses == []  # nothing synthesised, transferred, hung up or handed off
    [record] = store.finished
    kinds = [a["type"] for a in record["actions"]]
    assert "say" in kinds and "transfer" in kinds and all(a["would_have"] for a in record["actions"])
    assert record["mode"] == "shadow" and record["outcome"] == "transferred"
    assert record["call_type"] == "book_appointment"
