"""The transfer brief in writing: a text message to each staff member rung, linking to the call page."""
from __future__ import annotations

import logging
from typing import Any, Callable

from app.engine.transfer_plan import TransferPlan
from app.flows.schema import Flows

log = logging.getLogger(__name__)
SMS_LIMIT = 1600
"""Twilio's maximum message body; the brief is far shorter, this only guards against odd input."""


def sms_body(plan: TransferPlan, call_page: str) -> str:
    return f"Frontdesk transfer: {plan.brief} Call page: {call_page}"[:SMS_LIMIT]


def sms_brief_notifier(flows: Flows, send_sms: Callable[[str, str, str], Any], call_page: Callable[[str], str],
                       from_number: Callable[[TransferPlan], str]) -> Callable[[TransferPlan, list[str]], None]:
    """notify(plan, members): text members who take texts (E.164 numbers only); failures are logged, not fatal."""

    def notify(plan: TransferPlan, members: list[str]) -> None:
        sender = from_number(plan)
        for member_id in members:
            member = flows.staff.member(member_id)
            if member is None or not member.sms or not member.phone.startswith("+") or not sender:
                continue
            try:
                send_sms(member.phone, sender, sms_body(plan, call_page(plan.call_sid)))
            except Exception:  # noqa: BLE001 - the phone whisper carries the same brief
                log.warning("call %s: could not text the brief to %s", plan.call_sid, member_id)

    return notify


def staff_reminder(flows: Flows, schedule: Callable[..., Any], clock: Callable[[], Any],
                   delay_minutes: int = 30) -> Callable[[TransferPlan], None]:
    """on_missed(plan): text the first reachable member of the first target to call the caller back."""
    from datetime import timedelta

    def on_missed(plan: TransferPlan) -> None:
        target = flows.staff.targets.get(plan.targets[0] if plan.targets else plan.target)
        phones = [m.phone for m in (flows.staff.member(i) for i in (target.members if target else []))
                  if m is not None and m.sms and m.phone.startswith("+")]
        if not phones:
            return
        why = "hung up on hold" if plan.status == "abandoned" else "nobody answered the transfer"
        schedule(plan.call_sid, phones[0], plan.caller, f"{plan.reason.replace('_', ' ')}; {why}",
                 clock() + timedelta(minutes=delay_minutes))

    return on_missed
