"""The production ActionSink: what a confirmed request or a message taken on a live call leads to.

A booking (or reschedule) request: the caller's answer to the text-message question is recorded with
the exact wording they heard, and a confirmation text plus a reminder before the requested time are
planned. A message taken after hours: an acknowledgement text. Planning goes through the dispatcher
(SQL first, then RQ); whether anything is actually sent is decided when it is due (consent, STOP,
do-not-call, quiet hours). All of it runs on a small pool of its own: nothing here can stall a call.
"""
from __future__ import annotations

import concurrent.futures
import logging
import threading
from datetime import datetime
from typing import Any, Callable

from app.clock import utcnow
from app.engine.actions import RunAction, TakeMessage
from app.engine.session import CallSession
from app.engine.wording import LanguageUnavailable, render
from app.flows.schema import localize
from app.storage.consent import record_consent
from app.storage.database import Database
from workers.dispatch import FollowupDispatcher
from workers.followup_plan import (
    CONSENT_SLOT,
    CallFacts,
    RequestFacts,
    after_hours_ack,
    consent_answer,
    request_followups,
)
from workers.followups import FollowUp

from .ports import ActionSink, LoggingSink

log = logging.getLogger(__name__)


class FollowupSink:
    """One per process. Only live calls count: shadow and test calls never record consent or text anyone."""

    def __init__(self, flows: Any, db: Database, dispatcher: FollowupDispatcher, *,
                 clock: Callable[[], datetime] = utcnow, max_workers: int = 2) -> None:
        self.flows, self.db, self.dispatcher, self.clock = flows, db, dispatcher, clock
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers, thread_name_prefix="followups")
        self._pending: set[concurrent.futures.Future[None]] = set()
        self._lock = threading.Lock()

    def run_action(self, session: CallSession, action: RunAction) -> None:
        if session.mode != "live":
            return
        call_type = self.flows.call_types.get(action.call_type)
        types = {s.name: s.type for s in call_type.slots} if call_type else {}
        request = RequestFacts(action.name, action.call_type, dict(action.slots), dict(session.slot_display), types)
        bot_said = [t.text for t in session.turns if t.role == "bot"]
        self._submit(self._after_request, self._facts(session), request, self._questions(session, call_type),
                     bot_said, _do_not_call(session))

    def take_message(self, session: CallSession, action: TakeMessage) -> None:
        if session.mode != "live" or not session.after_hours:
            return
        self._submit(self._after_message, self._facts(session), action.callback_number, _do_not_call(session))

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until the work handed over so far is done (for shutdown and tests)."""
        with self._lock:
            pending = list(self._pending)
        _, not_done = concurrent.futures.wait(pending, timeout=timeout)
        return not not_done

    # ------------------------------------------------------------------ on the sink's own threads
    def _after_request(self, facts: CallFacts, request: RequestFacts, questions: list[str], bot_said: list[str],
                       do_not_call: bool) -> None:
        answer = consent_answer(request, facts.caller, questions, bot_said)
        if answer is not None:
            record_consent(self.db, answer.phone, channel="sms", granted=answer.granted, wording=answer.wording,
                           call_sid=facts.call_sid, at=facts.at)
        for followup in request_followups(facts, request):
            self._plan(followup, do_not_call)

    def _after_message(self, facts: CallFacts, callback_number: str | None, do_not_call: bool) -> None:
        followup = after_hours_ack(facts, callback_number)
        if followup is None:
            self.db.audit("followup_skipped", callback_number, kind="after_hours_ack", call_sid=facts.call_sid,
                          reason="no callback number that can receive a text")
            return
        self._plan(followup, do_not_call)

    def _plan(self, followup: FollowUp, do_not_call: bool) -> None:
        if do_not_call:
            self.db.audit("followup_blocked", followup.to, kind=followup.kind, key=followup.key,
                          reason="the caller is do-not-call in the CRM")
            return
        self.dispatcher.followup(followup)

    # ------------------------------------------------------------------ helpers (on the call's thread, cheap)
    def _submit(self, fn: Callable[..., None], *args: Any) -> None:
        def run() -> None:
            try:
                fn(*args)
            except Exception:  # noqa: BLE001 - logged with the call; the record still holds the action
                log.exception("follow-ups for call %s failed", getattr(args[0], "call_sid", "?"))

        future = self.pool.submit(run)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: concurrent.futures.Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def _facts(self, session: CallSession) -> CallFacts:
        business = self.flows.business
        return CallFacts(call_sid=session.call_sid, caller=session.caller, language=session.language,
                         at=self.clock(), business=business.name, timezone=business.timezone,
                         callback_within=localize(business.callback_within, session.language) or "",
                         after_hours=session.after_hours)

    def _questions(self, session: CallSession, call_type: Any) -> list[str]:
        """The consent question as the caller heard it: prompt and re-prompt, rendered in the call's language."""
        slot = next((s for s in call_type.slots if s.name == CONSENT_SLOT), None) if call_type else None
        if slot is None:
            return []
        business = self.flows.business
        values = {"business": business.name, "callback_within": localize(business.callback_within, session.language) or "",
                  "caller_name": (session.profile or {}).get("name") or "", **session.slot_display}
        return [_render(text, session.language, values) for text in (slot.prompt, slot.reprompt) if text]


def _render(text: Any, language: str, values: dict[str, Any]) -> str:
    try:
        return render(text, language, values)
    except LanguageUnavailable:
        return render(localize(text, "en"), "en", values)


def _do_not_call(session: CallSession) -> bool:
    return bool((session.profile or {}).get("do_not_call"))


def build_sink(settings: Any, flows: Any, database: Database | None) -> ActionSink:
    """The follow-up sink when there is a database to keep follow-ups in; otherwise the logging one."""
    if database is None or flows is None:
        return LoggingSink()
    import redis

    client = redis.Redis.from_url(settings.redis_url, socket_timeout=2.0, socket_connect_timeout=2.0)
    return FollowupSink(flows, database, FollowupDispatcher(database, client, settings.redis_namespace))
