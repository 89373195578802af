"""Where a call goes before the bot says a word: VIPs, opening hours, call-type modes and pilots.

Pure: the flows, the moment, the caller's CRM profile and the call SID in, a RoutingDecision out.
The engine uses the same `person_target` when it escalates, so the webhook and the engine agree
on who answers at any hour.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from collections.abc import Sequence
from typing import Any, Literal

from app.flows.schema import WEEKDAYS, CallType, Flows, parse_time_range
from app.flows.schema.call_types import Pilot, PilotWindow

from .events import CallerProfile
from .hours import is_open, local_time

URGENT = ("safety", "mental_health")
"""Escalations that reach the on-call target at night whatever the after-hours policy."""
NO_CALL_TYPES = "-"
"""The stream's `call_types` value when the bot may handle none (it still listens and takes messages)."""

Route = Literal["bot", "person", "shadow"]
Status = Literal["live", "shadow", "off"]


@dataclass(frozen=True)
class RoutingDecision:
    """bot: the stream answers; person: straight to `target`; shadow: `target` answers, the bot listens."""

    route: Route
    reason: str
    after_hours: bool
    target: str | None = None
    live: tuple[str, ...] = ()
    shadow: tuple[str, ...] = ()
    statuses: dict[str, Status] = field(default_factory=dict)

    @property
    def mode(self) -> str:
        return "shadow" if self.route == "shadow" else "live"

    @property
    def call_types(self) -> tuple[str, ...]:
        """The call types the bot handles on this call (shadowing: the ones it would have handled)."""
        return self.shadow if self.route == "shadow" else self.live

    def call_types_parameter(self) -> str:
        return ",".join(self.call_types) or NO_CALL_TYPES

    def as_record(self) -> dict[str, Any]:
        """What the call record keeps about this decision."""
        return {"route": self.route, "reason": self.reason, "target": self.target, "mode": self.mode,
                "after_hours": self.after_hours, "call_types": list(self.call_types),
                "statuses": dict(self.statuses)}


def person_target(flows: Flows, reason: str, after_hours: bool, language: str = "en") -> str | None:
    """The staff target that takes `reason` now; None when nobody is there (take a message).

    In opening hours a caller in another language goes to the Spanish-speaking target when the
    policy's target does not speak it.
    """
    staff = flows.staff
    if after_hours:
        if reason in URGENT and staff.on_call:
            return staff.on_call
        if flows.business.after_hours == "on_call" and staff.on_call:
            return staff.on_call
        return None
    target = flows.escalation.target_for(reason, staff.front_desk)
    config = staff.targets.get(target)
    if language != "en" and staff.spanish_target and config is not None and language not in config.languages:
        return staff.spanish_target
    return target


def stream_routing(flows: Flows, mode: str, after_hours: bool, call_types: Sequence[str] | None) -> dict[str, Any]:
    """What a streamed call's record keeps of its routing: who really had the call, which call types."""
    allowed = list(call_types) if call_types is not None else None
    if mode == "shadow":
        return {"route": "shadow", "reason": "shadow", "target": office_target(flows, after_hours), "call_types": allowed}
    return {"route": "bot", "reason": "live", "target": None, "call_types": allowed}


def share_bucket(call_sid: str, call_type: str) -> float:
    """A number in [0, 1) fixed by the call SID and call type, so every webhook of a call agrees."""
    digest = hashlib.sha256(f"{call_type}:{call_sid}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


def in_window(window: PilotWindow, local: datetime) -> bool:
    """Inside the window's weekdays (none listed: every day) and hours (none: all day)."""
    if window.days and WEEKDAYS[local.weekday()] not in window.days:
        return False
    if window.hours is None:
        return True
    start, end = parse_time_range(window.hours)
    return start <= local.time() < end


def in_pilot(pilot: Pilot, name: str, local: datetime, call_sid: str) -> bool:
    """In one of the pilot's windows (if it has any) and inside its share of calls."""
    if pilot.windows and not any(in_window(w, local) for w in pilot.windows):
        return False
    return share_bucket(call_sid, name) < pilot.share


def call_type_status(call_type: CallType, local: datetime, call_sid: str, after_hours: bool) -> Status:
    """live, shadow or off for this one call: mode, then opening hours, then the pilot."""
    if call_type.mode == "off" or (after_hours and not call_type.after_hours):
        return "off"
    pilot = call_type.pilot
    if pilot is not None and not in_pilot(pilot, call_type.name, local, call_sid):
        return pilot.outside
    return call_type.mode


def decide(flows: Flows, at: datetime, profile: CallerProfile | None, call_sid: str) -> RoutingDecision:
    """VIPs to their target; then the bot if any call type is live, else shadow, people or a message."""
    after_hours = not is_open(flows.business, at)
    if profile is not None and profile.vip:
        target = person_target(flows, "vip", after_hours, caller_language(flows, profile))
        if target is not None:
            return RoutingDecision("person", "vip", after_hours, target)
    local = local_time(flows.business, at)
    statuses = {name: call_type_status(ct, local, call_sid, after_hours) for name, ct in flows.call_types.items()}
    live = tuple(n for n, s in statuses.items() if s == "live")
    shadow = tuple(n for n, s in statuses.items() if s == "shadow")
    if live:
        return RoutingDecision("bot", "live", after_hours, None, live, shadow, statuses)
    target = office_target(flows, after_hours)
    if target is None:  # closed, nobody on call: the bot takes a message
        return RoutingDecision("bot", "after_hours", after_hours, None, (), shadow, statuses)
    if shadow:
        return RoutingDecision("shadow", "shadow", after_hours, target, (), shadow, statuses)
    reason = "after_hours" if after_hours else "no_live_call_types"
    return RoutingDecision("person", reason, after_hours, target, (), (), statuses)


def caller_language(flows: Flows, profile: CallerProfile) -> str:
    """The CRM's language for the caller when the business speaks it, else English."""
    preferred = (profile.preferred_language or "")[:2]
    return preferred if preferred in flows.business.language_codes else "en"


def office_target(flows: Flows, after_hours: bool) -> str | None:
    """Who answers the office's calls without the bot: the front desk, at night on call or nobody."""
    return person_target(flows, "after_hours", True) if after_hours else flows.staff.front_desk
