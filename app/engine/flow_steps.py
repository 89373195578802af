"""The flow step after the policy: detect the call type, fill its slots, confirm, act, reply."""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from app.flows.schema import CallType, Slot

from .actions import RunAction
from .courtesy import says_goodbye
from .session import Escalation, Phase
from .slots import parse_slot
from .slots.dates import find_date
from .slots.phone import spoken_digits
from .slots.times import find_time
from .slots.when import prepare
from .turn import TurnContext
from .understanding import OUT_OF_SCOPE

if TYPE_CHECKING:
    from .engine import CallEngine

SWITCH_CONFIDENCE = 0.75
KNOWLEDGE_RESCUE_FACTOR = 1.6
QUESTION = re.compile(
    r"\?\s*$|^\s*(?:(?:wait|first|actually|oh|um|uh|sorry|but|and|so|ok|okay|also|quick question|before that|"
    r"hold on|hang on|one more thing|real quick|by the way|oye|perdon|perdón|una pregunta|antes|primero)[,.]?\s+)*"
    r"(what|what's|whats|where|where's|when|how|do|does|is|are|can|could|which|qué|dónde|donde|cuándo|cuánto|"
    r"cuanto|cómo|tienen|aceptan|hay)\b", re.I)
"""A question (maybe after 'actually', 'sorry', 'wait') said where a name or a free-text answer was expected."""
CHANGE_OF_MIND = re.compile(
    r"\b(actually|instead|rather|on second thought|change of plans?|never ?mind|forget (?:it|that)|scratch that|"
    r"no wait|wait no|en realidad|mejor|en vez|olvide|olvida|pensandolo bien|pensándolo bien)\b", re.I)
"""'Actually, I need to cancel instead': said where a name is expected, a new request, not a name."""
ELSEWHERE_TYPES = ("datetime", "date", "time", "phone")
"""Slot types a caller often answers before being asked ('Tuesday morning works' when asked their name)."""
NOT_CONTENT = {"works", "work", "fine", "good", "great", "perfect", "best", "would", "be", "is", "that", "for", "me",
               "thanks", "thank", "you", "please", "sounds", "probably", "maybe", "sirve", "esta", "está", "bien",
               "perfecto", "gracias", "funciona", "mejor", "por", "favor", "like", "either", "then", "it", "that's",
               "thats", "could", "can", "do", "i", "we", "the", "on", "in", "at", "around", "about", "el", "la",
               "los", "las", "de", "del", "en", "a", "al", "para", "como", "sobre", "eso", "mi", "va", "queda",
               "tarde", "noche", "manana", "mañana", "temprano", "early", "late", "night", "lunch", "lunchtime",
               "after", "before", "despues", "después", "antes", "pm", "am", "ish", "or", "o", "so"}
"""What is left of 'Tuesday morning works for me, thanks' once the day is taken out: no answer of its own."""
PREFILLED_TYPES = ("date", "time", "datetime", "phone", "minutes")
MESSAGE_WORDS = re.compile(r"\b(message|voicemail|call me back|callback|mensaje|recado|devuelvan|llamen)\b", re.I)
FILLERS = {
    "hi", "hello", "hey", "um", "uh", "er", "hmm", "yes", "yeah", "ok", "okay", "so", "well", "good", "morning",
    "afternoon", "evening", "there", "hola", "bueno", "buenos", "buenas", "dias", "días", "tardes", "oh", "ah",
    "alo", "aló", "the", "a", "and", "i", "yo",
}
CHANGE_HINTS = {
    "name": ("name", "spelled", "spelling", "nombre", "apellido"),
    "phone": ("number", "phone", "número", "numero", "teléfono", "telefono"),
    "datetime": ("time", "day", "date", "hour", "morning", "afternoon", "hora", "día", "dia", "fecha", "tarde"),
}


def has_content(text: str) -> bool:
    words = re.findall(r"[\wáéíóúñü']+", text.lower())
    return any(w not in FILLERS for w in words)


class FlowSteps:
    def __init__(self, engine: "CallEngine") -> None:
        self.engine = engine
        self.flows = engine.flows
        self.understanding = engine.understanding

    # ------------------------------------------------------------------ routing by phase
    def on_utterance(self, ctx: TurnContext, text: str) -> None:
        phase = ctx.session.phase
        if phase == Phase.COLLECTING:
            self._collect(ctx, text)
        elif phase == Phase.CONFIRMING:
            self._confirm(ctx, text)
        elif phase == Phase.CORRECTING:
            self._correct(ctx, text)
        elif phase == Phase.MESSAGE:
            self.engine.messages.on_utterance(ctx, text)
        elif phase == Phase.OFFERING:
            self._offered(ctx, text)
        elif phase == Phase.ANYTHING_ELSE:
            self._anything_else(ctx, text)
        else:
            self._detect(ctx, text)

    def on_dtmf(self, ctx: TurnContext, digit: str) -> None:
        session = ctx.session
        if session.phase == Phase.MESSAGE:
            self.engine.messages.on_dtmf(ctx, digit)
            return
        if session.phase == Phase.CONFIRMING and digit in "12":
            self._confirm(ctx, "yes" if digit == "1" else "no")
            return
        slot = self._current_slot(session)
        if session.phase != Phase.COLLECTING or slot is None or slot.type != "phone":
            return
        if digit.isdigit():
            session.dtmf_buffer += digit
        buffer = session.dtmf_buffer
        complete = len(buffer) == 11 or (len(buffer) == 10 and not buffer.startswith("1"))
        if digit == "#" or complete:
            session.dtmf_buffer = ""
            if buffer:
                self._collect(ctx, buffer)

    # ------------------------------------------------------------------ call-type detection
    def _detect(self, ctx: TurnContext, text: str) -> None:
        session = ctx.session
        if len(session.caller_turns()) > 1 and says_goodbye(text):  # 'no thanks, bye' after an answer
            self.engine.goodbye(ctx, "resolved" if session.resolved else "abandoned")
            return
        prediction = self.understanding.classifier.classify(text)
        if ctx.caller_turn is not None:
            ctx.caller_turn.intent = prediction.intent
            ctx.caller_turn.confidence = round(prediction.confidence, 3)
        if not has_content(text):
            if ctx.caller_turn is not None:
                ctx.caller_turn.intent = None
            self.engine.no_match(ctx, f'nothing to act on in "{text[:60]}"')
            return
        if (prediction.intent == OUT_OF_SCOPE or prediction.confidence < self.engine.intent_threshold) \
                and self._knowledge_call_type(text):
            # the business's own knowledge answers it: in scope by definition
            session.no_match_streak = session.low_confidence_streak = 0
            if ctx.caller_turn is not None:
                ctx.caller_turn.intent = self._knowledge_call_type(text)
            self.start(ctx, self._knowledge_call_type(text) or "", text)
            return
        if (prediction.intent == OUT_OF_SCOPE or prediction.confidence < self.engine.intent_threshold) \
                and MESSAGE_WORDS.search(text):  # 'I'd like to leave a message': take it, no questions
            self.engine.messages.start(ctx, why="out_of_scope", intro=False)
            return
        if prediction.intent == OUT_OF_SCOPE:
            if self.engine.is_out_of_scope(prediction.intent, prediction.confidence):
                session.no_match_streak = 0
                self.engine.escalate(ctx, "out_of_scope", f'not a call type handled here: "{text[:80]}"')
            else:
                self.engine.no_match(ctx, f'could not tell what "{text[:60]}" is about')
            return
        if prediction.confidence < self.engine.intent_threshold:
            self.engine.low_confidence(ctx, f"call type {prediction.intent} at only {prediction.confidence:.2f}")
            return
        session.no_match_streak = 0
        session.low_confidence_streak = 0
        self.start(ctx, prediction.intent, text)

    def _knowledge_call_type(self, text: str) -> str | None:
        """The live call type answered from knowledge, when an entry matches clearly (not just above the bar)."""
        name = next((n for n, ct in self.flows.call_types.items() if ct.answer_from == "knowledge" and ct.mode != "off"), None)
        if name is None:
            return None
        matches = self.understanding.knowledge.retrieve(text, "en")
        strong = self.understanding.knowledge_threshold * KNOWLEDGE_RESCUE_FACTOR
        return name if matches and matches[0].score >= strong else None

    def start(self, ctx: TurnContext, name: str, text: str) -> None:
        session = ctx.session
        call_type = self.flows.call_types[name]
        refusal = self.not_handled(session, call_type)
        if refusal is not None:
            self.engine.escalate(ctx, "out_of_scope", refusal)
            return
        session.call_type = name
        session.slots, session.slot_display, session.skipped_slots = {}, {}, []
        session.confirm_attempts = 0
        if call_type.answer_from == "knowledge":
            self.answer(ctx, text)
            return
        self._prefill(ctx, call_type, text)
        self.next_step(ctx)

    @staticmethod
    def not_handled(session: Any, call_type: CallType) -> str | None:
        """Why the bot may not handle this call type on this call (a person or a message will); None: it may."""
        name = call_type.name
        if call_type.mode == "off":
            return f"{name} is switched off in the flows"
        if session.after_hours and not call_type.after_hours:
            return f"{name} is handled only during opening hours"
        if session.call_types is not None:
            allowed = name in session.call_types
        else:  # no routing on this call: every live call type (and, shadowing, the shadow ones)
            allowed = call_type.mode == "live" or session.mode == "shadow"
        return None if allowed else f"{name} is not handled by the bot on this call (pilot or shadow mode)"

    def _prefill(self, ctx: TurnContext, call_type: CallType, text: str) -> None:
        """Details the caller already gave ("book me for next Tuesday afternoon") are not asked again.

        Two slots of one kind (the visit's current and new time) share the sentence: 'move my Thursday
        appointment to Friday' gives Thursday to the first and Friday to the second; 'I have one Thursday
        and need to move it' gives only the first, and the new day is asked."""
        families: dict[str, list[Slot]] = {}
        for slot in call_type.slots:
            if slot.type in PREFILLED_TYPES:
                families.setdefault(_family(slot.type), []).append(slot)
        for slots in families.values():
            parts = [(slots[0], text)] if len(slots) == 1 else list(zip((slots[0], slots[-1]), from_and_to(text)))
            for slot, part in parts:
                result = self._parse(ctx, slot.type, part) if part else None
                if result is not None and result.ok:
                    self._store(ctx, slot, result)

    # ------------------------------------------------------------------ knowledge answers
    def answer(self, ctx: TurnContext, text: str) -> bool:
        """Answer from the knowledge file only; with no good match, offer a person or a message."""
        session = ctx.session
        matches = self.understanding.knowledge.retrieve(text, session.language)
        best = matches[0] if matches else None
        if best is None or best.score < self.understanding.knowledge_threshold:
            session.phase = Phase.OFFERING
            ctx.say(ctx.text(self.flows.business.messages.no_answer_found), key="no_answer_found")
            return False
        entry = self.flows.knowledge.entry(best.entry_id)
        assert entry is not None
        session.resolved.append("office_question")
        session.call_type = None
        session.phase = Phase.ANYTHING_ELSE
        ctx.say(ctx.text(entry.answer, strict=False) + " " + ctx.text(self.flows.business.messages.anything_else),
                key=f"knowledge.{entry.id}")
        return True

    def _offered(self, ctx: TurnContext, text: str) -> None:
        """After 'I don't have that information': a person, a message, or another request."""
        if says_goodbye(text):
            self.engine.goodbye(ctx, "resolved" if ctx.session.resolved else "abandoned")
            return
        if MESSAGE_WORDS.search(text):
            self.engine.messages.start(ctx, why="out_of_scope", intro=False)
            return
        reply = self._parse(ctx, "yes_no", text)
        if reply.ok and reply.value is True and not has_content(getattr(reply, "remainder", "") or ""):
            question = next((t.text for t in reversed(ctx.session.caller_turns()[:-1]) if t.text), "")
            self.engine.escalate(ctx, "out_of_scope", f'no knowledge entry answers "{question[:80]}"')
            return
        if reply.ok and reply.value is False and not has_content(getattr(reply, "remainder", "") or ""):
            self.engine.goodbye(ctx, "resolved" if ctx.session.resolved else "abandoned")
            return
        self._detect(ctx, text)

    def _anything_else(self, ctx: TurnContext, text: str) -> None:
        reply = self._parse(ctx, "yes_no", text)
        remainder = getattr(reply, "remainder", "") or ""
        if reply.ok and not has_content(remainder):
            if reply.value is False:
                self.engine.goodbye(ctx, "resolved")
            else:
                ctx.session.phase = Phase.LISTENING
                ctx.say(ctx.text(self.flows.business.messages.what_else), key="what_else")
            return
        ctx.session.phase = Phase.LISTENING
        self._detect(ctx, text)

    # ------------------------------------------------------------------ slot filling
    def _current_slot(self, session: Any) -> Slot | None:
        call_type = self.flows.call_type(session.call_type)
        if call_type is None:
            return None
        for slot in call_type.slots:
            if slot.name not in session.slots and slot.name not in session.skipped_slots:
                return slot
        return None

    def next_step(self, ctx: TurnContext) -> None:
        session = ctx.session
        call_type = self.flows.call_types[session.call_type or ""]
        slot = self._current_slot(session)
        if slot is not None:
            session.phase = Phase.COLLECTING
            session.slot_attempts = 0
            ctx.say(ctx.text(slot.prompt), key=f"{call_type.name}.{slot.name}.prompt")
            return
        if call_type.confirm and call_type.slots:
            session.phase = Phase.CONFIRMING
            ctx.say(ctx.text(call_type.confirm))
            return
        self.complete(ctx)

    def _collect(self, ctx: TurnContext, text: str) -> None:
        session = ctx.session
        slot = self._current_slot(session)
        if slot is None:
            self.next_step(ctx)
            return
        if ctx.caller_turn is not None:
            ctx.caller_turn.intent = session.call_type
        if slot.type in ("name", "text") and (QUESTION.search(text) or CHANGE_OF_MIND.search(text)) \
                and self._changes_course(ctx, text):
            return
        if slot.type in ("name", "text") and self._answered_elsewhere(ctx, slot, text):
            return
        result = self._parse(ctx, slot.type, text)
        if result.ok:
            self._store(ctx, slot, result)
            self.next_step(ctx)
            return
        if slot.type not in ("name", "text") and self._answered_elsewhere(ctx, slot, text):
            return  # asked for the number, told the day again ('Friday morning then'): kept, number asked again
        if self._changes_course(ctx, text):
            return
        session.slot_attempts += 1
        if session.slot_attempts < slot.max_attempts:
            ctx.say(ctx.text(slot.reprompt or slot.prompt), key=f"{session.call_type}.{slot.name}.reprompt")
        elif slot.required:
            self.engine.escalate(ctx, "repeated_no_match", f'could not get the {slot.name.replace("_", " ")} from "{text[:60]}"')
        else:
            session.skipped_slots.append(slot.name)
            self.next_step(ctx)

    def _answered_elsewhere(self, ctx: TurnContext, slot: Slot, text: str) -> bool:
        """Asked for a name or a reason, the caller gave the day or the number instead: keep that, ask again.
        (A day given again, 'Tuesday morning works' after 'next week', replaces the vaguer one.)

        A day is only taken when it names a day or a week (a month alone may be a name: 'June Park'), and the
        rest of the sentence is not an answer of its own ('a cleaning on Tuesday' is the reason and the day)."""
        session = ctx.session
        call_type = self.flows.call_types.get(session.call_type or "")
        if call_type is None:
            return False
        found = []
        for other in self._elsewhere_candidates(session, call_type, slot):  # at most one slot per kind
            result = self._parse(ctx, other.type, text)
            if result.ok and (other.type == "phone" or getattr(result, "granularity", None) in ("day", "week", "exact")
                              or result.value and "T" in str(result.value)):
                found.append((other, result))
        if not found or self._has_own_answer(text, ctx.at.date(), session.language):
            return False
        for other, result in found:
            self._store(ctx, other, result)
        self.next_step(ctx)
        return True

    @staticmethod
    def _elsewhere_candidates(session: Any, call_type: CallType, asked: Slot) -> list[Slot]:
        """Per kind, the slot a stray answer belongs to: the first still open, else (a day said again) the last."""
        out: list[Slot] = []
        for family in ("datetime", "phone"):
            slots = [s for s in call_type.slots if s.name != asked.name and s.type in ELSEWHERE_TYPES
                     and _family(s.type) == family]
            open_slots = [s for s in slots if s.name not in session.slots and s.name not in session.skipped_slots]
            if open_slots:
                out.append(open_slots[0])
            elif slots and family == "datetime":  # a number is not re-taken this way
                out.append(slots[-1])
        return out

    @staticmethod
    def _has_own_answer(text: str, today: date, language: str = "en") -> bool:
        """Words left once the day, time and number are taken out: the reason itself, or a name."""
        _, rest = find_date(prepare(text), today, language)
        _, rest = find_time(rest)
        words = [w for w in re.findall(r"[\wáéíóúñü']+", rest.lower()) if not w.isdigit()]
        if spoken_digits(" ".join(words)):
            words = [w for w in words if not spoken_digits(w)]
        left = [w for w in words if w not in FILLERS and w not in NOT_CONTENT]
        return bool(left)

    def _changes_course(self, ctx: TurnContext, text: str) -> bool:
        """Mid-flow, a clear new request or an office question is followed instead of re-asking."""
        session = ctx.session
        prediction = self.understanding.classifier.classify(text)
        knowledge = self._knowledge_call_type(text)
        if knowledge is not None and prediction.intent in (OUT_OF_SCOPE, knowledge):
            from .understanding import IntentPrediction
            prediction = IntentPrediction(knowledge, max(prediction.confidence, SWITCH_CONFIDENCE))
        if prediction.intent in (OUT_OF_SCOPE, session.call_type) or prediction.confidence < SWITCH_CONFIDENCE:
            return False
        if ctx.caller_turn is not None:
            ctx.caller_turn.intent, ctx.caller_turn.confidence = prediction.intent, round(prediction.confidence, 3)
        switch_to = self.flows.call_types[prediction.intent]
        if switch_to.answer_from == "knowledge" and self.not_handled(session, switch_to) is None:
            current = session.call_type
            matches = self.understanding.knowledge.retrieve(text, session.language)
            if not matches or matches[0].score < self.understanding.knowledge_threshold:
                return False
            entry = self.flows.knowledge.entry(matches[0].entry_id)
            assert entry is not None
            slot = self._current_slot(session)
            ctx.say(ctx.text(entry.answer, strict=False) + " " + (ctx.text(slot.prompt) if slot else ""))
            session.call_type = current
            return True
        self.start(ctx, prediction.intent, text)
        return True

    def _parse(self, ctx: TurnContext, slot_type: str, text: str) -> Any:
        business = self.flows.business
        result = parse_slot(slot_type, text, now=ctx.at, timezone=business.timezone, language=ctx.session.language)
        if slot_type == "phone" and result.reason == "same_as_caller" and ctx.session.caller:
            # "this number" means the caller ID
            result = parse_slot("phone", ctx.session.caller, now=ctx.at, timezone=business.timezone,
                                language=ctx.session.language)
        return result

    def _store(self, ctx: TurnContext, slot: Slot, result: Any) -> None:
        ctx.session.slots[slot.name] = result.value
        ctx.session.slot_display[slot.name] = result.display or str(result.value)

    # ------------------------------------------------------------------ confirmation and completion
    def _confirm(self, ctx: TurnContext, text: str) -> None:
        session = ctx.session
        if ctx.caller_turn is not None:
            ctx.caller_turn.intent = session.call_type
        reply = self._parse(ctx, "yes_no", text)
        if reply.ok and reply.value is True:
            self.complete(ctx)
            return
        session.confirm_attempts += 1
        if session.confirm_attempts > 2:
            self.engine.escalate(ctx, "repeated_no_match", "the caller did not confirm the details")
            return
        if reply.ok and reply.value is False:
            remainder = getattr(reply, "remainder", "") or ""
            if has_content(remainder) and self._apply_correction(ctx, remainder):
                self.next_step(ctx)
                return
            session.phase = Phase.CORRECTING
            ctx.say(ctx.text(self.flows.business.messages.what_to_change), key="what_to_change")
            return
        if self._apply_correction(ctx, text):
            self.next_step(ctx)
            return
        call_type = self.flows.call_types[session.call_type or ""]
        ctx.say(ctx.text(call_type.confirm))

    def _correct(self, ctx: TurnContext, text: str) -> None:
        session = ctx.session
        if ctx.caller_turn is not None:
            ctx.caller_turn.intent = session.call_type
        if self._apply_correction(ctx, text):
            self.next_step(ctx)
            return
        session.confirm_attempts += 1
        if session.confirm_attempts > 2:
            self.engine.escalate(ctx, "repeated_no_match", "could not work out which detail to change")
            return
        ctx.say(ctx.text(self.flows.business.messages.what_to_change), key="what_to_change")

    def _apply_correction(self, ctx: TurnContext, text: str) -> bool:
        """Find the slot the caller is correcting; re-ask it when the new value is not in the words."""
        session = ctx.session
        call_type = self.flows.call_types[session.call_type or ""]
        lowered = text.lower()
        # the last slot of a kind is the likelier one: a day said when moving a visit is the new day
        hinted = [s for s in reversed(call_type.slots) if any(h in lowered for h in CHANGE_HINTS.get(_family(s.type), ()))]
        unhinted = [s for s in reversed(call_type.slots) if s not in hinted and s.type in PREFILLED_TYPES]
        for slot in hinted + unhinted:
            result = self._parse(ctx, slot.type, text)
            if result.ok:
                self._store(ctx, slot, result)
                return True
        if hinted:
            session.slots.pop(hinted[0].name, None)
            session.slot_display.pop(hinted[0].name, None)
            return True
        return False

    def complete(self, ctx: TurnContext) -> None:
        session = ctx.session
        call_type = self.flows.call_types[session.call_type or ""]
        if call_type.action:
            ctx.actions.append(RunAction(name=call_type.action, call_type=call_type.name, slots=dict(session.slots)))
        if call_type.reply is None:
            target = call_type.handoff or self.flows.staff.front_desk
            evidence = f"{call_type.name} is completed by staff"
            session.escalation = Escalation(reason="out_of_scope", evidence=evidence, target=target, at=ctx.at.isoformat())
            ctx.say(ctx.text(self.flows.business.messages.connecting, strict=False), key="connecting", interruptible=False)
            self.engine.transfer(ctx, target, "out_of_scope", evidence)
            return
        session.resolved.append(call_type.name)
        session.phase = Phase.ANYTHING_ELSE
        ctx.say(ctx.text(call_type.reply) + " " + ctx.text(self.flows.business.messages.anything_else))


_TO = re.compile(r"\b(?:to|for|until|till|into|para|hasta)\b(?! (?:move|reschedule|change|cancel|come|make|book|"
                 r"switch|push|see|get|talk|speak|do|have|be|go|know|ask|cambiar|mover|ir|venir|hablar)\b)", re.I)
_INSTEAD_OF = re.compile(r"\b(?:instead of|rather than|en vez de|en lugar de)\b", re.I)


def from_and_to(text: str) -> tuple[str, str]:
    """A sentence's 'from' and 'to' parts: 'move Thursday to Friday' -> ('move Thursday', 'Friday');
    'Monday instead of Tuesday' -> ('Tuesday', 'Monday'); no 'to' -> (the sentence, '')."""
    m = _INSTEAD_OF.search(text)
    if m:
        return text[m.end():], text[:m.start()]
    m = _TO.search(text)
    if m:
        return text[:m.start()], text[m.end():]
    return text, ""


def _family(slot_type: str) -> str:
    return "datetime" if slot_type in ("date", "time", "datetime") else slot_type
