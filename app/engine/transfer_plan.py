"""Who to ring next during a warm transfer: members of a target in order or together, then the fallbacks.

Pure: the coordinator feeds it what Twilio reported (a leg accepted, declined, unanswered; the caller
left) and gets back what to do. The plan is JSON, kept in Redis between webhooks.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

from pydantic import BaseModel, Field

from app.flows.schema.staff import Staff

Status = Literal["connecting", "ringing", "accepted", "no_answer", "abandoned"]
PENDING: frozenset[str] = frozenset({"connecting", "ringing"})
"""While a transfer is pending, the caller waits in the conference and the call record stays open."""


class TransferPlan(BaseModel):
    """The state of one warm transfer."""

    call_sid: str
    conference: str
    reason: str
    brief: str
    language: str = "en"
    caller: str | None = None
    business_number: str = ""
    """The number staff see calling them (the business's line the caller dialled)."""
    status: Status = "connecting"
    target: str
    targets: list[str] = Field(default_factory=list)
    """Every target tried so far, in order (the current one last)."""
    queue: list[list[str]] = Field(default_factory=list)
    """Rounds of the current target still to ring (member ids rung together in each round)."""
    ringing: list[str] = Field(default_factory=list)
    legs: dict[str, str] = Field(default_factory=dict)
    """Member id -> the call SID of their leg in the current round."""
    tried: list[str] = Field(default_factory=list)
    accepted_by: str | None = None
    caller_joined: bool = False
    started_at: str
    rounds: int = 0
    """Rounds dialled so far; each one arms a timer in case Twilio never reports on its legs."""

    @property
    def pending(self) -> bool:
        return self.status in PENDING

    def view(self) -> dict[str, object]:
        """What staff screens show (stored on the call's session as `transfer`)."""
        return {"status": self.status, "target": self.target, "targets": list(self.targets),
                "ringing": list(self.ringing), "tried": list(self.tried), "accepted_by": self.accepted_by,
                "started_at": self.started_at, "brief": self.brief, "conference": self.conference,
                "reason": self.reason}


@dataclass(frozen=True)
class Ring:
    """Dial these members now (each gets a whisper and must press 1)."""

    members: tuple[str, ...]
    target: str


@dataclass(frozen=True)
class Connect:
    """`member` accepted: put them in the conference; hang up every other leg still ringing."""

    member: str
    cancel: tuple[str, ...] = ()


@dataclass(frozen=True)
class GiveUp:
    """Nobody accepted anywhere in the chain: the bot comes back to take a message."""

    last_target: str
    cancel: tuple[str, ...] = ()


@dataclass(frozen=True)
class Abandon:
    """The caller hung up while waiting: stop ringing people; staff get a callback task."""

    cancel: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wait:
    """Others in this round are still ringing, or the event is stale: nothing to do."""

    note: str = ""


@dataclass(frozen=True)
class Refuse:
    """An accept came too late (someone else took it, or the caller left): tell that person so."""

    why: str


Decision = Union[Ring, Connect, GiveUp, Abandon, Wait, Refuse]


def rounds_for(staff: Staff, target: str) -> list[list[str]]:
    """The target's members as dialling rounds: one each in turn (sequential) or all at once."""
    config = staff.targets.get(target)
    if config is None:
        return []
    members = [m for m in config.members if staff.member(m) is not None]
    if not members:
        return []
    return [members] if config.strategy == "simultaneous" else [[m] for m in members]


def _next_target(staff: Staff, plan: TransferPlan) -> str | None:
    """The fallback of the current target, unless it is a message, missing, or already tried."""
    config = staff.targets.get(plan.target)
    nxt = config.fallback if config else None
    if not nxt or nxt == "message" or nxt in plan.targets or nxt not in staff.targets:
        return None
    return nxt


def start(staff: Staff, *, call_sid: str, target: str, reason: str, brief: str, language: str,
          caller: str | None, now_iso: str, business_number: str = "") -> tuple[TransferPlan, Decision]:
    """A new plan and its first step (ring the first round, or give up when nobody can be rung)."""
    if target not in staff.targets:
        target = staff.front_desk
    plan = TransferPlan(call_sid=call_sid, conference=f"frontdesk-{call_sid}", reason=reason, brief=brief,
                        language=language, caller=caller, business_number=business_number,
                        target=target, targets=[target],
                        queue=rounds_for(staff, target), started_at=now_iso)
    return plan, advance(staff, plan)


def advance(staff: Staff, plan: TransferPlan) -> Decision:
    """Ring the next round: of this target, else of the next fallback target; else give up.

    Someone who already missed this call is not rung again when a later target lists them too.
    """
    members: list[str] = []
    while not members:
        while not plan.queue:
            nxt = _next_target(staff, plan)
            if nxt is None:
                plan.status, plan.ringing, plan.legs = "no_answer", [], {}
                return GiveUp(last_target=plan.target)
            plan.target = nxt
            plan.targets.append(nxt)
            plan.queue = rounds_for(staff, nxt)
        members = [m for m in plan.queue.pop(0) if m not in plan.tried]  # nobody is rung twice
    plan.status, plan.ringing, plan.legs = "ringing", members, {}
    plan.tried.extend(m for m in members if m not in plan.tried)
    plan.rounds += 1
    return Ring(members=tuple(members), target=plan.target)


def leg_started(plan: TransferPlan, member: str, leg_sid: str) -> None:
    if member in plan.ringing:
        plan.legs[member] = leg_sid


def leg_ended(staff: Staff, plan: TransferPlan, member: str) -> Decision:
    """A member's leg ended without accepting (declined, no answer, busy, failed, hung up)."""
    if not plan.pending or member not in plan.ringing:
        return Wait("stale leg")
    plan.ringing = [m for m in plan.ringing if m != member]
    plan.legs.pop(member, None)
    if plan.ringing:
        return Wait("others still ringing")
    return advance(staff, plan)


def round_timed_out(staff: Staff, plan: TransferPlan, round_number: int) -> Decision:
    """Twilio never reported on this round's legs: treat them as unanswered and move on."""
    if not plan.pending or plan.rounds != round_number or not plan.ringing:
        return Wait("round already settled")
    cancel = tuple(plan.legs.values())
    plan.ringing, plan.legs = [], {}
    decision = advance(staff, plan)
    if isinstance(decision, GiveUp):
        return GiveUp(decision.last_target, cancel)
    return decision


def accept(plan: TransferPlan, member: str) -> Decision:
    """The member pressed 1. First one wins; everyone else still ringing is hung up."""
    if plan.status == "accepted":
        return Refuse("taken" if plan.accepted_by != member else "already yours")
    if not plan.pending:
        return Refuse("caller gone" if plan.status == "abandoned" else "over")
    if member not in plan.ringing:
        return Refuse("not ringing")
    cancel = tuple(sid for m, sid in plan.legs.items() if m != member)
    plan.status, plan.accepted_by, plan.ringing = "accepted", member, [member]
    return Connect(member=member, cancel=cancel)


def caller_left(plan: TransferPlan) -> Decision:
    """The caller hung up. While still waiting, that is an abandoned transfer."""
    if not plan.pending:
        return Wait("transfer already settled")
    cancel = tuple(plan.legs.values())
    plan.status, plan.ringing, plan.legs = "abandoned", [], {}
    return Abandon(cancel=cancel)
