"""Taking a message: name, callback number, reason. The end of every fallback chain."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .actions import Hangup, TakeMessage
from .session import MessageDraft, Phase
from .slots import parse_slot
from .turn import TurnContext

if TYPE_CHECKING:
    from .engine import CallEngine

THIS_NUMBER = re.compile(r"\b(this (number|phone|one)|same number|number i'?m calling from|este (número|numero)|el mismo)\b", re.I)


class MessageTaking:
    def __init__(self, engine: "CallEngine") -> None:
        self.engine = engine
        self.messages = engine.flows.business.messages

    def typing_number(self, session) -> bool:  # type: ignore[no-untyped-def]
        """While the caller types a callback number, 0 is a digit, not a request for a person."""
        return session.phase == Phase.MESSAGE and session.message is not None and session.message.field == "number" \
            and bool(session.dtmf_buffer)

    def start(self, ctx: TurnContext, *, why: str, intro: bool = True) -> None:
        session = ctx.session
        session.phase = Phase.MESSAGE
        draft = MessageDraft(why=why)
        profile_name = (session.profile or {}).get("name")
        draft.name = profile_name or session.slot_display.get("patient_name")
        session.message = draft
        lead = ""
        if intro:
            if why == "no_answer":
                lead = ctx.text(self.messages.message_intro_no_answer, strict=False)
            elif session.after_hours:
                lead = ctx.text(self.messages.message_intro_after_hours, strict=False)
            else:
                lead = ctx.text(self.messages.out_of_scope_message, strict=False)
        self._ask_next(ctx, lead)

    def _ask_next(self, ctx: TurnContext, lead: str = "") -> None:
        draft = ctx.session.message
        assert draft is not None
        draft.attempts = 0
        if not draft.name:
            draft.field, question, key = "name", self.messages.message_ask_name, "message_ask_name"
        elif not draft.number:
            draft.field = "number"
            if ctx.session.caller:
                question, key = self.messages.message_confirm_caller_id, "message_confirm_caller_id"
            else:
                question, key = self.messages.message_ask_number, "message_ask_number"
        elif not draft.reason:
            draft.field, question, key = "reason", self.messages.message_ask_reason, "message_ask_reason"
        else:
            self._finish(ctx)
            return
        text = ctx.text(question, strict=False)
        ctx.say(f"{lead} {text}".strip(), key=None if lead else key)

    def on_dtmf(self, ctx: TurnContext, digit: str) -> None:
        session = ctx.session
        draft = session.message
        if draft is None or draft.field != "number":
            return
        if digit.isdigit():
            session.dtmf_buffer += digit
        if digit == "#" or len(session.dtmf_buffer) >= 11 or (len(session.dtmf_buffer) == 10 and session.dtmf_buffer[0] != "1"):
            digits, session.dtmf_buffer = session.dtmf_buffer, ""
            self.on_utterance(ctx, digits)

    def on_utterance(self, ctx: TurnContext, text: str) -> None:
        session = ctx.session
        draft = session.message
        assert draft is not None
        business = self.engine.flows.business
        if draft.field == "name":
            result = parse_slot("name", text, now=ctx.at, timezone=business.timezone, language=session.language)
            if result.ok or draft.attempts >= 1:
                draft.name = result.display if result.ok else text
            else:
                draft.attempts += 1
                ctx.say(ctx.text(self.messages.message_ask_name, strict=False), key="message_ask_name")
                return
        elif draft.field == "number":
            if session.caller and (THIS_NUMBER.search(text) or self._is_yes(ctx, text)):
                draft.number = session.caller
            else:
                result = parse_slot("phone", text, now=ctx.at, timezone=business.timezone, language=session.language)
                if result.ok:
                    draft.number = result.value
                elif draft.attempts >= 1:
                    draft.number = session.caller or text
                else:
                    draft.attempts += 1
                    ctx.say(ctx.text(self.messages.message_ask_number, strict=False), key="message_ask_number")
                    return
        else:
            draft.reason = text
        self._ask_next(ctx)

    def _is_yes(self, ctx: TurnContext, text: str) -> bool:
        business = self.engine.flows.business
        result = parse_slot("yes_no", text, now=ctx.at, timezone=business.timezone, language=ctx.session.language)
        return bool(result.ok and result.value is True)

    def _finish(self, ctx: TurnContext) -> None:
        session = ctx.session
        draft = session.message
        assert draft is not None
        escalation = session.escalation.reason if session.escalation else None
        ctx.actions.append(TakeMessage(reason=draft.why, caller_name=draft.name, callback_number=draft.number,
                                       message=draft.reason or "", escalation=escalation))
        session.outcome = "message_taken"
        session.phase = Phase.ENDING
        ctx.say(ctx.text(self.messages.message_done, strict=False), key="message_done", interruptible=False)
        ctx.actions.append(Hangup(outcome="message_taken"))
