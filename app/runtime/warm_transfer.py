"""Carries out warm transfers on plain Twilio: the caller on hold in a conference, staff legs whispered.

The caller is moved (REST update) into a conference named after the call, hearing hold audio. Staff
members are called one by one or together (Calls API); on answering they hear the brief and press 1.
The first to accept joins the conference and every other leg is hung up. When nobody accepts anywhere
in the fallback chain, the caller goes back to the bot, which takes a message. A caller who hangs up
while waiting ends the transfer as abandoned. Twilio's webhooks for one call may reach different
processes at once, so the plan lives in Redis and changes only under its lock.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Protocol
from urllib.parse import urlencode

from app.clock import utcnow
from app.engine import transfer_plan as plans
from app.engine.actions import Transfer
from app.engine.session import CallSession, Escalation, Phase
from app.engine.transfer_plan import Abandon, Connect, Decision, GiveUp, Refuse, Ring, TransferPlan
from app.flows.schema import Flows
from app.integrations.twilio import transfer_twiml, twiml

from .transfer import LANGUAGE_TAGS

log = logging.getLogger(__name__)
WHISPER_SECONDS = 20
"""A round's legs get this long after their ring time (the brief plus 'press 1') before the timer gives up on them."""
LEG_ENDED = {"completed", "busy", "no-answer", "failed", "canceled"}


class TransferRest(Protocol):
    def redirect_call(self, call_sid: str, twiml: str) -> str: ...

    def dial_out(self, to: str, from_: str, url: str, *, timeout: int, status_callback: str) -> str: ...

    def hang_up(self, call_sid: str) -> str: ...

    def send_sms(self, to: str, from_: str, body: str) -> str: ...


class CallRecords(Protocol):
    def load(self, call_sid: str) -> CallSession | None: ...

    def save(self, session: CallSession) -> None: ...

    def finish(self, session: CallSession) -> None: ...


@dataclass(frozen=True)
class TransferLinks:
    """The webhook URLs Twilio calls during a transfer (under PUBLIC_URL; query strings carry the ids)."""

    base: str

    def _url(self, path: str, call_sid: str, member: str | None = None) -> str:
        query = {"call": call_sid, **({"member": member} if member else {})}
        return f"{self.base.rstrip('/')}/twilio/transfer/{path}?{urlencode(query)}"

    def whisper(self, call_sid: str, member: str) -> str:
        return self._url("whisper", call_sid, member)

    def accept(self, call_sid: str, member: str) -> str:
        return self._url("accept", call_sid, member)

    def leg_status(self, call_sid: str, member: str) -> str:
        return self._url("leg-status", call_sid, member)

    def conference_events(self, call_sid: str) -> str:
        return self._url("conference", call_sid)

    def after_conference(self, call_sid: str) -> str:
        return self._url("after", call_sid)

    def call_page(self, call_sid: str) -> str:
        return f"{self.base.rstrip('/')}/staff/calls/{call_sid}"


def start_timer(delay_s: float, fn: Callable[[], None]) -> None:
    timer = threading.Timer(delay_s, fn)
    timer.daemon = True
    timer.start()


class WarmTransfer:
    """The runtime's TransferExecutor for warm transfers, and the logic behind /twilio/transfer/*."""

    def __init__(self, flows: Flows, rest: TransferRest, state: Any, calls: CallRecords, links: TransferLinks,
                 resume_twiml: Callable[[str, str], str], *, clock: Callable[[], datetime] = utcnow,
                 timer: Callable[[float, Callable[[], None]], None] = start_timer,
                 notify: Callable[[TransferPlan, list[str]], None] | None = None) -> None:
        """`notify` texts the brief to members being rung; `timer` arms the per-round watchdog."""
        self.flows, self.rest, self.state, self.calls, self.links = flows, rest, state, calls, links
        self.resume_twiml, self.clock, self.timer = resume_twiml, clock, timer
        self.notify = notify
        self.on_missed: Callable[[TransferPlan], None] | None = None
        """Called once when nobody took the call (abandoned on hold, or nobody answered): remind staff."""

    # ------------------------------------------------------------------ starting
    def transfer(self, session: CallSession, action: Transfer, say: str | None = None) -> None:
        """From a live call: the caller goes on hold in the conference, then the first staff are rung."""
        plan, decision = self._new_plan(session, action.target, action.reason, action.brief, action.language)
        session.transfer = plan.view()
        self.calls.save(session)
        document = str(self._hold_twiml(plan, say))
        for attempt in (1, 2):
            try:
                self.rest.redirect_call(session.call_sid, document)
                break
            except Exception:  # noqa: BLE001 - retried once; then the executor logs it with the SID
                log.exception("call %s: moving the caller on hold failed (attempt %d)", session.call_sid, attempt)
                if attempt == 2:
                    raise
        self._carry_out(plan, decision)

    def route_before_stream(self, session: CallSession, target: str, reason: str, response: Any,
                            say: str | None = None) -> Any:
        """A call that goes to people before the bot speaks (VIP, on-call): same transfer, started by TwiML."""
        from app.engine.brief import build_brief

        brief = build_brief(session, reason, "")
        session.phase, session.outcome = Phase.TRANSFERRING, "transferred"
        session.escalation = Escalation(reason=reason, evidence="", target=target, at=self.clock().isoformat())
        session.targets_tried.append(target)
        plan, decision = self._new_plan(session, target, reason, brief, session.language)
        session.transfer = plan.view()
        self.calls.save(session)
        self._hold_twiml(plan, say, response)
        self.timer(0.0, lambda: self._carry_out(plan, decision))
        return response

    def _new_plan(self, session: CallSession, target: str, reason: str, brief: str,
                  language: str) -> tuple[TransferPlan, Decision]:
        plan, decision = plans.start(self.flows.staff, call_sid=session.call_sid, target=target, reason=reason,
                                     brief=brief, language=language, caller=session.caller,
                                     now_iso=self.clock().isoformat(),
                                     business_number=session.called or self.flows.business.phone or "")
        with self.state.locked(session.call_sid) as slot:
            slot.value = plan.model_dump_json()
        return plan, decision

    def _hold_twiml(self, plan: TransferPlan, say: str | None, response: Any = None) -> Any:
        config = self.flows.staff.targets.get(plan.target)
        return transfer_twiml.caller_on_hold(
            plan.conference, say=say, language_tag=LANGUAGE_TAGS.get(plan.language, "en-US"),
            hold_url=config.hold_music if config else None, events_url=self.links.conference_events(plan.call_sid),
            after_url=self.links.after_conference(plan.call_sid), response=response)

    def hang_up(self, call_sid: str) -> None:
        self.rest.hang_up(call_sid)

    def owns_record(self, session: CallSession) -> bool:
        """The stream ended because of the transfer: its record is written when the transfer settles, or,
        when nobody accepted, by the stream that brings the caller back for a message."""
        status = (session.transfer or {}).get("status")
        return status in plans.PENDING or (status == "no_answer" and session.phase == Phase.TRANSFERRING)

    # ------------------------------------------------------------------ Twilio's webhooks
    def whisper(self, call_sid: str, member: str) -> str:
        """A staff leg answered: the brief and 'press 1', unless the transfer no longer needs them."""
        plan = self._load(call_sid)
        if plan is None or not plan.pending or member not in plan.ringing:
            return twiml.hangup_response("This caller has already been helped. Thank you.")
        return transfer_twiml.whisper(plan.brief, accept_url=self.links.accept(call_sid, member))

    def accept(self, call_sid: str, member: str, digits: str) -> str:
        if digits.strip() != "1":
            self._update(call_sid, lambda plan: plans.leg_ended(self.flows.staff, plan, member))
            return twiml.hangup_response("Okay, I'll find someone else. Goodbye.")
        plan, decision = self._update(call_sid, lambda plan: plans.accept(plan, member))
        if plan is None or not isinstance(decision, Connect):
            why = decision.why if isinstance(decision, Refuse) else "over"
            text = "The caller hung up before you answered." if why == "caller gone" else \
                "Someone else has taken this call. Thank you."
            return twiml.hangup_response(text)
        return transfer_twiml.staff_joins(plan.conference)

    def leg_status(self, call_sid: str, member: str, status: str) -> None:
        if status not in LEG_ENDED:
            return
        self._update(call_sid, lambda plan: plans.Wait("the accepted member hung up")
                     if plan.accepted_by == member else plans.leg_ended(self.flows.staff, plan, member))

    def conference_event(self, call_sid: str, event: str, participant_sid: str | None) -> None:
        """The caller joining (timing) or leaving (abandoned, while still waiting) the conference."""
        if participant_sid != call_sid:
            return
        if event == "participant-join":
            self._update(call_sid, self._mark_joined)
        elif event == "participant-leave":
            self._update(call_sid, plans.caller_left)

    def caller_hung_up(self, call_sid: str) -> None:
        """The caller's call completed (status callback): abandoned if the transfer was still pending."""
        self._update(call_sid, plans.caller_left)

    @staticmethod
    def _mark_joined(plan: TransferPlan) -> Decision:
        plan.caller_joined = True
        return plans.Wait("caller on hold")

    # ------------------------------------------------------------------ state and side effects
    def _load(self, call_sid: str) -> TransferPlan | None:
        raw = self.state.load(call_sid)
        return TransferPlan.model_validate_json(raw) if raw else None

    def _update(self, call_sid: str, change: Callable[[TransferPlan], Decision]) -> tuple[TransferPlan | None, Decision]:
        with self.state.locked(call_sid) as slot:
            if slot.value is None:
                return None, plans.Wait("no transfer for this call")
            plan = TransferPlan.model_validate_json(slot.value)
            decision = change(plan)
            slot.value = plan.model_dump_json()
        self._carry_out(plan, decision)
        return plan, decision

    def _carry_out(self, plan: TransferPlan, decision: Decision) -> None:
        if isinstance(decision, Ring):
            self._ring(plan, decision)
        elif isinstance(decision, Connect):
            self._cancel(decision.cancel)
            self._settle(plan, outcome="transferred")
        elif isinstance(decision, GiveUp):
            self._cancel(decision.cancel)
            self._back_to_bot(plan, decision.last_target)
            self._missed(plan)
        elif isinstance(decision, Abandon):
            self._cancel(decision.cancel)
            self._settle(plan, outcome="abandoned")
            self._missed(plan)

    def _ring(self, plan: TransferPlan, ring: Ring) -> None:
        config = self.flows.staff.targets[ring.target]
        self._sync_session(plan)
        for member_id in ring.members:
            member = self.flows.staff.member(member_id)
            try:
                leg = self.rest.dial_out(member.phone, self.from_number(plan), self.links.whisper(plan.call_sid, member_id),
                                         timeout=config.ring_seconds,
                                         status_callback=self.links.leg_status(plan.call_sid, member_id))
            except Exception:  # noqa: BLE001 - an unreachable member counts as not answering
                log.exception("call %s: could not ring %s", plan.call_sid, member_id)
                self._update(plan.call_sid, lambda p, m=member_id: plans.leg_ended(self.flows.staff, p, m))
                continue
            self._update(plan.call_sid, lambda p, m=member_id, sid=leg: self._leg_started(p, m, sid))
        if self.notify is not None:
            self.notify(plan, list(ring.members))
        number = plan.rounds
        self.timer(config.ring_seconds + WHISPER_SECONDS,
                   lambda: self._update(plan.call_sid, lambda p: plans.round_timed_out(self.flows.staff, p, number)))

    @staticmethod
    def _leg_started(plan: TransferPlan, member: str, leg_sid: str) -> Decision:
        plans.leg_started(plan, member, leg_sid)
        return plans.Wait("ringing")

    def _missed(self, plan: TransferPlan) -> None:
        if self.on_missed is None:
            return
        try:
            self.on_missed(plan)
        except Exception:  # noqa: BLE001 - the CRM callback task (from the call record) still reaches staff
            log.exception("call %s: could not schedule the staff callback reminder", plan.call_sid)

    def _cancel(self, legs: tuple[str, ...]) -> None:
        for leg in legs:
            try:
                self.rest.hang_up(leg)
            except Exception:  # noqa: BLE001 - the leg may have ended on its own already
                log.warning("could not hang up staff leg %s", leg)

    def _back_to_bot(self, plan: TransferPlan, last_target: str) -> None:
        """Nobody accepted: the session records every target tried, and the caller returns to the bot."""
        session = self._sync_session(plan)
        if session is not None:
            session.targets_tried = list(dict.fromkeys([*session.targets_tried, *plan.targets]))
            self.calls.save(session)
        for attempt in (1, 2):
            try:
                self.rest.redirect_call(plan.call_sid, self.resume_twiml(plan.call_sid, last_target))
                return
            except Exception:  # noqa: BLE001
                log.exception("call %s: bringing the caller back for a message failed (attempt %d)",
                              plan.call_sid, attempt)

    def _settle(self, plan: TransferPlan, outcome: str) -> None:
        """Accepted or abandoned: the call's record is complete and goes to SQL (and on to the CRM)."""
        session = self._sync_session(plan)
        if session is None:
            return
        session.outcome = outcome
        session.phase = Phase.ENDED
        session.ended_at = session.ended_at or self.clock().isoformat()
        try:
            self.calls.finish(session)
        except Exception:  # noqa: BLE001 - the live state in Redis still has it; the record can be recovered
            log.exception("call %s: could not record the settled transfer", plan.call_sid)

    def _sync_session(self, plan: TransferPlan) -> CallSession | None:
        """Keep the transfer's view on the live call state, which staff screens read."""
        try:
            session = self.calls.load(plan.call_sid) or CallSession(call_sid=plan.call_sid, caller=plan.caller)
            session.transfer = plan.view()
            self.calls.save(session)
            return session
        except Exception:  # noqa: BLE001 - staff screens lag; the transfer itself goes on
            log.exception("call %s: could not update the live call state", plan.call_sid)
            return None

    @staticmethod
    def from_number(plan: TransferPlan) -> str:
        """Staff see the business's own number calling (they know to pick up)."""
        return plan.business_number
