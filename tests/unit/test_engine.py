"""The call engine's policy and flow logic, driven by text with predictable detectors."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.engine.actions import ClearAudio, Hangup, RunAction, Say, TakeMessage, Transfer
from app.engine.conversation import TextConversation
from app.engine.engine import CallEngine
from app.engine.events import CallerProfile, CallerUtterance, SystemFailure
from app.engine.session import CallSession, Phase
from app.flows.loader import load_flows

from .fakes import fake_understanding

OPEN = datetime(2026, 11, 24, 10, 30, tzinfo=ZoneInfo("America/New_York"))  # a Tuesday
CLOSED = datetime(2026, 11, 24, 22, 0, tzinfo=ZoneInfo("America/New_York"))


@pytest.fixture(scope="module")
def engine(flows_dir) -> CallEngine:
    return CallEngine(load_flows(flows_dir), fake_understanding())


def call(engine: CallEngine, at: datetime = OPEN, **kwargs) -> TextConversation:
    conversation = TextConversation(engine)
    conversation.start(at=at, caller=kwargs.pop("caller", "+12125550123"), **kwargs)
    return conversation


def test_greets_with_the_business_name(engine):
    conversation = TextConversation(engine)
    result = conversation.start(at=OPEN)
    assert "Bright Smile Dental" in result.reply
    assert conversation.session.phase == Phase.LISTENING


def test_booking_collects_slots_confirms_and_runs_the_action(engine):
    c = call(engine)
    assert c.say("I'd like to book a cleaning").intent == "book_appointment"
    c.say("Jane Doe")
    c.say("a cleaning")
    c.say("next Thursday at 3 pm")
    consent = c.say("212 555 0123")
    assert "text" in consent.reply.lower()
    result = c.say("yes please")
    assert "is that right" in result.reply.lower()
    done = c.say("yes")
    assert any(isinstance(a, RunAction) and a.name == "request_booking" for a in done.actions)
    assert c.session.slots["callback_number"] == "+12125550123" and c.session.slots["sms_consent"] is True
    bye = c.say("no, that's all")
    assert any(isinstance(a, Hangup) and a.outcome == "resolved" for a in bye.actions)
    assert c.outcome == "resolved"


def test_human_request_in_the_middle_of_a_booking_transfers_at_once(engine):
    c = call(engine)
    c.say("I want to book an appointment")
    result = c.say("actually let me talk to a real person")
    transfer = next(a for a in result.actions if isinstance(a, Transfer))
    assert transfer.reason == "human_request" and transfer.target == "front_desk"
    assert "book appointment" in transfer.brief
    assert c.session.phase == Phase.TRANSFERRING
    c.hang_up()
    assert c.outcome == "transferred"


def test_dtmf_zero_transfers_from_any_phase(engine):
    c = call(engine)
    c.say("I need to cancel")
    result = c.press("0")
    assert result.escalate == "human_request"


def test_partial_transcript_over_the_bot_clears_audio_and_transfers(engine):
    session = CallSession(call_sid="CA1")
    from app.engine.events import CallStarted

    engine.handle(session, CallStarted(call_sid="CA1", at=OPEN))
    assert session.bot_speaking
    actions = engine.handle(session, CallerUtterance(text="real person", at=OPEN, final=False))
    assert isinstance(actions[0], ClearAudio)
    assert any(isinstance(a, Transfer) for a in actions)


def test_out_of_scope_becomes_a_message(engine):
    c = call(engine)
    result = c.say("can you order me a pizza")
    assert result.escalate == "out_of_scope"
    c.say("Jane Doe")
    c.say("yes")  # call back on the caller ID
    final = c.say("I wanted to ask about pizza")
    message = next(a for a in final.actions if isinstance(a, TakeMessage))
    assert message.callback_number == "+12125550123" and message.caller_name
    assert c.outcome == "message_taken"


def test_two_unclear_turns_reach_a_person(engine):
    c = call(engine)
    assert c.say("hmm well I was wondering").escalate is None
    assert c.say("the thing from before").escalate in ("repeated_no_match", "low_confidence")


def test_low_speech_confidence_twice_escalates(engine):
    c = call(engine)
    assert c.say("book", confidence=0.2).escalate is None
    assert c.say("book", confidence=0.2).escalate == "low_confidence"


def test_negative_sentiment_escalates(engine):
    c = call(engine)
    assert c.say("I am furious about this").escalate == "negative_sentiment"


def test_vip_goes_straight_to_a_person(engine):
    c = TextConversation(engine)
    result = c.start(at=OPEN, profile=CallerProfile(name="Ann", vip=True))
    assert result.escalate == "vip"
    assert any(isinstance(a, Transfer) and a.target == "office_manager" for a in result.actions)


def test_system_failure_transfers_to_the_front_desk(engine):
    c = call(engine)
    actions = engine.handle(c.session, SystemFailure(at=OPEN, component="stt", detail="timeout"))
    transfer = next(a for a in actions if isinstance(a, Transfer))
    assert transfer.reason == "system_failure" and transfer.target == "front_desk"


def test_fallback_chain_ends_in_a_message(engine):
    c = call(engine)
    c.say("real person please")
    assert c.transfer_failed().actions[0].target == "office_manager"  # front_desk's fallback
    result = c.transfer_failed()  # office_manager falls back to a message
    assert c.session.phase == Phase.MESSAGE
    assert "call you back" in result.reply


def test_after_hours_human_request_takes_a_message(engine):
    c = call(engine, at=CLOSED)
    result = c.say("real person")
    assert c.session.phase == Phase.MESSAGE and "closed" in result.reply.lower()


def test_office_question_answers_from_knowledge_only(engine):
    c = call(engine)
    result = c.say("what are your hours")
    assert "Monday" in result.reply
    assert c.session.resolved == ["office_question"]


def test_unknown_office_question_offers_a_person(engine):
    c = call(engine)
    result = c.say("do you do acupuncture")
    assert "don't have that information" in result.reply
    assert c.say("yes please").escalate == "out_of_scope"


def test_spanish_caller_continues_in_spanish(engine):
    c = call(engine)
    result = c.say("hola quiero una cita")
    assert c.session.language == "es"
    assert "nombre" in result.reply.lower()


def test_question_about_the_bot_is_answered_honestly(engine):
    c = call(engine)
    result = c.say("wait, are you a robot?")
    assert result.escalate is None and "automated" in result.reply


def test_state_round_trips_through_json(engine):
    c = call(engine)
    c.say("I'd like to book a cleaning")
    restored = CallSession.from_json(c.session.to_json())
    assert restored == c.session
    assert restored.to_record()["turns"][0]["role"] == "bot"


def test_silence_twice_ends_the_call(engine):
    c = call(engine)
    assert "still there" in c.silence().reply.lower()
    result = c.silence()
    assert any(isinstance(a, Hangup) for a in result.actions) and c.outcome == "abandoned"


def test_every_action_is_recorded_on_the_session(engine):
    c = call(engine)
    c.say("real person")
    kinds = [a["type"] for a in c.session.actions]
    assert kinds[0] == "say" and "transfer" in kinds
    assert all(isinstance(a, dict) and "at" in a for a in c.session.actions)


def test_say_actions_carry_prompt_keys_for_fixed_prompts(engine):
    c = TextConversation(engine)
    result = c.start(at=OPEN)
    assert isinstance(result.actions[0], Say) and result.actions[0].prompt_key == "greeting.en"


def test_a_question_wrapped_in_actually_is_answered_and_the_slot_asked_again(engine):
    c = call(engine)
    c.say("I'd like to book a cleaning")
    result = c.say("actually, wait, is there parking")
    assert "patient_name" not in c.session.slots
    assert c.session.phase == Phase.COLLECTING and c.session.call_type == "book_appointment"
    assert "name" in result.reply.lower()


def test_a_day_given_for_the_name_fills_the_day_and_the_name_is_asked_again(engine):
    c = call(engine)
    c.say("I'd like to book a cleaning")
    result = c.say("ok thanks. tuesday morning works")
    assert "patient_name" not in c.session.slots
    assert c.session.slots["preferred_time"].startswith("2026-12-01T")
    assert "name" in result.reply.lower()
    c.say("Maria Lopez")
    assert c.session.slots["patient_name"] == "Maria Lopez"


def test_a_reason_that_mentions_a_day_is_still_the_reason(engine):
    c = call(engine)
    c.say("I'd like to book an appointment")
    c.say("Jane Doe")
    c.say("a cleaning on Thursday")
    assert c.session.slots["visit_reason"] == "a cleaning on Thursday"


def test_sorry_what_repeats_the_last_prompt_without_counting_a_miss(engine):
    c = call(engine)
    asked = c.say("I'd like to book an appointment").reply
    for _ in range(3):
        again = c.say("sorry, what?")
        assert again.reply == asked and again.escalate is None
    assert c.session.no_match_streak == 0 and c.session.phase == Phase.COLLECTING


def test_hold_on_waits_and_the_next_silence_is_patient(engine):
    c = call(engine)
    c.say("I'd like to book an appointment")
    held = c.say("hold on, let me grab my insurance card")
    assert "take your time" in held.reply.lower() and "patient_name" not in c.session.slots
    first_silence = c.silence()
    assert "still here" in first_silence.reply.lower() and not c.session.is_over
    c.say("Jane Doe")
    assert c.session.slots["patient_name"] == "Jane Doe"


def test_moving_a_visit_gives_the_two_days_to_the_right_slots(engine):
    c = call(engine)
    c.say("can I move my Thursday cleaning to next Monday morning")
    assert c.session.slots["current_time"].startswith("2026-11-26")
    assert c.session.slots["new_time"].startswith("2026-11-30T")
    c2 = call(engine)
    c2.say("I have a cleaning Thursday and I need to move it")
    assert c2.session.slots["current_time"].startswith("2026-11-26") and "new_time" not in c2.session.slots


def test_a_day_corrected_at_the_confirmation_is_the_new_day(engine):
    c = call(engine)
    c.say("I need to reschedule")
    c.say("Tom Baker")
    c.say("it's on Thursday")
    c.say("Friday afternoon")
    c.say("no, Friday morning")
    assert c.session.slots["current_time"].startswith("2026-11-26")
    assert c.session.slots["new_time"] == "2026-11-27T08:00:00-05:00"


def test_a_caller_who_is_done_is_let_go_not_misunderstood(engine):
    c = call(engine)
    c.say("what are your hours")
    c.say("yes")
    bye = c.say("that's all, thanks")
    assert any(isinstance(a, Hangup) and a.outcome == "resolved" for a in bye.actions)
    assert c.session.no_match_streak == 0


def test_goodbye_is_not_read_into_the_first_sentence(engine):
    c = call(engine)
    result = c.say("I'm good, I wanted to ask about parking")
    assert not any(isinstance(a, Hangup) for a in result.actions)


def test_an_escalation_said_while_a_message_is_taken_becomes_part_of_it(engine):
    c = call(engine, at=CLOSED)
    c.say("I want a real person")
    assert c.session.phase == Phase.MESSAGE
    c.say("Jane Doe")
    c.say("212 555 0123")
    done = c.say("my lawyer says you overcharged me")
    message = next(a for a in done.actions if isinstance(a, TakeMessage))
    assert "overcharged" in message.message and c.outcome == "message_taken"


def test_asking_to_leave_a_message_takes_one(engine):
    c = call(engine)
    result = c.say("can I just leave a message for the dentist")
    assert c.session.phase == Phase.MESSAGE and "name" in result.reply.lower()


def test_a_change_of_mind_where_a_name_is_expected_switches_the_request(engine):
    c = call(engine)
    c.say("I'd like to book a cleaning")
    result = c.say("actually no, I need to cancel instead")
    assert c.session.call_type == "cancel_appointment" and "patient_name" not in c.session.slots
    assert "name" in result.reply.lower()


def test_a_day_said_again_at_the_number_prompt_refines_the_day(engine):
    c = call(engine)
    c.say("I'd like to book an appointment")
    c.say("Jane Doe")
    c.say("a cleaning")
    c.say("Friday")
    result = c.say("Friday morning then")
    assert c.session.slots["preferred_time"].startswith("2026-11-27T") and c.session.slot_attempts == 0
    assert "number" in result.reply.lower()
    c.say("yes that's my cell")
    assert c.session.slots["callback_number"] == "+12125550123"
