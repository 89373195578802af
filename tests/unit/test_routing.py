"""The routing decision: VIPs, opening hours and holidays, call-type modes, pilot windows and shares."""
from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

import pytest

from app.engine.events import CallerProfile
from app.engine.routing import NO_CALL_TYPES, decide, person_target, share_bucket
from app.flows.loader import load_flows
from app.flows.schema import Pilot

SID = "CA" + "a" * 32
TUESDAY_MORNING = datetime.fromisoformat("2026-06-02T10:30:00-04:00")
TUESDAY_NIGHT = datetime.fromisoformat("2026-06-02T21:30:00-04:00")
THANKSGIVING = datetime.fromisoformat("2026-11-26T10:00:00-05:00")
ALL = ("book_appointment", "cancel_appointment", "office_question", "reschedule_appointment", "running_late")


@pytest.fixture(scope="module")
def flows(flows_dir):
    return load_flows(flows_dir)


def with_call_types(flows: Any, **changes: dict[str, Any]) -> Any:
    """The flows with some call types changed, e.g. running_late={"mode": "off"}."""
    types = {name: ct.model_copy(update=changes.get(name, {})) for name, ct in flows.call_types.items()}
    return flows.model_copy(update={"call_types": types})


def with_business(flows: Any, **update: Any) -> Any:
    return flows.model_copy(update={"business": flows.business.model_copy(update=update)})


def every(flows: Any, **update: Any) -> Any:
    return with_call_types(flows, **{name: update for name in flows.call_types})


def pilot(**fields: Any) -> Pilot:
    return Pilot.model_validate(fields)


def test_open_office_hands_every_live_call_type_to_the_bot(flows) -> None:
    decision = decide(flows, TUESDAY_MORNING, None, SID)
    assert decision.route == "bot" and not decision.after_hours
    assert set(decision.call_types) == set(ALL)
    assert decision.call_types_parameter().split(",") == list(decision.call_types)


def test_at_night_only_after_hours_call_types_are_live(flows) -> None:
    decision = decide(flows, TUESDAY_NIGHT, None, SID)
    assert decision.route == "bot" and decision.after_hours
    assert "running_late" not in decision.call_types and "book_appointment" in decision.call_types
    assert decision.statuses["running_late"] == "off"


def test_public_holiday_and_listed_days_are_closed(flows) -> None:
    assert decide(flows, THANKSGIVING, None, SID).after_hours
    christmas_eve = datetime.fromisoformat("2026-12-24T10:00:00-05:00")  # a Thursday in holidays.closed
    assert decide(flows, christmas_eve, None, SID).after_hours
    holidays = flows.business.holidays.model_copy(update={"open": [date(2026, 11, 26)]})
    assert not decide(with_business(flows, holidays=holidays), THANKSGIVING, None, SID).after_hours


def test_dated_exception_replaces_the_days_hours(flows) -> None:
    short_day = with_business(flows, special_hours={date(2026, 6, 2): ["08:00-10:00"]})
    assert decide(short_day, TUESDAY_MORNING, None, SID).after_hours
    long_day = with_business(flows, special_hours={date(2026, 6, 2): ["08:00-23:00"]})
    assert not decide(long_day, TUESDAY_NIGHT, None, SID).after_hours
    open_holiday = with_business(flows, special_hours={date(2026, 11, 26): ["09:00-12:00"]})
    assert not decide(open_holiday, THANKSGIVING, None, SID).after_hours


def test_special_hours_written_closed_close_the_day(flows) -> None:
    from app.flows.schema import Business

    data = {"name": "X", "timezone": "America/New_York", "hours": {"tuesday": ["08:00-17:00"]},
            "special_hours": {"2026-06-02": "closed"}}
    business = Business.model_validate(data)
    assert business.special_hours[date(2026, 6, 2)] == []
    assert decide(with_business(flows, special_hours=business.special_hours), TUESDAY_MORNING, None, SID).after_hours


def test_vip_goes_to_the_vip_target_at_once(flows) -> None:
    decision = decide(flows, TUESDAY_MORNING, CallerProfile(name="Ana", vip=True), SID)
    assert (decision.route, decision.reason, decision.target) == ("person", "vip", "office_manager")


def test_vip_who_speaks_spanish_goes_to_the_spanish_speaking_target(flows) -> None:
    decision = decide(flows, TUESDAY_MORNING, CallerProfile(name="Ana", vip=True, preferred_language="es-US"), SID)
    assert (decision.route, decision.target) == ("person", "spanish")  # the office manager speaks only English


def test_vip_at_night_follows_the_after_hours_policy(flows) -> None:
    vip = CallerProfile(name="Ana", vip=True)
    message = decide(flows, TUESDAY_NIGHT, vip, SID)
    assert message.route == "bot"  # nobody would answer: the bot takes the message
    on_call = decide(with_business(flows, after_hours="on_call"), TUESDAY_NIGHT, vip, SID)
    assert (on_call.route, on_call.target) == ("person", "on_call")


def test_a_call_type_switched_off_is_not_live(flows) -> None:
    decision = decide(with_call_types(flows, running_late={"mode": "off"}), TUESDAY_MORNING, None, SID)
    assert "running_late" not in decision.call_types and decision.statuses["running_late"] == "off"


def test_nothing_live_in_hours_goes_to_the_front_desk(flows) -> None:
    decision = decide(every(flows, mode="off"), TUESDAY_MORNING, None, SID)
    assert (decision.route, decision.reason, decision.target) == ("person", "no_live_call_types", "front_desk")


def test_nothing_live_at_night_follows_the_after_hours_policy(flows) -> None:
    message = decide(every(flows, mode="off"), TUESDAY_NIGHT, None, SID)
    assert message.route == "bot" and message.call_types_parameter() == NO_CALL_TYPES
    on_call = decide(with_business(every(flows, mode="off"), after_hours="on_call"), TUESDAY_NIGHT, None, SID)
    assert (on_call.route, on_call.reason, on_call.target) == ("person", "after_hours", "on_call")


def test_shadow_call_types_shadow_the_call_when_none_is_live(flows) -> None:
    decision = decide(every(flows, mode="shadow"), TUESDAY_MORNING, None, SID)
    assert (decision.route, decision.mode, decision.target) == ("shadow", "shadow", "front_desk")
    assert set(decision.call_types) == set(ALL)


def test_a_live_call_type_makes_the_call_live_and_leaves_shadow_ones_out(flows) -> None:
    shadowed = {name: {"mode": "shadow"} for name in ALL if name != "book_appointment"}
    decision = decide(with_call_types(flows, **shadowed), TUESDAY_MORNING, None, SID)
    assert decision.route == "bot" and decision.call_types == ("book_appointment",)
    assert decision.statuses["cancel_appointment"] == "shadow"


def test_shadow_at_night_needs_someone_on_call(flows) -> None:
    night_shadow = every(flows, mode="shadow")
    assert decide(night_shadow, TUESDAY_NIGHT, None, SID).route == "bot"  # message policy: nobody to dial
    on_call = decide(with_business(night_shadow, after_hours="on_call"), TUESDAY_NIGHT, None, SID)
    assert (on_call.route, on_call.target) == ("shadow", "on_call")
    assert "running_late" not in on_call.call_types  # not an after-hours call type


@pytest.mark.parametrize("at, inside", [
    ("2026-06-02T09:30:00-04:00", True),   # Tuesday, inside 09:00-12:00
    ("2026-06-02T12:00:00-04:00", False),  # the end of a range is outside it
    ("2026-06-03T10:30:00-04:00", False),  # Wednesday is not a pilot day
])
def test_pilot_windows_limit_a_call_type_to_days_and_hours(flows, at: str, inside: bool) -> None:
    trial = pilot(windows=[{"days": ["monday", "tuesday"], "hours": "09:00-12:00"}])
    decision = decide(with_call_types(flows, running_late={"pilot": trial}), datetime.fromisoformat(at), None, SID)
    assert decision.statuses["running_late"] == ("live" if inside else "off")


def test_outside_its_pilot_a_call_type_can_be_shadowed(flows) -> None:
    trial = pilot(windows=[{"hours": "13:00-14:00"}], outside="shadow")
    decision = decide(with_call_types(flows, running_late={"pilot": trial}), TUESDAY_MORNING, None, SID)
    assert decision.statuses["running_late"] == "shadow" and decision.route == "bot"  # others are live


def test_a_pilot_cannot_open_a_call_type_after_hours(flows) -> None:
    decision = decide(with_call_types(flows, running_late={"pilot": pilot(share=1.0)}), TUESDAY_NIGHT, None, SID)
    assert decision.statuses["running_late"] == "off"


def test_share_bucket_is_stable_per_call_and_differs_per_call_type() -> None:
    assert share_bucket(SID, "running_late") == share_bucket(SID, "running_late")
    assert share_bucket(SID, "running_late") != share_bucket(SID, "book_appointment")
    assert 0.0 <= share_bucket(SID, "running_late") < 1.0


@pytest.mark.parametrize("share", [0.1, 0.3, 0.5, 0.9])
def test_share_spreads_calls_evenly(share: float) -> None:
    sids = ["CA" + secrets.token_hex(16) for _ in range(20000)]
    inside = sum(share_bucket(sid, "running_late") < share for sid in sids) / len(sids)
    assert abs(inside - share) < 0.015  # binomial sd at n=20000 is at most 0.0036


def test_a_call_keeps_its_bucket_between_webhooks_and_raising_the_share_keeps_it_in(flows) -> None:
    sids = ["CA" + secrets.token_hex(16) for _ in range(400)]
    def live_at(share: float) -> set[str]:
        piloted = with_call_types(flows, running_late={"pilot": pilot(share=share)})
        return {s for s in sids if decide(piloted, TUESDAY_MORNING, None, s).statuses["running_late"] == "live"}
    assert live_at(0.2) == live_at(0.2)
    assert live_at(0.2) <= live_at(0.6) and len(live_at(0.2)) < len(live_at(0.6))
    assert live_at(0.0) == set() and live_at(1.0) == set(sids)


def test_person_target_follows_the_hour(flows) -> None:
    assert person_target(flows, "human_request", False) == "front_desk"
    assert person_target(flows, "human_request", True) is None  # closed: a message
    assert person_target(flows, "safety", True) == "on_call"  # urgent: on call whatever the policy
