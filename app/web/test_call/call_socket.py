"""One browser test call on /staff/test-call/socket: Media Streams plus typed text, run by a CallHandler.

The call runs the production engine, speech-to-text and voice through the same CallHandler as a
phone call; only its store, transfers and sink are swapped (see dry_run), so nobody is dialled and
nothing is stored.
"""
from __future__ import annotations

import dataclasses
import logging
from datetime import UTC, datetime
from typing import Any

from simple_websocket import ConnectionClosed

from app.engine.events import BotFinishedSpeaking, CallerUtterance
from app.integrations.twilio import media
from app.runtime.handler import CallHandler
from app.runtime.ports import RuntimeServices
from app.runtime.turns import utcnow
from app.web.twilio_setup import TwilioWeb

from . import protocol
from .call_setup import plan_call
from .dry_run import DryRunSink, DryRunTransfers, PageChannel, PageMirror
from .passes import PassBook

log = logging.getLogger(__name__)
IDLE_TIMEOUT_S = 45.0
"""The page sends a ping every 15 s when no audio flows; a socket silent this long is gone."""
POLICY_VIOLATION, UNAVAILABLE = 1008, 1011


class PageCall:
    """Reads the page's messages until the call ends or the page goes away; ends the call once."""

    def __init__(self, ws: Any, web: TwilioWeb, passes: PassBook, idle_timeout_s: float = IDLE_TIMEOUT_S) -> None:
        self.ws, self.web, self.passes, self.idle_timeout_s = ws, web, passes, idle_timeout_s
        self.channel = PageChannel(ws)
        self.handler: CallHandler | None = None

    def run(self) -> None:
        if self.web.runtime is None:
            self.refuse(UNAVAILABLE, f"Test calls need valid flows ({self.web.flows_error or 'not loaded'}).")
            return
        try:
            while True:
                raw = self.ws.receive(timeout=self.idle_timeout_s)
                if raw is None or not self.on_message(raw):
                    break
        except ConnectionClosed:
            pass
        finally:
            if self.handler is not None:
                self.handler.on_disconnect()
            self.channel.close()

    def on_message(self, raw: str | bytes) -> bool:
        """Handle one message; False when the socket should close."""
        try:
            page_message = protocol.read(raw)
        except protocol.PageMessageError as exc:
            self.channel.send_json(protocol.notice(str(exc), "error"))
            return True
        if isinstance(page_message, protocol.Typed):
            self.on_typed(page_message.text)
            return True
        if isinstance(page_message, protocol.Ping):
            return True
        if self.handler is not None:
            return self.handler.on_message(raw)
        return self.before_start(raw)

    def before_start(self, raw: str | bytes) -> bool:
        """Until `start`, only `connected` (ignored) and junk (logged) can arrive."""
        try:
            message = media.parse(raw)
        except media.MalformedMessage as exc:
            log.warning("test call: ignoring malformed message before start: %s", exc)
            return True
        if isinstance(message, media.Start):
            return self.on_start(message)
        return True

    def on_start(self, start: media.Start) -> bool:
        if not self.passes.admit(start.custom_parameters.get("token"), start.call_sid):
            log.warning("test call %s refused: missing, forged, expired or reused pass", start.call_sid)
            self.refuse(POLICY_VIOLATION, "This page's test-call pass is missing, expired or already used: "
                                          "reload the page and try again.")
            return False
        setup = plan_call(self.web.flows, self.now(), start.call_sid, start.custom_parameters)
        for note in setup.notes:
            self.channel.send_json(protocol.notice(note))
        self.handler = CallHandler(self.services(start.stream_sid), self.channel.send, self.channel.close)
        log.info("test call %s started with %s", start.call_sid, setup.parameters)
        return self.handler.on_message(protocol.start_message(start, setup.parameters))

    def now(self) -> datetime:
        """The office clock (pinned in tests), timezone-aware."""
        at = self.web.clock() if self.web.clock else datetime.now(UTC)
        return at if at.tzinfo is not None else at.replace(tzinfo=UTC)

    def services(self, stream_sid: str) -> RuntimeServices:
        """The production services with the ways out of the building replaced by the page."""
        runtime = self.web.runtime
        assert runtime is not None
        # this socket is read on its own thread, not by the media hub: its detectors score at once
        detectors = getattr(runtime.detector_factory, "for_own_thread", runtime.detector_factory)
        return dataclasses.replace(
            runtime, store=PageMirror(self.channel), sink=DryRunSink(self.channel), detector_factory=detectors,
            transfers=DryRunTransfers(self.channel, self.web.flows, runtime.synthesizer.synthesize, stream_sid))

    def on_typed(self, text: str) -> None:
        """A typed line is a final caller utterance; like speech, it cuts off an interruptible reply."""
        handler = self.handler
        if handler is None or handler.turns is None or handler.over:
            why = "This call has ended; start a new one." if handler is not None else "Start a call before typing."
            self.channel.send_json(protocol.notice(why, "error"))
            return
        speaker = handler.speaker
        if speaker is not None and speaker.speaking and speaker.interruptible:
            speaker.clear()
            handler.turns.submit("event", BotFinishedSpeaking(at=utcnow(), mark="typed"))
        handler.turns.submit("event", CallerUtterance(text=text, at=utcnow(), final=True, confidence=1.0))

    def refuse(self, code: int, text: str) -> None:
        """Say why on the page, then close with a WebSocket code (a close reason is at most 123 bytes)."""
        self.channel.send_json(protocol.notice(text, "error"))
        self.channel.close(code, text.encode()[:120].decode(errors="ignore"))
