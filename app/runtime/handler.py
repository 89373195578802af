"""One live call: Media Streams messages in, engine events out, its actions carried out.

The socket thread decodes frames and runs the endpointer (cheap); the call's TurnRunner runs
speech-to-text and the engine, so frames never back up behind a slow model. Keypresses, marks and
barge-in are handled as they arrive.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any, Callable

from app.audio.endpointer import Endpointer, SpeechEnded
from app.engine.events import (
    BotFinishedSpeaking, CallerProfile, CallStarted, DtmfPressed, SilenceTimeout, TransferFailed,
)
from app.engine.session import CallSession, Phase
from app.integrations.twilio import media

from .executor import ActionExecutor
from .guard import ComponentFailure
from .listener import Listener, ListenerCallbacks
from .ports import RuntimeServices
from .speaker import Speaker
from .timings import TurnTimer
from .turns import TurnRunner, utcnow

log = logging.getLogger(__name__)
LATE_FRAME_MS = 200.0
"""A frame read this much later than the caller's clock says it was sent counts as backlog."""


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
                       after_hours=params.get("after_hours") == "1", mode=params.get("mode") or "live",
                       call_types=tuple(t for t in (params.get("call_types") or "").split(",") if t) or None)


class CallHandler:
    """Feed it every socket message with on_message(); call on_disconnect() when the socket closes."""

    def __init__(self, services: RuntimeServices, send: Callable[[str], None], close: Callable[[], None],
                 authorize: Callable[[media.Start], bool] = lambda start: True) -> None:
        self.services = services
        self._send_raw, self._close, self._authorize = send, close, authorize
        self._send_lock = threading.Lock()
        self.speaker: Speaker | None = None
        self.listener: Listener | None = None
        self.turns: TurnRunner | None = None
        self.rejected = False
        self.detector: Any = None
        self.spotter: Any = None
        self.malformed = 0
        self._end_lock = threading.Lock()
        self._finished = False
        self._lag_origin: tuple[float, int] | None = None
        self.max_lag_ms = 0.0
        self.late_frames = 0
        self._shared_reader: tuple[int, Callable[[str], bool], Callable[[str], None]] | None = None

    @property
    def session(self) -> CallSession | None:
        return self.turns.session if self.turns else None

    @property
    def call_sid(self) -> str:
        return self.turns.session.call_sid if self.turns else "-"

    @property
    def over(self) -> bool:
        return self._finished or self.rejected

    def send(self, text: str) -> None:
        shared = self._shared_reader
        if shared is not None and threading.get_ident() == shared[0]:
            self._send_from_shared_reader(text, *shared[1:])
            return
        with self._send_lock:
            self._send_raw(text)

    def read_by_shared_thread(self, thread_ident: int, try_send: Callable[[str], bool],
                              hand_over: Callable[[str], None]) -> None:
        """A reader shared by many calls (the media hub) delivers this call's messages on
        `thread_ident`. What it sends on the way (a barge-in's `clear`) goes out at once when that
        needs no waiting (`try_send`); otherwise `hand_over` passes it to the call's own thread."""
        self._shared_reader = (thread_ident, try_send, hand_over)

    def _send_from_shared_reader(self, text: str, try_send: Callable[[str], bool],
                                 hand_over: Callable[[str], None]) -> None:
        if self._send_lock.acquire(blocking=False):
            try:
                if try_send(text):
                    return
            finally:
                self._send_lock.release()
        hand_over(text)

    # ---------------------------------------------------------------- messages
    def on_message(self, raw: str | bytes) -> bool:
        """Handle one message; False when the socket should close."""
        message = self.parse(raw)
        return not self.over if message is None else self.handle(message)

    def parse(self, raw: str | bytes) -> media.Inbound | None:
        """The message, or None for a malformed one (counted and logged, then ignored)."""
        try:
            return media.parse(raw)
        except media.MalformedMessage as exc:
            self.malformed += 1
            log.warning("call %s: ignoring malformed message: %s", self.call_sid, exc)
            return None

    @staticmethod
    def quick(message: media.Inbound) -> bool:
        """Audio and marks never block (they only queue work), so a shared reader may handle them
        itself; keypresses run the engine and `stop` stores the call, so they go to the call's thread."""
        return isinstance(message, (media.Media, media.Mark, media.Connected))

    def handle(self, message: media.Inbound) -> bool:
        """Handle one parsed message; False when the socket should close."""
        if isinstance(message, media.Start):
            self.on_start(message)
        elif self.turns is None or self.over:
            pass  # nothing before `start` (but `connected`) or after the end matters
        elif isinstance(message, media.Media):
            self._measure_lag(message.timestamp_ms)
            if self.listener is not None:
                self.listener.push(message.payload)
        elif isinstance(message, media.Dtmf):
            self.turns.on_event(DtmfPressed(digit=message.digit, at=utcnow()))  # at once, even mid-turn
        elif isinstance(message, media.Mark):
            if self.speaker is not None and self.speaker.on_mark(message.name):
                self.turns.submit("event", BotFinishedSpeaking(at=utcnow(), mark=message.name))
        elif isinstance(message, media.Stop):
            self.end("hangup")
        return not self.over

    def on_start(self, start: media.Start) -> None:
        if self.turns is not None:
            log.warning("call %s: second 'start' ignored", self.call_sid)
            return
        if not self._authorize(start):
            log.warning("stream %s for call %s failed authentication; closing", start.stream_sid, start.call_sid)
            self.rejected = True
            return
        services = self.services
        self.speaker = Speaker(self.send, start.stream_sid, services.limits.chunk_bytes)
        executor = ActionExecutor(services, self.speaker, self._after_call_moved)
        failure, transcriber, streaming = None, None, None
        try:
            transcriber = services.transcriber_factory()
            partial = services.partial_transcriber_factory() if services.partial_transcriber_factory else None
            streaming = partial if partial is not None and hasattr(partial, "accept") else None
            self.spotter = streaming
        except Exception as exc:  # noqa: BLE001 - no speech-to-text: the caller goes to a person
            log.exception("call %s: speech-to-text unavailable", start.call_sid)
            failure = ComponentFailure("stt", f"{type(exc).__name__}: {exc}")
        resuming = start.custom_parameters.get("resume") or ""
        session = self._resumed_session(start) if resuming else CallSession(call_sid=start.call_sid)
        self.turns = TurnRunner(services, session, executor, transcriber)
        callbacks = ListenerCallbacks(self._speech_started, self._utterance, self._partial_audio,
                                      self._partial_text, self._silence, self._speculate)
        self.detector = services.detector_factory()
        self.listener = Listener(Endpointer(self.detector), services.limits, callbacks,
                                 streaming=streaming, batch_partials=services.limits.partials_with_main_stt)
        self.listener.bot_busy = lambda: bool(self.speaker and self.speaker.speaking) or bool(
            self.session and self.session.is_over)
        if resuming:
            self.turns.on_event(TransferFailed(at=utcnow(), target=resuming))
        else:
            self.turns.on_event(started_event(start))
        if failure is not None:
            self.turns.fail(failure)

    def _resumed_session(self, start: media.Start) -> CallSession:
        """The call as it was when the transfer began; nobody accepted, so the bot takes a message."""
        load = getattr(self.services.store, "load", None)
        try:
            session = load(start.call_sid) if load else None
        except Exception:  # noqa: BLE001 - without the saved state the message is still taken
            log.exception("call %s: saved state unavailable on resume", start.call_sid)
            session = None
        if session is None:
            params = start.custom_parameters
            session = CallSession(call_sid=start.call_sid, caller=params.get("from") or None,
                                  called=params.get("to") or None, started_at=utcnow().isoformat())
        session.phase = Phase.TRANSFERRING
        return session

    def _measure_lag(self, timestamp_ms: int) -> None:
        """How far behind the caller's clock we read this frame (a backlog shows up here first)."""
        now = time.monotonic()
        if self._lag_origin is None:
            self._lag_origin = (now, timestamp_ms)
            return
        lag = (now - self._lag_origin[0]) * 1000.0 - (timestamp_ms - self._lag_origin[1])
        if lag > self.max_lag_ms:
            self.max_lag_ms = lag
        if lag > LATE_FRAME_MS:
            self.late_frames += 1

    # ---------------------------------------------------------------- listener callbacks
    def _speech_started(self) -> None:
        """Barge-in: the caller talks over an interruptible reply, so stop it and listen."""
        speaker, turns = self.speaker, self.turns
        if speaker and turns and speaker.speaking and speaker.interruptible and not turns.session.is_over:
            speaker.clear()
            turns.submit("event", BotFinishedSpeaking(at=utcnow(), mark="barge-in"))

    def _utterance(self, event: SpeechEnded) -> None:
        assert self.turns is not None and self.listener is not None
        timer = TurnTimer()
        now = time.monotonic()
        timer.mark("speech_end", now - event.delay_ms / 1000.0)
        timer.mark("endpoint", now)
        self.turns.utterance_done(self.listener.utterance)
        self.turns.submit("final", event.pcm, timer, utterance=self.listener.utterance,
                          pause=self.listener.pause)

    def _speculate(self, pcm: bytes, utterance: int, pause: int, late: bool = False) -> None:
        assert self.turns is not None
        self.turns.speculate(pcm, utterance, pause, late)

    def _partial_audio(self, pcm: bytes, utterance: int) -> None:
        assert self.turns is not None
        if not self.turns.partial_busy.is_set():
            self.turns.partial_busy.set()
            self.turns.submit("partial_audio", pcm, utterance=utterance)

    def _partial_text(self, text: str, utterance: int) -> None:
        assert self.turns is not None
        self.turns.submit("partial_text", text, utterance=utterance)

    def _silence(self) -> None:
        assert self.turns is not None
        self.turns.submit("event", SilenceTimeout(at=utcnow()))

    # ---------------------------------------------------------------- the end
    def _after_call_moved(self) -> None:
        """Twilio ends the stream after a REST update; close it ourselves if it does not."""
        timer = threading.Timer(self.services.limits.redirect_grace_s, self._close_if_open)
        timer.daemon = True
        timer.start()

    def _close_if_open(self) -> None:
        if not self._finished:
            self.end("redirected")
            try:
                self._close()
            except Exception:  # noqa: BLE001 - already closed
                pass

    def on_disconnect(self) -> None:
        """The socket closed, with or without `stop`: the call record still ends, once."""
        self.end("socket_closed")

    def end(self, reason: str) -> None:
        with self._end_lock:
            if self._finished:
                return
            self._finished = True
        release = getattr(self.services.detector_factory, "release", None)
        if release is not None and self.detector is not None:
            release(self.detector)
            self.detector = None
        release = getattr(self.services.partial_transcriber_factory, "release", None)
        if release is not None and self.spotter is not None:
            release(self.spotter)
            self.spotter = None
        turns = self.turns
        if turns is None:
            return
        with turns.lock:
            turns.session.timings.append({"kind": "stream", "max_lag_ms": round(self.max_lag_ms, 1),
                                          "late_frames": self.late_frames, "malformed": self.malformed})
        owns_record = getattr(self.services.transfers, "owns_record", None)
        transfer_keeps_record = owns_record is not None and owns_record(turns.session)
        if not turns.end(reason):
            return
        if transfer_keeps_record:
            log.info("call %s: stream ended while a transfer is pending; the transfer keeps the record",
                     turns.session.call_sid)
            return
        try:
            self.services.store.finish(turns.session)
        except Exception:  # noqa: BLE001 - logged with the SID so the record can be recovered from Redis
            log.exception("call %s: could not store the finished call", turns.session.call_sid)
