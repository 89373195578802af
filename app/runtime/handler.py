"""One live call: Media Streams messages in, engine events out, its actions carried out.

The socket thread decodes frames and runs the endpointer (cheap); a per-call worker thread runs
speech-to-text and the engine for each utterance, so frames never back up behind a slow model.
Keypresses, marks and barge-in are handled on the socket thread at once.
"""
from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections import deque
from datetime import datetime, timezone
from typing import Any, Callable, Sequence

from app.audio.codec import FRAME_MS, MULAW_FRAME_BYTES, FrameAssembler, mulaw_to_pcm16
from app.audio.endpointer import Endpointer, SpeechEnded, SpeechStarted
from app.engine.actions import Action, Say, Transfer
from app.engine.events import (
    BotFinishedSpeaking, CallEnded, CallerProfile, CallerUtterance, CallStarted, DtmfPressed, Event,
    SilenceTimeout, SystemFailure,
)
from app.engine.session import CallSession, Escalation, Phase
from app.flows.schema import localize
from app.integrations.twilio import media

from .executor import ActionExecutor
from .guard import ComponentFailure, guarded
from .ports import RuntimeServices, as_transcript
from .speaker import Speaker
from .timings import TurnTimer

log = logging.getLogger(__name__)
STOP = object()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def started_event(start: media.Start) -> CallStarted:
    """CallStarted from the stream's <Parameter>s (set by the voice webhook)."""
    params = start.custom_parameters
    profile = None
    if params.get("profile"):
        try:
            fields = json.loads(params["profile"])
            profile = CallerProfile(**{k: v for k, v in fields.items() if k in CallerProfile.__dataclass_fields__})
        except (ValueError, TypeError):
            log.warning("call %s: unreadable profile parameter ignored", start.call_sid)
    return CallStarted(call_sid=start.call_sid, at=utcnow(), caller=params.get("from") or None,
                       called=params.get("to") or None, profile=profile,
                       after_hours=params.get("after_hours") == "1", mode=params.get("mode") or "live")


class CallHandler:
    """Feed it every socket message with on_message(); call on_disconnect() when the socket closes."""

    def __init__(self, services: RuntimeServices, send: Callable[[str], None], close: Callable[[], None],
                 authorize: Callable[[media.Start], bool] = lambda start: True) -> None:
        self.services = services
        self._send_raw, self._close, self._authorize = send, close, authorize
        self._send_lock = threading.Lock()
        self.lock = threading.RLock()  # the session and the engine: one event at a time
        self.session: CallSession | None = None
        self.speaker: Speaker | None = None
        self.executor: ActionExecutor | None = None
        self.jobs: queue.Queue[Any] = queue.Queue(maxsize=services.limits.max_queued_jobs)
        self.assembler = FrameAssembler(MULAW_FRAME_BYTES)
        self.endpointer: Endpointer | None = None
        self.transcriber: Any = None
        self.partial_transcriber: Any = None
        self._partial_frames: deque[bytes] = deque(maxlen=services.limits.partial_max_ms // FRAME_MS)
        self._partial_pending = threading.Event()
        self._since_partial_ms = 0
        self._quiet_ms = 0
        self._silence_fired = False
        self._ended = False
        self._worker: threading.Thread | None = None
        self.rejected = False
        self.malformed = 0

    # ---------------------------------------------------------------- socket side
    def send(self, text: str) -> None:
        with self._send_lock:
            self._send_raw(text)

    def on_message(self, raw: str | bytes) -> bool:
        """Handle one message; False when the call is over and the socket should close."""
        try:
            message = media.parse(raw)
        except media.MalformedMessage as exc:
            self.malformed += 1
            log.warning("call %s: ignoring malformed message: %s", self.call_sid, exc)
            return not self._ended
        if isinstance(message, media.Start):
            self.on_start(message)
        elif self.session is None or self._ended:
            pass  # nothing before `start` (but `connected`) or after the end matters
        elif isinstance(message, media.Media):
            self.on_media(message.payload)
        elif isinstance(message, media.Dtmf):
            self.on_event(DtmfPressed(digit=message.digit, at=utcnow()))
        elif isinstance(message, media.Mark):
            self.on_mark(message.name)
        elif isinstance(message, media.Stop):
            self.end("hangup")
        return not self._ended and not self.rejected

    @property
    def call_sid(self) -> str:
        return self.session.call_sid if self.session else "-"

    def on_start(self, start: media.Start) -> None:
        if self.session is not None:
            log.warning("call %s: second 'start' ignored", self.call_sid)
            return
        if not self._authorize(start):
            log.warning("stream %s for call %s failed authentication; closing", start.stream_sid, start.call_sid)
            self.rejected = True
            return
        self.speaker = Speaker(self.send, start.stream_sid, self.services.limits.chunk_bytes)
        self.executor = ActionExecutor(self.services, self.speaker, self._after_call_moved)
        self.endpointer = Endpointer(self.services.detector_factory())
        try:
            self.transcriber = self.services.transcriber_factory()
            factory = self.services.partial_transcriber_factory
            self.partial_transcriber = factory() if factory else None
        except Exception as exc:  # noqa: BLE001 - no speech-to-text: the caller goes to a person
            self.transcriber = None
            log.exception("call %s: speech-to-text unavailable", start.call_sid)
            failure = ComponentFailure("stt", f"{type(exc).__name__}: {exc}")
        else:
            failure = None
        self.session = CallSession(call_sid=start.call_sid)
        self._worker = threading.Thread(target=self._work, name=f"call-{start.call_sid[-6:]}", daemon=True)
        self._worker.start()
        self.on_event(started_event(start))
        if failure is not None:
            self.fail(failure)

    def on_media(self, mulaw: bytes) -> None:
        assert self.endpointer is not None and self.speaker is not None
        for frame in self.assembler.push(mulaw):
            pcm = mulaw_to_pcm16(frame)
            for event in self.endpointer.push(pcm):
                if isinstance(event, SpeechStarted):
                    self._speech_started(pcm)
                elif isinstance(event, SpeechEnded):
                    self._speech_ended(event)
            self._track_speech(pcm)

    def _speech_started(self, pcm: bytes) -> None:
        speaker = self.speaker
        assert speaker is not None
        if speaker.speaking and speaker.interruptible and self.session and not self.session.is_over:
            speaker.clear()
            self._enqueue(("event", BotFinishedSpeaking(at=utcnow(), mark="barge-in"), None))
        self._since_partial_ms = 0

    def _speech_ended(self, event: SpeechEnded) -> None:
        timer = TurnTimer()
        now = time.monotonic()
        timer.mark("speech_end", now - event.delay_ms / 1000.0)
        timer.mark("endpoint", now)
        self._partial_frames.clear()
        self._enqueue(("final", event.pcm, timer))

    def _track_speech(self, pcm: bytes) -> None:
        """Partial checks while the caller talks; SilenceTimeout when nobody speaks for too long."""
        endpointer, speaker = self.endpointer, self.speaker
        assert endpointer is not None and speaker is not None
        limits = self.services.limits
        if endpointer.state.value in ("speaking", "stopping"):
            self._quiet_ms, self._silence_fired = 0, False
            self._partial_frames.append(pcm)
            self._since_partial_ms += FRAME_MS
            if self._since_partial_ms >= limits.partial_every_ms and not self._partial_pending.is_set() \
                    and len(self._partial_frames) < self._partial_frames.maxlen:
                self._since_partial_ms = 0
                self._partial_pending.set()
                self._enqueue(("partial", b"".join(self._partial_frames), TurnTimer(kind="partial")))
            return
        if speaker.speaking or (self.session and self.session.is_over):
            self._quiet_ms = 0
            return
        self._quiet_ms += FRAME_MS
        if self._quiet_ms >= limits.silence_timeout_s * 1000 and not self._silence_fired:
            self._silence_fired = True
            self._quiet_ms = 0
            self._enqueue(("event", SilenceTimeout(at=utcnow()), None))

    def on_mark(self, name: str) -> None:
        assert self.speaker is not None
        if self.speaker.on_mark(name):
            self._enqueue(("event", BotFinishedSpeaking(at=utcnow(), mark=name), None))

    def _enqueue(self, job: Any) -> None:
        try:
            self.jobs.put_nowait(job)
        except queue.Full:
            log.warning("call %s: turn queue full; dropping a %s job", self.call_sid, job[0])
            if job[0] == "partial":
                self._partial_pending.clear()

    # ---------------------------------------------------------------- engine side
    def on_event(self, event: Event, timer: TurnTimer | None = None) -> None:
        """Apply an event and carry out what the engine decides; any failure ends with a person."""
        with self.lock:
            if self.session is None or self._ended:
                return
            try:
                actions = self._decide(event)
                if timer is not None:
                    timer.mark("decision")
                assert self.executor is not None
                self.executor.execute(self.session, actions, timer)
            except ComponentFailure as failure:
                self.fail(failure, timer)
            finally:
                if timer is not None and timer.marks:
                    self.session.timings.append(timer.to_dict())
                self._save()

    def _decide(self, event: Event) -> Sequence[Action]:
        limits = self.services.limits
        return guarded(self.services.pool, "engine", limits.engine_timeout_s, self.services.engine.handle,
                       self.session, event)

    def fail(self, failure: ComponentFailure, timer: TurnTimer | None = None) -> None:
        """Transfer to the front desk (reason system_failure), through the engine if it still works."""
        with self.lock:
            session, executor = self.session, self.executor
            if session is None or executor is None or executor.moved.is_set():
                return
            log.error("call %s: %s failed (%s); handing the call to a person", session.call_sid,
                      failure.component, failure.detail)
            actions: Sequence[Action] = []
            if failure.component != "engine":
                try:
                    actions = self._decide(SystemFailure(at=utcnow(), component=failure.component, detail=failure.detail))
                except ComponentFailure:
                    actions = []
            if not any(isinstance(a, Transfer) for a in actions):
                actions = self._fallback_transfer(session, failure)
            executor.execute(session, actions, timer, speak=False)
            if timer is not None:
                session.timings.append(timer.to_dict())
            self._save()

    def _fallback_transfer(self, session: CallSession, failure: ComponentFailure) -> list[Action]:
        """The engine could not decide: dial the system_failure target (the front desk) directly."""
        flows = self.services.engine.flows
        target = flows.escalation.target_for("system_failure", flows.staff.front_desk)
        evidence = f"{failure.component}: {failure.detail}"
        session.phase, session.outcome = Phase.TRANSFERRING, "transferred"
        session.escalation = Escalation(reason="system_failure", evidence=evidence, target=target,
                                        at=utcnow().isoformat())
        say = localize(flows.business.messages.system_failure, session.language)
        transfer = Transfer(target=target, reason="system_failure", brief=f"System failure ({evidence}).",
                            evidence=evidence, language=session.language)
        return [Say(text=say, language=session.language), transfer] if say else [transfer]

    def _work(self) -> None:
        while True:
            job = self.jobs.get()
            if job is STOP:
                return
            kind, payload, timer = job
            try:
                if kind == "final":
                    self._final(payload, timer)
                elif kind == "partial":
                    self._partial(payload, timer)
                else:
                    self.on_event(payload, timer)
            except Exception:  # noqa: BLE001 - a bug here must not leave the caller alone
                log.exception("call %s: turn failed", self.call_sid)
                self.fail(ComponentFailure("runtime", "unexpected error in the turn worker"))

    def _transcribe(self, transcriber: Any, pcm: bytes):
        limits = self.services.limits
        if transcriber is None:
            raise ComponentFailure("stt", "no speech-to-text backend")
        return as_transcript(guarded(self.services.pool, "stt", limits.stt_timeout_s, transcriber.transcribe, pcm))

    def _final(self, pcm: bytes, timer: TurnTimer) -> None:
        if self.session is None or self.session.is_over:
            return
        try:
            heard = self._transcribe(self.transcriber, pcm)
        except ComponentFailure as failure:
            self.fail(failure, timer)
            return
        timer.mark("transcript")
        if not heard.text.strip():
            return  # noise, a cough: nothing was said
        self.on_event(CallerUtterance(text=heard.text, at=utcnow(), final=True, confidence=heard.confidence,
                                      language=heard.language), timer)

    def _partial(self, pcm: bytes, timer: TurnTimer) -> None:
        try:
            if self.session is None or self.session.is_over:
                return
            try:
                heard = self._transcribe(self.partial_transcriber or self.transcriber, pcm)
            except ComponentFailure:
                log.warning("call %s: partial transcript failed; waiting for the final one", self.call_sid)
                return
            if heard.text.strip():
                self.on_event(CallerUtterance(text=heard.text, at=utcnow(), final=False,
                                              confidence=heard.confidence, language=heard.language))
        finally:
            self._partial_pending.clear()

    # ---------------------------------------------------------------- the end
    def _after_call_moved(self) -> None:
        """Twilio ends the stream after a REST update; close it ourselves if it does not."""
        timer = threading.Timer(self.services.limits.redirect_grace_s, self._close_if_open)
        timer.daemon = True
        timer.start()

    def _close_if_open(self) -> None:
        if not self._ended:
            self.end("redirected")
            try:
                self._close()
            except Exception:  # noqa: BLE001 - already closed
                pass

    def on_disconnect(self) -> None:
        """The socket closed, with or without `stop`: the call record still ends, once."""
        self.end("socket_closed")

    def end(self, reason: str) -> None:
        with self.lock:
            if self._ended or self.session is None:
                self._ended = True
                return
            self._ended = True
            try:
                guarded(self.services.pool, "engine", self.services.limits.engine_timeout_s,
                        self.services.engine.handle, self.session, CallEnded(at=utcnow(), reason=reason))
            except ComponentFailure as failure:
                log.error("call %s: engine failed at the end (%s)", self.call_sid, failure)
                self.session.ended_at = self.session.ended_at or utcnow().isoformat()
            with self.jobs.mutex:
                self.jobs.queue.clear()
        self.jobs.put_nowait(STOP)
        try:
            self.services.store.finish(self.session)
        except Exception:  # noqa: BLE001 - logged with the SID so the record can be recovered from Redis
            log.exception("call %s: could not store the finished call", self.call_sid)

    def _save(self) -> None:
        try:
            self.services.store.save(self.session)  # type: ignore[arg-type]
        except Exception:  # noqa: BLE001 - the call goes on; the next turn saves again
            log.exception("call %s: could not save call state", self.call_sid)
