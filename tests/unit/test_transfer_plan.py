"""The warm transfer's plan: who is rung next, who wins, when the bot comes back, when the caller gave up."""
from __future__ import annotations

import pytest

from app.engine import transfer_plan as plans
from app.engine.transfer_plan import Abandon, Connect, GiveUp, Refuse, Ring, Wait
from app.flows.loader import load_flows


@pytest.fixture(scope="module")
def staff(flows_dir):
    return load_flows(flows_dir).staff


def begin(staff, target="front_desk"):
    return plans.start(staff, call_sid="CA" + "1" * 32, target=target, reason="human_request", brief="Call from x.",
                       language="en", caller="+12125550123", now_iso="2026-06-02T14:30:00+00:00")


def test_sequential_target_rings_members_in_order_then_its_fallback(staff) -> None:
    plan, first = begin(staff)
    assert first == Ring(members=("maria",), target="front_desk") and plan.status == "ringing"
    assert plans.leg_ended(staff, plan, "maria") == Ring(members=("james",), target="front_desk")
    assert plans.leg_ended(staff, plan, "james") == Ring(members=("linda",), target="office_manager")
    assert plan.targets == ["front_desk", "office_manager"]
    assert plans.leg_ended(staff, plan, "linda") == GiveUp(last_target="office_manager")
    assert plan.status == "no_answer" and plan.tried == ["maria", "james", "linda"]


def test_simultaneous_target_rings_everyone_and_waits_for_the_last_refusal(staff) -> None:
    plan, first = begin(staff, "clinical")
    assert first == Ring(members=("dr_patel", "maria"), target="clinical")
    plans.leg_started(plan, "dr_patel", "CAleg1")
    plans.leg_started(plan, "maria", "CAleg2")
    assert isinstance(plans.leg_ended(staff, plan, "dr_patel"), Wait)
    assert plans.leg_ended(staff, plan, "maria") == Ring(members=("on_call_dentist",), target="on_call")


def test_first_accept_wins_and_the_other_legs_are_hung_up(staff) -> None:
    plan, _ = begin(staff, "clinical")
    plans.leg_started(plan, "dr_patel", "CAleg1")
    plans.leg_started(plan, "maria", "CAleg2")
    assert plans.accept(plan, "maria") == Connect(member="maria", cancel=("CAleg1",))
    assert plan.status == "accepted" and plan.accepted_by == "maria"
    assert plans.accept(plan, "dr_patel") == Refuse("taken")
    assert isinstance(plans.leg_ended(staff, plan, "dr_patel"), Wait)  # a late refusal changes nothing


def test_caller_leaving_abandons_only_a_pending_transfer(staff) -> None:
    plan, _ = begin(staff)
    plans.leg_started(plan, "maria", "CAleg1")
    assert plans.caller_left(plan) == Abandon(cancel=("CAleg1",)) and plan.status == "abandoned"
    assert plans.accept(plan, "maria") == Refuse("caller gone")
    accepted, _ = begin(staff)
    plans.accept(accepted, "maria")
    assert isinstance(plans.caller_left(accepted), Wait) and accepted.status == "accepted"


def test_a_round_nobody_reports_on_times_out_once(staff) -> None:
    plan, _ = begin(staff)
    plans.leg_started(plan, "maria", "CAleg1")
    stale_round = plan.rounds
    assert plans.round_timed_out(staff, plan, stale_round) == Ring(members=("james",), target="front_desk")
    assert isinstance(plans.round_timed_out(staff, plan, stale_round), Wait)


def test_an_unknown_target_starts_at_the_front_desk_and_the_plan_is_json(staff) -> None:
    plan, first = begin(staff, "no_such_target")
    assert first.target == "front_desk"
    again = plans.TransferPlan.model_validate_json(plan.model_dump_json())
    assert again == plan and again.view()["status"] == "ringing"


def test_fallback_loops_end_in_a_message(staff) -> None:
    plan, _ = begin(staff, "spanish")  # spanish -> front_desk -> office_manager -> message
    seen = []
    decision = Ring(members=("maria",), target="spanish")
    while isinstance(decision, Ring):
        seen.append(decision.target)
        decision = plans.leg_ended(staff, plan, decision.members[-1])
    assert isinstance(decision, GiveUp)
    assert seen == ["spanish", "front_desk", "office_manager"]  # maria missed it once: james, then linda
    assert plan.tried == ["maria", "james", "linda"]
