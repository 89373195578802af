"""The outside world of a test call: nobody is dialled, nothing is stored; the page is told instead.

A test call runs the production engine, speech and voice, but its RuntimeServices are a copy
with these three replaced (store, transfers, sink), so the only way out is the page's socket.
"""
from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from simple_websocket import ConnectionClosed

from app.engine.actions import RunAction, TakeMessage, Transfer
from app.engine.session import CallSession
from app.integrations.twilio import media
from app.runtime.transfer import member_numbers

from . import protocol

log = logging.getLogger(__name__)


class PageChannel:
    """The test call's socket, shared by the bot's audio and the page's extra messages.

    Once the page has gone, sending is a no-op: a closed browser tab is not a failure of the call.
    """

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.open = True
        self._lock = threading.Lock()

    def send(self, text: str) -> None:
        with self._lock:
            if not self.open:
                return
            try:
                self.ws.send(text)
            except (ConnectionClosed, OSError):
                self.open = False

    def send_json(self, message: dict[str, Any]) -> None:
        self.send(json.dumps(message))

    def close(self, reason: int | None = None, message: str | None = None) -> None:
        with self._lock:
            self.open = False
        try:
            self.ws.close(reason=reason, message=message)
        except Exception:  # noqa: BLE001 - already closed
            pass


class PageMirror:
    """The test call's CallStore: every turn and state change goes to the page, nothing to Redis or SQL."""

    def __init__(self, channel: PageChannel) -> None:
        self.channel = channel
        self.shown_turns = 0
        self.last_state: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def save(self, session: CallSession) -> None:
        with self._lock:
            for turn in session.turns[self.shown_turns:]:
                self.channel.send_json(protocol.transcript(turn))
            self.shown_turns = len(session.turns)
            state = protocol.call_state(session)
            if state != self.last_state:
                self.channel.send_json(state)
                self.last_state = state

    def finish(self, session: CallSession) -> None:
        self.save(session)
        self.channel.send_json(protocol.ended(session))


class DryRunTransfers:
    """Says what a transfer would do (who would ring) and plays the connecting line; dials nobody."""

    def __init__(self, channel: PageChannel, flows: Any, synthesize: Callable[[str], bytes], stream_sid: str) -> None:
        self.channel, self.flows, self.synthesize, self.stream_sid = channel, flows, synthesize, stream_sid

    def transfer(self, session: CallSession, action: Transfer, say: str | None = None) -> None:
        config = self.flows.staff.targets.get(action.target)
        strategy = config.strategy if config is not None else "simultaneous"
        numbers = member_numbers(self.flows, action.target)
        self.channel.send_json(protocol.would_transfer(action, numbers, strategy, say))
        if say:
            self.channel.send(media.media_message(self.stream_sid, self.synthesize(say)))

    def hang_up(self, call_sid: str) -> None:
        self.channel.send_json(protocol.would_hang_up())


class DryRunSink:
    """Messages taken and configured actions are shown, never handed to the CRM or the outbox."""

    def __init__(self, channel: PageChannel) -> None:
        self.channel = channel

    def take_message(self, session: CallSession, action: TakeMessage) -> None:
        self.channel.send_json(protocol.would_take_message(action))

    def run_action(self, session: CallSession, action: RunAction) -> None:
        self.channel.send_json(protocol.would_run_action(action))
