"""The follow-up planner: who gets which text when, from the collected slots and the clock (no I/O)."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from workers.followup_plan import (
    CallFacts,
    RequestFacts,
    after_hours_ack,
    appointment_time,
    consent_answer,
    recipient,
    request_followups,
)
from workers.followup_texts import render_text

NY = ZoneInfo("America/New_York")
AT = datetime(2026, 11, 24, 10, 30, tzinfo=NY)
TYPES = {"patient_name": "name", "visit_reason": "text", "preferred_time": "datetime", "callback_number": "phone",
         "sms_consent": "yes_no"}
QUESTIONS = ["May we text that number?", "Sorry, is it OK to text you? Please say yes or no."]


def facts(**kw) -> CallFacts:
    base = dict(call_sid="CA1", caller="+12125550123", language="en", at=AT, business="Bright Smile Dental",
                timezone="America/New_York", callback_within="within two business hours")
    return CallFacts(**{**base, **kw})


def booking(action: str = "request_booking", **slots) -> RequestFacts:
    values = {"patient_name": "Jane Doe", "visit_reason": "a cleaning", "preferred_time": "2026-12-03T15:00:00-05:00",
              "callback_number": "+16465550177", "sms_consent": True, **slots}
    display = {"patient_name": "Jane Doe", "preferred_time": "Thursday, December 3 at 3 PM"}
    return RequestFacts(action, "book_appointment", {k: v for k, v in values.items() if v is not None}, display, TYPES)


def test_the_number_given_on_the_call_wins_over_the_caller_id() -> None:
    assert recipient(booking(), "+12125550123") == "+16465550177"
    assert recipient(booking(callback_number=None), "(212) 555-0123") == "+12125550123"
    assert recipient(booking(callback_number=None), None) is None


def test_consent_keeps_the_wording_the_caller_last_heard() -> None:
    heard_prompt = ["What's the number?", "May we text that number?", "Let me check. Is that right?"]
    assert consent_answer(booking(), None, QUESTIONS, heard_prompt).wording == QUESTIONS[0]
    heard_again = heard_prompt[:2] + ["Sorry, is it OK to text you? Please say yes or no."]
    answer = consent_answer(booking(sms_consent=False), None, QUESTIONS, heard_again)
    assert (answer.phone, answer.granted, answer.wording) == ("+16465550177", False, QUESTIONS[1])


def test_no_consent_record_when_the_question_was_skipped_or_absent() -> None:
    assert consent_answer(booking(sms_consent=None), None, QUESTIONS, QUESTIONS) is None
    assert consent_answer(booking(), None, [], []) is None


def test_requested_times_read_from_slot_values() -> None:
    assert appointment_time("2026-12-03T15:00:00-05:00", "America/New_York") == datetime(2026, 12, 3, 15, tzinfo=NY)
    assert appointment_time("2026-12-03", "America/New_York") == datetime(2026, 12, 3, 9, tzinfo=NY)
    assert appointment_time("next week-ish", "America/New_York") is None
    assert appointment_time(None, "America/New_York") is None


def test_a_booking_gets_a_confirmation_now_and_a_reminder_a_day_ahead() -> None:
    confirm, remind = request_followups(facts(), booking())
    assert (confirm.kind, confirm.to, confirm.send_at) == ("booking_confirmation", "+16465550177", AT.isoformat())
    assert "Bright Smile Dental" in confirm.body and "for Jane Doe" in confirm.body and "STOP" in confirm.body
    assert "Thursday, December 3 at 3 PM" in confirm.body
    assert remind.kind == "appointment_reminder"
    assert datetime.fromisoformat(remind.send_at) == datetime(2026, 12, 2, 15, tzinfo=NY)
    assert confirm.key != remind.key and confirm.call_sid == "CA1"


def test_same_request_same_keys_different_request_different_keys() -> None:
    first = [f.key for f in request_followups(facts(), booking())]
    assert first == [f.key for f in request_followups(facts(), booking())]
    assert first[0] != request_followups(facts(), booking(visit_reason="a filling"))[0].key


def test_no_reminder_when_the_visit_is_too_close_or_the_time_unknown() -> None:
    soon = (AT + timedelta(hours=20)).isoformat()
    assert [f.kind for f in request_followups(facts(), booking(preferred_time=soon))] == ["booking_confirmation"]
    assert [f.kind for f in request_followups(facts(), booking(preferred_time=None))] == ["booking_confirmation"]


def test_reschedule_reminds_of_the_new_time_and_other_actions_plan_nothing() -> None:
    types = {"patient_name": "name", "current_time": "datetime", "new_time": "datetime"}
    request = RequestFacts("request_reschedule", "reschedule_appointment",
                           {"patient_name": "Ana", "current_time": "2026-12-01T10:00:00-05:00",
                            "new_time": "2026-12-08T10:00:00-05:00"}, {"new_time": "Tuesday, December 8"}, types)
    confirm, remind = request_followups(facts(), request)
    assert "move the appointment for Ana" in confirm.body and "December 8" in confirm.body
    assert datetime.fromisoformat(remind.send_at) == datetime(2026, 12, 7, 10, tzinfo=NY)
    assert request_followups(facts(), RequestFacts("notify_late", "running_late", {}, {}, {})) == []


def test_spanish_callers_get_spanish_texts() -> None:
    confirm = request_followups(facts(language="es"), booking())[0]
    assert "recibimos su solicitud de cita para Jane Doe" in confirm.body and "STOP" in confirm.body
    assert render_text("after_hours_ack", "fr", business="B", callback_within="soon").startswith("B: we got")


def test_after_hours_acknowledgement_only_after_hours_and_to_a_real_number() -> None:
    ack = after_hours_ack(facts(after_hours=True), "212 555 0123")
    assert (ack.kind, ack.to) == ("after_hours_ack", "+12125550123") and "we got your message" in ack.body
    assert after_hours_ack(facts(after_hours=False), "212 555 0123") is None
    assert after_hours_ack(facts(after_hours=True), "my cell") is None
    assert after_hours_ack(facts(after_hours=True), None) is None
