"""The engine side of a call: one worker thread per call runs speech-to-text and the engine in turn.

Every engine event goes through on_event() under one lock, so the session sees one event at a
time; whatever fails (speech-to-text, text-to-speech, the engine, a budget) ends in fail(), which
hands the caller to the front desk with reason system_failure.
"""
from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from typing import Any, Sequence

from app.clock import utcnow
from app.engine.actions import Action, Say, Transfer
from app.engine.events import CallEnded, CallerUtterance, Event, SystemFailure
from app.engine.session import CallSession, Escalation, Phase
from app.flows.schema import localize

from .executor import ActionExecutor
from .guard import ComponentFailure, guarded
from .ports import RuntimeServices, as_transcript
from .timings import TurnTimer

log = logging.getLogger(__name__)
STOP = object()


class TurnRunner:
    """Owns the session; the socket side submits jobs and events, this side decides and acts."""

    def __init__(self, services: RuntimeServices, session: CallSession, executor: ActionExecutor,
                 transcriber: Any) -> None:
        self.services, self.session, self.executor, self.transcriber = services, session, executor, transcriber
        self.lock = threading.RLock()
        self.jobs: queue.Queue[Any] = queue.Queue(maxsize=services.limits.max_queued_jobs)
        self.finished_utterance = 0
        self.partial_busy = threading.Event()
        self.speculation: tuple[tuple[int, int], Any] | None = None
        self.ended = False
        self._thread = threading.Thread(target=self._work, name=f"call-{session.call_sid[-6:]}", daemon=True)
        self._thread.start()

    # ---------------------------------------------------------------- submitting work
    def submit(self, kind: str, payload: Any, timer: TurnTimer | None = None, utterance: int = 0,
               pause: int = 0) -> None:
        try:
            self.jobs.put_nowait((kind, payload, timer, (utterance, pause)))
        except queue.Full:
            log.warning("call %s: turn queue full; dropping a %s job", self.session.call_sid, kind)
            if kind.startswith("partial"):
                self.partial_busy.clear()

    def speculate(self, pcm: bytes, utterance: int, pause: int, late: bool = False) -> None:
        """Transcribe the speech so far as soon as the caller pauses (most pauses become the endpoint):
        early while the model is idle, later in the pause (`late`) when it is busy with other calls."""
        if self.transcriber is None or self.session.is_over:
            return
        if late and self.speculation is not None and self.speculation[0] == (utterance, pause):
            return  # started at the early point already
        if not late and getattr(self.transcriber, "busy", False):
            return  # the late point starts it if the pause lasts
        if self.speculation is not None:
            self.speculation[1].cancel()  # still queued: this one covers more of the caller's words
        try:
            future = self.services.pool.submit(self.transcriber.transcribe, pcm)
        except RuntimeError:
            return
        self.speculation = ((utterance, pause), future)
        future.add_done_callback(lambda done: self._heard_before_the_end(done, utterance))

    def _heard_before_the_end(self, done: Future, utterance: int) -> None:
        """A paused caller's words so far get the always-escalate check at once: "a real person,
        because..." transfers at the pause, even when the caller carries on talking."""
        if done.cancelled() or done.exception() is not None:
            return  # dropped or failed: the final transcript still comes
        text = as_transcript(done.result()).text  # (_partial_text skips it if the utterance has ended)
        if text.strip():
            self.submit("partial_text", text, utterance=utterance)

    def utterance_done(self, utterance: int) -> None:
        """Partial checks of an utterance that has ended are no longer worth running."""
        self.finished_utterance = max(self.finished_utterance, utterance)

    # ---------------------------------------------------------------- deciding and acting
    def on_event(self, event: Event, timer: TurnTimer | None = None) -> None:
        """Apply one event and carry out what the engine decides; any failure ends with a person."""
        with self.lock:
            if self.ended:
                return
            try:
                actions = self._decide(event)
                if timer is not None:
                    timer.mark("decision")
                self.executor.execute(self.session, actions, timer)
            except ComponentFailure as failure:
                self.fail(failure)
            finally:
                if timer is not None and (timer.kind != "partial" or "transfer_requested" in timer.marks):
                    self.session.timings.append(timer.to_dict())
                self.save()

    def _decide(self, event: Event) -> Sequence[Action]:
        return guarded(self.services.pool, "engine", self.services.limits.engine_timeout_s,
                       self.services.engine.handle, self.session, event)

    def fail(self, failure: ComponentFailure, timer: TurnTimer | None = None) -> None:
        """Transfer to the front desk (reason system_failure), through the engine if it still works."""
        with self.lock:
            if self.ended or self.executor.moved.is_set():
                return
            log.error("call %s: %s failed (%s); handing the call to a person", self.session.call_sid,
                      failure.component, failure.detail)
            actions: Sequence[Action] = []
            if failure.component != "engine":
                try:
                    actions = self._decide(SystemFailure(at=utcnow(), component=failure.component,
                                                         detail=failure.detail))
                except ComponentFailure:
                    actions = []
            if not any(isinstance(a, Transfer) for a in actions):
                actions = self._fallback_transfer(failure)
            self.executor.execute(self.session, actions, timer, speak=False)
            if timer is not None:
                self.session.timings.append(timer.to_dict())
            self.save()

    def _fallback_transfer(self, failure: ComponentFailure) -> list[Action]:
        """The engine could not decide: dial the system_failure target (the front desk) directly."""
        session, flows = self.session, self.services.engine.flows
        target = flows.escalation.target_for("system_failure", flows.staff.front_desk)
        evidence = f"{failure.component}: {failure.detail}"
        session.phase, session.outcome = Phase.TRANSFERRING, "transferred"
        session.escalation = Escalation(reason="system_failure", evidence=evidence, target=target,
                                        at=utcnow().isoformat())
        say = localize(flows.business.messages.system_failure, session.language)
        transfer = Transfer(target=target, reason="system_failure", brief=f"System failure ({evidence}).",
                            evidence=evidence, language=session.language)
        return [Say(text=say, language=session.language), transfer] if say else [transfer]

    # ---------------------------------------------------------------- the worker
    def _work(self) -> None:
        while True:
            job = self.jobs.get()
            if job is STOP:
                return
            kind, payload, timer, (utterance, pause) = job
            try:
                if kind == "final":
                    self._final(payload, timer, (utterance, pause))
                elif kind == "partial_audio":
                    self._partial_audio(payload, utterance)
                elif kind == "partial_text":
                    self._partial_text(payload, utterance)
                else:
                    self.on_event(payload, timer)
            except Exception:  # noqa: BLE001 - a bug here must not leave the caller alone
                log.exception("call %s: turn failed", self.session.call_sid)
                self.fail(ComponentFailure("runtime", "unexpected error in the turn worker"))

    def _transcribe(self, pcm: bytes) -> Any:
        if self.transcriber is None:
            raise ComponentFailure("stt", "no speech-to-text backend")
        return as_transcript(guarded(self.services.pool, "stt", self.services.limits.stt_timeout_s,
                                     self.transcriber.transcribe, pcm))

    def _final(self, pcm: bytes, timer: TurnTimer, key: tuple[int, int] = (0, 0)) -> None:
        if self.session.is_over:
            return
        speculation, self.speculation = self.speculation, None
        try:
            if speculation is not None and speculation[0] == key:
                heard = self._finish_speculation(speculation[1])
            else:
                if speculation is not None:
                    speculation[1].cancel()  # an earlier pause's words, not started yet: not worth it now
                heard = self._transcribe(pcm)
        except ComponentFailure as failure:
            self.fail(failure, timer)
            return
        timer.mark("transcript")
        if not heard.text.strip():
            return  # noise, a cough: nothing was said
        self.on_event(CallerUtterance(text=heard.text, at=utcnow(), final=True, confidence=heard.confidence,
                                      language=heard.language), timer)

    def _finish_speculation(self, future: Any) -> Any:
        """The transcript started at the pause that became the endpoint."""
        import concurrent.futures as futures

        try:
            return as_transcript(future.result(timeout=self.services.limits.stt_timeout_s))
        except futures.TimeoutError:
            raise ComponentFailure("stt", f"no answer within {self.services.limits.stt_timeout_s:g} s") from None
        except ComponentFailure:
            raise
        except Exception as exc:  # noqa: BLE001 - every speech-to-text failure is handled the same way
            raise ComponentFailure("stt", f"{type(exc).__name__}: {exc}") from exc

    def _partial_audio(self, pcm: bytes, utterance: int) -> None:
        try:
            if self.session.is_over or utterance <= self.finished_utterance:
                return  # the final transcript is on its way; do not delay it
            try:
                heard = self._transcribe(pcm)
            except ComponentFailure:
                log.warning("call %s: partial transcript failed; waiting for the final one", self.session.call_sid)
                return
            self._partial_text(heard.text, utterance)
        finally:
            self.partial_busy.clear()

    def _partial_text(self, text: str, utterance: int) -> None:
        if utterance and utterance <= self.finished_utterance:
            return  # the final transcript of this utterance decides
        if text.strip() and not self.session.is_over:
            timer = TurnTimer(kind="partial")
            self.on_event(CallerUtterance(text=text, at=utcnow(), final=False, confidence=0.5), timer)

    # ---------------------------------------------------------------- the end
    def end(self, reason: str) -> bool:
        """Apply CallEnded once; True the first time (the caller then stores the record)."""
        with self.lock:
            if self.ended:
                return False
            self.ended = True
            try:
                self._decide(CallEnded(at=utcnow(), reason=reason))
            except ComponentFailure as failure:
                log.error("call %s: engine failed at the end (%s)", self.session.call_sid, failure)
                self.session.ended_at = self.session.ended_at or utcnow().isoformat()
            with self.jobs.mutex:
                self.jobs.queue.clear()
        self.jobs.put_nowait(STOP)
        return True

    def save(self) -> None:
        try:
            self.services.store.save(self.session)
        except Exception:  # noqa: BLE001 - the call goes on; the next turn saves again
            log.exception("call %s: could not save call state", self.session.call_sid)
