"""The call engine: events in, actions out, no I/O.

Every caller turn runs the same order: the always-escalate policy first, then the triggers
(sentiment, speech confidence), then call-type detection with an explicit out-of-scope
outcome, then the current flow step. Nothing the caller says can skip the policy.
"""
from __future__ import annotations

from datetime import datetime

from app.flows.schema import Flows

from .actions import Action, ClearAudio, Hangup, Transfer, action_to_dict
from .brief import build_brief
from .courtesy import asks_to_hold, asks_to_repeat
from .events import (
    BotFinishedSpeaking, CallEnded, CallerUtterance, CallStarted, DtmfPressed, Event, SilenceTimeout,
    SystemFailure, TransferFailed,
)
from .flow_steps import FlowSteps
from .message_taking import MessageTaking
from .routing import person_target, stream_routing
from .session import CallSession, Escalation, Phase
from .turn import TurnContext
from .understanding import OUT_OF_SCOPE, Understanding
from .wording import LanguageUnavailable



class CallEngine:
    """Decides what a call does. Built once per process; holds no per-call state."""

    def __init__(
        self,
        flows: Flows,
        understanding: Understanding,
        *,
        intent_threshold: float = 0.5,
        out_of_scope_threshold: float = 0.5,
    ) -> None:
        self.flows = flows
        self.understanding = understanding
        self.intent_threshold = intent_threshold
        self.out_of_scope_threshold = out_of_scope_threshold
        triggers = flows.escalation.triggers
        low = triggers.get("low_confidence")
        self.low_confidence_threshold = low.threshold if low and low.threshold is not None else 0.45
        self.low_confidence_limit = low.consecutive if low else 2
        no_match = triggers.get("repeated_no_match")
        self.no_match_limit = no_match.consecutive if no_match else 2
        negative = triggers.get("negative_sentiment")
        self.sentiment_threshold = negative.threshold if negative and negative.threshold is not None else -0.6
        self.messages = MessageTaking(self)
        self.steps = FlowSteps(self)

    # ------------------------------------------------------------------ entry point
    def handle(self, session: CallSession, event: Event) -> list[Action]:
        """Apply one event to the session and return what should happen next."""
        ctx = TurnContext(session=session, flows=self.flows, at=event.at)
        try:
            self._dispatch(ctx, event)
        except LanguageUnavailable as missing:
            self._language_handoff(ctx, missing.language)
        shadow = {"would_have": True} if session.mode == "shadow" else {}
        for action in ctx.actions:  # shadowing, nothing is carried out: the record says what would have been
            session.actions.append({"at": event.at.isoformat(), **action_to_dict(action), **shadow})
        return ctx.actions

    def _dispatch(self, ctx: TurnContext, event: Event) -> None:
        session = ctx.session
        if isinstance(event, CallStarted):
            self._start(ctx, event)
        elif isinstance(event, CallEnded):
            self._end(ctx, event)
        elif session.phase == Phase.ENDED:
            return
        elif isinstance(event, CallerUtterance):
            self._utterance(ctx, event) if event.final else self._partial(ctx, event)
        elif isinstance(event, DtmfPressed):
            self._dtmf(ctx, event)
        elif isinstance(event, BotFinishedSpeaking):
            session.bot_speaking = False
        elif isinstance(event, SilenceTimeout):
            self._silence(ctx)
        elif isinstance(event, TransferFailed):
            self._transfer_failed(ctx, event)
        elif isinstance(event, SystemFailure):
            if not session.is_over:
                self.escalate(ctx, "system_failure", f"{event.component}: {event.detail}".strip(": "))

    # ------------------------------------------------------------------ lifecycle
    def _start(self, ctx: TurnContext, event: CallStarted) -> None:
        session = ctx.session
        session.caller, session.called = event.caller, event.called
        session.started_at = event.at.isoformat()
        session.after_hours, session.mode = event.after_hours, event.mode
        session.call_types = list(event.call_types) if event.call_types is not None else None
        session.routing = stream_routing(self.flows, event.mode, event.after_hours, event.call_types)
        profile = event.profile
        if profile is not None:
            session.profile = {k: v for k, v in vars(profile).items()}
            if profile.preferred_language and profile.preferred_language[:2] in self.flows.business.language_codes:
                session.language = profile.preferred_language[:2]
            if profile.vip:
                self.escalate(ctx, "vip", "caller is flagged VIP in the CRM")
                return
        session.phase = Phase.LISTENING
        greeting = self.flows.business.messages.after_hours_greeting if event.after_hours else self.flows.business.messages.greeting
        ctx.say(ctx.text(greeting), key="after_hours_greeting" if event.after_hours else "greeting")

    def _end(self, ctx: TurnContext, event: CallEnded) -> None:
        session = ctx.session
        if session.phase == Phase.ENDED:
            return
        if event.reason == "abandoned_on_hold" or (session.phase == Phase.TRANSFERRING and event.reason == "abandoned"):
            session.outcome = "abandoned"
        elif session.outcome is None:
            session.outcome = "resolved" if session.resolved else "abandoned"
        if session.mode == "shadow":  # people had the call; the bot's outcome is what it would have reached
            session.routing = {**(session.routing or {}), "would_have_outcome": session.outcome}
            session.outcome = "transferred"
        session.phase = Phase.ENDED
        session.ended_at = event.at.isoformat()

    # ------------------------------------------------------------------ caller input
    def _partial(self, ctx: TurnContext, event: CallerUtterance) -> None:
        """Unfinished speech: only an always-escalate request is acted on, at once."""
        if ctx.session.is_over:
            return
        hit = self.understanding.escalation.detect(event.text, event.language or ctx.session.language, partial=True)
        if hit is not None:
            self.escalate(ctx, hit.category, hit.evidence)

    def _utterance(self, ctx: TurnContext, event: CallerUtterance) -> None:
        session = ctx.session
        text = event.text.strip()
        turn = session.add_turn("caller", text, event.at, confidence=event.confidence)
        ctx.caller_turn = turn
        session.silence_count = 0
        if session.is_over or not text:
            return
        self._follow_language(ctx, text, event.language)
        turn.language = session.language
        hit = self.understanding.escalation.detect(text, session.language)
        if hit is not None and not (session.phase == Phase.MESSAGE and self._ends_in_message(session, hit.category)):
            turn.escalate = hit.category
            self.escalate(ctx, hit.category, hit.evidence)
            return
        if hit is not None:  # already taking a message, where this escalation would lead: the words are part of it
            turn.escalate = hit.category
            self.steps.on_utterance(ctx, text)
            return
        score = self.understanding.sentiment.score(text)
        turn.sentiment = score
        session.sentiment = score if session.sentiment is None else min(session.sentiment, score)
        if score <= self.sentiment_threshold:
            turn.escalate = "negative_sentiment"
            self.escalate(ctx, "negative_sentiment", f'sentiment {score:.2f} on "{text[:60]}"')
            return
        if event.confidence < self.low_confidence_threshold:
            self.low_confidence(ctx, f"speech recognition confidence {event.confidence:.2f}")
            return
        session.low_confidence_streak = 0
        if self.understanding.escalation.is_question_about_bot(text, session.language):
            ctx.say(ctx.text(self.flows.business.messages.human_question), key="human_question")
            return
        if asks_to_repeat(text) and self._repeat(ctx):
            return
        if asks_to_hold(text):
            session.caller_holding, session.silence_count = True, 0
            ctx.say(ctx.text(self.flows.business.messages.take_your_time), key="take_your_time")
            return
        session.caller_holding = False
        self.steps.on_utterance(ctx, text)

    def _repeat(self, ctx: TurnContext) -> bool:
        """Say the last thing the bot said again (the same rendered prompt); nothing else changes."""
        last = next((a for a in reversed(ctx.session.actions) if a.get("type") == "say" and a.get("text")), None)
        if last is None:
            return False
        prompt_key = last.get("prompt_key")  # '<key>.<language>': say() adds the language back
        ctx.say(last["text"], key=prompt_key.rsplit(".", 1)[0] if prompt_key else None)
        return True

    def _follow_language(self, ctx: TurnContext, text: str, hinted: str | None) -> None:
        """Switch to the caller's language when they clearly speak another one."""
        language = hinted or self.understanding.language.detect(text, ctx.session.language)
        if language and language != ctx.session.language:
            ctx.session.language = language
            ctx.text(self.flows.business.messages.greeting)  # raises LanguageUnavailable when unsupported

    def _dtmf(self, ctx: TurnContext, event: DtmfPressed) -> None:
        session = ctx.session
        session.add_turn("caller", "", event.at, dtmf=event.digit)
        ctx.caller_turn = session.turns[-1]
        if session.is_over:
            return
        if event.digit == "0" and not (session.phase == Phase.COLLECTING and session.dtmf_buffer) and not self.messages.typing_number(session):
            session.turns[-1].escalate = "human_request"
            self.escalate(ctx, "human_request", "pressed 0 on the keypad")
            return
        self.steps.on_dtmf(ctx, event.digit)

    def _silence(self, ctx: TurnContext) -> None:
        session = ctx.session
        if session.is_over:
            return
        if session.caller_holding:  # they asked for a moment: one more wait before 'are you still there?'
            session.caller_holding = False
            ctx.say(ctx.text(self.flows.business.messages.still_here), key="still_here")
            return
        session.silence_count += 1
        if session.silence_count == 1:
            ctx.say(ctx.text(self.flows.business.messages.still_there), key="still_there")
            return
        session.outcome = "resolved" if session.resolved else "abandoned"
        self.goodbye(ctx, session.outcome)

    # ------------------------------------------------------------------ escalation
    def low_confidence(self, ctx: TurnContext, evidence: str) -> None:
        session = ctx.session
        session.low_confidence_streak += 1
        if session.low_confidence_streak >= self.low_confidence_limit:
            self.escalate(ctx, "low_confidence", evidence)
        else:
            ctx.say(ctx.text(self.flows.business.messages.didnt_understand), key="didnt_understand")

    def no_match(self, ctx: TurnContext, evidence: str) -> None:
        session = ctx.session
        session.no_match_streak += 1
        if session.no_match_streak >= self.no_match_limit:
            self.escalate(ctx, "repeated_no_match", evidence)
        else:
            ctx.say(ctx.text(self.flows.business.messages.didnt_understand), key="didnt_understand")

    def _ends_in_message(self, session: CallSession, reason: str) -> bool:
        """Whether escalating for `reason` now would take a message (no one to transfer to, or the policy says so)."""
        trigger = self.flows.escalation.triggers.get(reason)  # type: ignore[call-overload]
        return self.route(session, reason) is None or (trigger is not None and trigger.action == "message")

    def escalate(self, ctx: TurnContext, reason: str, evidence: str) -> None:
        """Hand the call to a person (or, where the policy or the hour says so, take a message)."""
        session = ctx.session
        if ctx.caller_turn is not None and ctx.caller_turn.escalate is None:
            ctx.caller_turn.escalate = reason
        if session.bot_speaking:
            ctx.actions.append(ClearAudio())
            session.bot_speaking = False
        target = self.route(session, reason)
        session.escalation = Escalation(reason=reason, evidence=evidence, target=target or "message", at=ctx.at.isoformat())
        trigger = self.flows.escalation.triggers.get(reason)  # type: ignore[call-overload]
        if target is None or (trigger is not None and trigger.action == "message"):
            self.messages.start(ctx, why=reason)
            return
        category = self.flows.escalation.categories.get(reason)  # type: ignore[call-overload]
        line = category.say if category and category.say else self.flows.business.messages.connecting
        ctx.say(ctx.text(line, strict=False), key=None if category and category.say else "connecting", interruptible=False)
        self.transfer(ctx, target, reason, evidence)

    def transfer(self, ctx: TurnContext, target: str, reason: str, evidence: str) -> None:
        session = ctx.session
        session.phase = Phase.TRANSFERRING
        session.outcome = "transferred"
        session.targets_tried.append(target)
        ctx.actions.append(Transfer(target=target, reason=reason, brief=build_brief(session, reason, evidence),
                                    evidence=evidence, language=session.language))

    def route(self, session: CallSession, reason: str) -> str | None:
        """Which target takes this reason now; None means take a message instead."""
        return person_target(self.flows, reason, session.after_hours, session.language)

    def _transfer_failed(self, ctx: TurnContext, event: TransferFailed) -> None:
        """Nobody accepted: try the target's fallback, and end in a message, never in silence."""
        session = ctx.session
        if session.phase != Phase.TRANSFERRING:
            return
        config = self.flows.staff.targets.get(event.target)
        nxt = config.fallback if config else None
        escalation = session.escalation
        if nxt and nxt != "message" and nxt not in session.targets_tried and escalation is not None:
            self.transfer(ctx, nxt, escalation.reason, escalation.evidence)
            return
        session.outcome = None
        self.messages.start(ctx, why="no_answer")

    def _language_handoff(self, ctx: TurnContext, language: str) -> None:
        """The flows do not speak the caller's language: a person who does takes the call."""
        session = ctx.session
        target = self.flows.staff.spanish_target if language == "es" else None
        evidence = f"caller speaks {language}; the flows have no prompts in it"
        session.escalation = Escalation(reason="out_of_scope", evidence=evidence,
                                        target=target or self.flows.staff.front_desk, at=ctx.at.isoformat())
        if ctx.caller_turn is not None:
            ctx.caller_turn.escalate = "out_of_scope"
        session.language = "en" if language != "es" else language
        self.transfer(ctx, target or self.flows.staff.front_desk, "out_of_scope", evidence)

    def goodbye(self, ctx: TurnContext, outcome: str) -> None:
        session = ctx.session
        session.outcome = outcome
        session.phase = Phase.ENDING
        ctx.say(ctx.text(self.flows.business.messages.goodbye), key="goodbye", interruptible=False)
        ctx.actions.append(Hangup(outcome=outcome))

    def is_out_of_scope(self, intent: str, confidence: float) -> bool:
        return intent == OUT_OF_SCOPE and confidence >= self.out_of_scope_threshold

    @staticmethod
    def now_of(ctx: TurnContext) -> datetime:
        return ctx.at
