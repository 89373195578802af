"""The live board, call pages (live from Redis, finished from SQL), history and feedback, through Flask."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from app.engine.session import CallSession, Escalation, Phase
from app.storage.models import Contact
from app.storage.records import record_call
from app.storage.staff_models import CallFeedback
from tests.integration.staff_support import signed_in, staff, token_of
from tests.standins.harness import sample_record

__all__ = ["staff"]
SID_LIVE, SID_WAIT, SID_DONE = "CA" + "a" * 32, "CA" + "b" * 32, "CA" + "c" * 32


def live_session(sid: str, **fields) -> CallSession:
    now = datetime.now(timezone.utc)
    fields.setdefault("phase", Phase.COLLECTING)
    session = CallSession(call_sid=sid, caller="+12125550123", started_at=(now - timedelta(seconds=65)).isoformat(),
                          **fields)
    session.add_turn("bot", "Thanks for calling Bright Smile Dental, how can I help?", now - timedelta(seconds=60))
    session.add_turn("caller", "I'd like to book a cleaning", now - timedelta(seconds=50), intent="book_appointment",
                     confidence=0.91)
    return session


def save(svc, session: CallSession) -> None:
    svc.calls.save(session.call_sid, session.to_json())


def test_board_lists_calls_with_the_bot_and_callers_waiting_for_a_person(staff) -> None:
    app, svc = staff
    save(svc, live_session(SID_LIVE, call_type="book_appointment", profile={"name": "Ann Lee", "vip": True}))
    waiting = live_session(SID_WAIT, transfer={
        "status": "ringing", "target": "front_desk", "ringing": ["maria", "someone_new"], "tried": [],
        "started_at": (datetime.now(timezone.utc) - timedelta(seconds=20)).isoformat(), "brief": "Call from Bo."})
    save(svc, waiting)
    over = live_session(SID_DONE, ended_at=datetime.now(timezone.utc).isoformat(), phase=Phase.ENDED)
    save(svc, over)
    svc.redis.set(svc.calls.keys.call_state("CA" + "d" * 32), "{not json")
    svc.redis.zadd(svc.calls.keys.active_calls(), {"CA" + "d" * 32: 9e12})
    data = signed_in(app, svc, "staff").get("/staff/board.json").get_json()
    assert [r["call_sid"] for r in data["in_progress"]] == [SID_LIVE]
    row = data["in_progress"][0]
    assert row["caller"] == {"number": "+12125550123", "name": "Ann Lee", "vip": True, "known": True}
    assert row["call_type"] == "book_appointment" and row["phase"] == "collecting" and row["duration_s"] >= 65
    assert row["last_said"] == "I'd like to book a cleaning"
    [wait] = data["waiting"]
    assert wait["call_sid"] == SID_WAIT and wait["transfer"]["status"] == "ringing"
    assert wait["transfer"]["ringing"] == ["Maria Alvarez", "someone_new"]  # names from staff.yaml, else the id
    assert wait["transfer"]["waited_s"] >= 20


def test_board_page_renders_and_says_when_redis_is_down(staff) -> None:
    app, svc = staff
    save(svc, live_session(SID_LIVE, profile={"name": "<b>Ann</b>"}))
    client = signed_in(app, svc, "staff")
    html = client.get("/staff/").get_data(as_text=True)
    assert "&lt;b&gt;Ann&lt;/b&gt;" in html and "<b>Ann</b>" not in html and f"/staff/calls/{SID_LIVE}" in html
    svc.calls.redis = type(svc.redis).from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    down = client.get("/staff/board.json")
    assert down.status_code == 503 and "unavailable" in down.get_json()["error"]
    assert "unavailable" in client.get("/staff/").get_data(as_text=True)


def test_live_call_page_follows_the_transcript_as_it_grows(staff) -> None:
    app, svc = staff
    session = live_session(SID_LIVE, call_type="book_appointment", slots={"patient_name": "Ann Lee"})
    save(svc, session)
    client = signed_in(app, svc, "staff")
    page = client.get(f"/staff/calls/{SID_LIVE}").get_data(as_text=True)
    assert "book a cleaning" in page and "Ann Lee" in page and 'data-live="true"' in page
    first = client.get(f"/staff/calls/{SID_LIVE}/live.json").get_json()
    assert [t["role"] for t in first["transcript"]] == ["bot", "caller"] and first["live"]
    session.add_turn("caller", "can I talk to a real person", datetime.now(timezone.utc), escalate="human_request")
    session.escalation = Escalation(reason="human_request", evidence="real person", target="front_desk",
                                    at=datetime.now(timezone.utc).isoformat())
    session.transfer = {"status": "accepted", "target": "front_desk", "accepted_by": "james", "brief": "Call from Ann."}
    save(svc, session)
    later = client.get(f"/staff/calls/{SID_LIVE}/live.json").get_json()
    assert later["transcript"][-1]["text"] == "can I talk to a real person"
    assert later["escalation"] == {"reason": "human_request", "evidence": "real person", "target": "front_desk"}
    assert later["transfer"]["accepted_by"] == "James Carter" and later["transfer"]["brief"] == "Call from Ann."


def test_finished_call_page_comes_from_sql_with_crm_record_and_recent_calls(staff) -> None:
    app, svc = staff
    record_call(svc.db, sample_record(SID_DONE))
    record_call(svc.db, sample_record("CA" + "e" * 32, outcome="resolved"))
    with svc.db.session() as s:
        s.add(Contact(name="Dana Ruiz", phone_raw="(212) 555-0123", phone_e164="+12125550123", vip=True))
    client = signed_in(app, svc, "staff")
    page = client.get(f"/staff/calls/{SID_DONE}").get_data(as_text=True)
    assert 'data-live="false"' in page and "Dana Ruiz" in page and "I&#39;d like to book a cleaning" in page
    assert "can I talk to a person" in page  # the escalation evidence
    assert f"/staff/calls/{'CA' + 'e' * 32}" in page  # another call from the same number
    data = client.get(f"/staff/calls/{SID_DONE}/live.json").get_json()
    assert data["live"] is False and data["duration_s"] == 180 and data["outcome"] == "message_taken"


def test_unknown_or_malformed_call_ids_are_404(staff) -> None:
    app, svc = staff
    client = signed_in(app, svc, "staff")
    for sid in ("CA" + "0" * 32, "CA:with:colons", "x" * 300):
        assert client.get(f"/staff/calls/{sid}").status_code == 404, sid
        assert client.get(f"/staff/calls/{sid}/live.json").status_code == 404, sid


def test_history_filters_by_outcome_and_date_and_pages(staff) -> None:
    app, svc = staff
    start = datetime(2026, 6, 2, 14, 0, tzinfo=timezone.utc)
    for i in range(30):
        at = start + timedelta(days=i % 3, minutes=i)
        record_call(svc.db, sample_record(f"CAH{i:03d}", outcome="transferred" if i % 2 else "resolved",
                                          started_at=at.isoformat(), ended_at=(at + timedelta(minutes=2)).isoformat()))
    client = signed_in(app, svc, "staff")
    first = client.get("/staff/calls").get_data(as_text=True)
    assert "Page 1 of 2 (30)" in first and "CAH029" in first
    transferred = client.get("/staff/calls?outcome=transferred").get_data(as_text=True)
    assert transferred.count("/staff/calls/CAH") == 15
    one_day = client.get("/staff/calls?from=2026-06-03&to=2026-06-03").get_data(as_text=True)
    assert one_day.count("/staff/calls/CAH") == 10
    record_call(svc.db, sample_record("CATEST1", mode="test"))
    assert "CATEST1" not in client.get("/staff/calls").get_data(as_text=True)  # test calls stay out of reports
    only_tests = client.get("/staff/calls?calls=test").get_data(as_text=True)
    assert only_tests.count("/staff/calls/CA") == 1 and "CATEST1" in only_tests
    junk = client.get("/staff/calls?from=yesterday&outcome=%3Cx%3E&page=-4")
    assert junk.status_code == 200 and "is not a date" in junk.get_data(as_text=True)
    assert "Page 2 of 2" in client.get("/staff/calls?page=99").get_data(as_text=True)


def _feedback(client, sid: str, **fields) -> object:
    form = {"csrf_token": token_of(client), "call_type_right": "no", "right_call_type": "cancel_appointment",
            "should_have_escalated": "yes", "answer_right": "n/a", "comment": "asked to cancel, not book"}
    return client.post(f"/staff/calls/{sid}/feedback", data={**form, **fields})


def test_feedback_is_stored_with_the_reviewer_and_shown_on_the_call_page(staff) -> None:
    app, svc = staff
    record_call(svc.db, sample_record(SID_DONE))
    client = signed_in(app, svc, "staff")
    answer = _feedback(client, SID_DONE)
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/staff/calls/{SID_DONE}#feedback")
    assert _feedback(client, SID_DONE, comment="second thoughts").status_code == 302  # replaces, never duplicates
    with svc.db.session() as s:
        rows = list(s.scalars(select(CallFeedback).where(CallFeedback.call_sid == SID_DONE)))
    assert len(rows) == 1
    row = rows[0]
    assert (row.call_type_right, row.right_call_type, row.should_have_escalated, row.answer_right) == \
        (False, "cancel_appointment", True, "n/a")
    assert row.comment == "second thoughts" and row.detected_call_type == "book_appointment"
    assert row.created_at is not None and row.user_id > 0
    assert "second thoughts" in client.get(f"/staff/calls/{SID_DONE}").get_data(as_text=True)


def test_feedback_with_missing_or_garbage_answers_is_refused(staff) -> None:
    app, svc = staff
    record_call(svc.db, sample_record(SID_DONE))
    client = signed_in(app, svc, "staff")
    assert _feedback(client, SID_DONE, right_call_type="").status_code == 400  # "no" needs the right type
    assert _feedback(client, SID_DONE, answer_right="maybe").status_code == 400
    assert _feedback(client, SID_DONE, right_call_type="made_up_type").status_code == 400
    assert _feedback(client, "CA" + "9" * 32).status_code == 404
    with svc.db.session() as s:
        assert s.scalar(select(CallFeedback)) is None


def test_operators_list_and_export_feedback_as_csv(staff) -> None:
    app, svc = staff
    record_call(svc.db, sample_record(SID_DONE))
    _feedback(signed_in(app, svc, "staff"), SID_DONE, comment="=HYPERLINK(\"http://x\")")
    operator = signed_in(app, svc, "operator")
    assert "cancel appointment" in operator.get("/staff/feedback").get_data(as_text=True)
    export = operator.get("/staff/feedback.csv")
    assert export.mimetype == "text/csv" and "attachment" in export.headers["Content-Disposition"]
    [row] = list(csv.DictReader(io.StringIO(export.get_data(as_text=True))))
    assert row["call_sid"] == SID_DONE and row["right_call_type"] == "cancel_appointment"
    assert row["caller"] == "+12125550123" and row["comment"].startswith("'=")  # not run as a formula
