"""The follow-up sink on calls driven through the real engine: consent kept with its wording, plans handed on."""
from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.engine.actions import RunAction, TakeMessage
from app.engine.conversation import TextConversation
from app.engine.engine import CallEngine
from app.engine.events import CallerProfile
from app.flows.loader import load_flows
from app.runtime.ports import LoggingSink
from app.runtime.sink import FollowupSink, build_sink
from app.storage import Database
from app.storage.models import AuditEntry, ConsentRecord

from .fakes import fake_understanding

NY = ZoneInfo("America/New_York")
OPEN = datetime(2026, 11, 24, 10, 30, tzinfo=NY)
CLOSED = datetime(2026, 11, 24, 22, 0, tzinfo=NY)


class Recorder:
    """Stands in for the dispatcher: keeps what it was handed."""

    def __init__(self, fail: bool = False) -> None:
        self.followups: list = []
        self.fail = fail

    def followup(self, f) -> bool:
        if self.fail:
            raise RuntimeError("database is locked")
        self.followups.append(f)
        return True


@pytest.fixture(scope="module")
def engine(flows_dir) -> CallEngine:
    return CallEngine(load_flows(flows_dir), fake_understanding())


@pytest.fixture()
def db(tmp_path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'fd.sqlite3'}")


def make_sink(engine: CallEngine, db: Database, dispatcher: Recorder, conversation: TextConversation) -> FollowupSink:
    return FollowupSink(engine.flows, db, dispatcher, clock=lambda: conversation.clock)


def say(conversation: TextConversation, sink: FollowupSink, text: str) -> str:
    """One caller turn; its actions go to the sink the way the runtime's executor hands them over."""
    result = conversation.say(text)
    for action in result.actions:
        if isinstance(action, RunAction):
            sink.run_action(conversation.session, action)
        elif isinstance(action, TakeMessage):
            sink.take_message(conversation.session, action)
    return result.reply


def book(conversation: TextConversation, sink: FollowupSink, *consent: str) -> None:
    for text in ("I'd like to book a cleaning", "Jane Doe", "a cleaning", "next Thursday at 3 pm", "646 555 0177",
                 *consent, "yes"):
        say(conversation, sink, text)
    assert sink.wait_idle()


def consents(db: Database) -> list[ConsentRecord]:
    with db.session() as s:
        return list(s.scalars(select(ConsentRecord)))


def audits(db: Database, action: str) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def start(engine: CallEngine, at: datetime = OPEN, **kw) -> TextConversation:
    conversation = TextConversation(engine, call_sid="CA" + "5" * 32)
    conversation.start(at=at, caller="+12125550123", **kw)
    return conversation


def test_yes_is_recorded_with_the_question_asked_and_both_texts_planned(engine, db) -> None:
    conversation, recorder = start(engine), Recorder()
    book(conversation, make_sink(engine, db, recorder, conversation), "yes please")
    [record] = consents(db)
    assert (record.phone_e164, record.channel, record.granted, record.call_sid) == (
        "+16465550177", "sms", True, "CA" + "5" * 32)
    assert record.wording.startswith("May we text that number a confirmation")
    assert [f.kind for f in recorder.followups] == ["booking_confirmation", "appointment_reminder"]
    assert {f.to for f in recorder.followups} == {"+16465550177"}


def test_a_no_after_a_reprompt_keeps_the_reprompt_wording(engine, db) -> None:
    conversation, recorder = start(engine), Recorder()
    book(conversation, make_sink(engine, db, recorder, conversation), "hmm", "no, don't text me")
    [record] = consents(db)
    assert record.granted is False and record.wording.startswith("Sorry, I didn't catch that.")
    assert len(recorder.followups) == 2  # planned anyway: the worker's consent check blocks them and says why


class Spanish:
    def detect(self, text: str, current: str | None = None) -> str:
        return "es"


def test_spanish_call_records_the_spanish_question(engine, db) -> None:
    understanding = dataclasses.replace(fake_understanding(), language=Spanish())
    conversation, recorder = start(CallEngine(engine.flows, understanding)), Recorder()
    sink = make_sink(engine, db, recorder, conversation)
    for text in ("hola, quiero una cita", "Lucía Fernández", "una limpieza", "el jueves a las 3 de la tarde",
                 "646 555 0177", "sí, claro", "sí"):
        say(conversation, sink, text)
    assert sink.wait_idle()
    [record] = consents(db)
    assert record.granted is True and record.wording.startswith("¿Podemos enviarle")
    assert "recibimos su solicitud de cita" in recorder.followups[0].body


def test_test_calls_and_do_not_call_callers_are_never_texted(engine, db) -> None:
    conversation, recorder = start(engine, mode="test"), Recorder()
    book(conversation, make_sink(engine, db, recorder, conversation), "yes")
    assert not consents(db) and not recorder.followups
    conversation = start(engine, profile=CallerProfile(name="Jane", do_not_call=True))
    book(conversation, make_sink(engine, db, recorder, conversation), "yes")
    assert not recorder.followups
    assert {a.detail["reason"] for a in audits(db, "followup_blocked")} == {"the caller is do-not-call in the CRM"}


def test_after_hours_message_is_acknowledged_daytime_one_is_not(engine, db) -> None:
    conversation, recorder = start(engine, at=CLOSED), Recorder()
    sink = make_sink(engine, db, recorder, conversation)
    for text in ("real person", "Jane Doe", "yes", "please call me about my bill"):
        say(conversation, sink, text)
    assert sink.wait_idle()
    assert [(f.kind, f.to) for f in recorder.followups] == [("after_hours_ack", "+12125550123")]
    conversation, daytime = start(engine), Recorder()
    sink = make_sink(engine, db, daytime, conversation)
    sink.take_message(conversation.session, TakeMessage("out_of_scope", "Jane", "+12125550123", "call me"))
    assert sink.wait_idle() and not daytime.followups


def test_a_failure_behind_the_sink_never_reaches_the_call(engine, db, caplog) -> None:
    conversation = start(engine)
    sink = make_sink(engine, db, Recorder(fail=True), conversation)
    book(conversation, sink, "yes")  # raises nothing
    assert consents(db) and "follow-ups for call" in caplog.text


def test_the_web_process_gets_the_followup_sink_when_it_has_a_database(engine, db) -> None:
    from app.config import Settings

    sink = build_sink(Settings(redis_namespace="fdtest"), engine.flows, db)
    assert isinstance(sink, FollowupSink) and sink.dispatcher.namespace == "fdtest"
    assert isinstance(build_sink(Settings(), engine.flows, None), LoggingSink)
