"""Carries out the engine's actions on a live call: speak, clear, transfer, hang up, hand off records."""
from __future__ import annotations

import logging
import threading
from typing import Callable, Sequence

from app.engine.actions import Action, ClearAudio, Hangup, RunAction, Say, TakeMessage, Transfer
from app.engine.session import CallSession

from .guard import ComponentFailure, guarded
from .ports import RuntimeServices
from .speaker import Speaker
from .timings import TurnTimer

log = logging.getLogger(__name__)


class ActionExecutor:
    """One per call. Speech goes out on the socket; moving the call goes through REST off-thread."""

    def __init__(self, services: RuntimeServices, speaker: Speaker, on_call_moved: Callable[[], None]) -> None:
        self.services = services
        self.speaker = speaker
        self.on_call_moved = on_call_moved
        self.moved = threading.Event()

    def execute(self, session: CallSession, actions: Sequence[Action], timer: TurnTimer | None = None,
                *, speak: bool = True) -> None:
        """Run actions in order. Speech before a Transfer is spoken by the transfer TwiML instead."""
        if session.mode == "shadow":
            self._shadow(session, actions)
            return
        transfer = next((a for a in actions if isinstance(a, Transfer)), None)
        spoken_in_twiml = " ".join(a.text for a in actions if isinstance(a, Say)) if transfer else None
        for action in actions:
            if isinstance(action, Say):
                if speak and transfer is None:
                    self._say(session, action, timer)
            elif isinstance(action, ClearAudio):
                self.speaker.clear()
                session.bot_speaking = False
            elif isinstance(action, Transfer):
                if timer is not None:
                    timer.mark("transfer_requested")
                self.transfer(session, action, spoken_in_twiml or None)
            elif isinstance(action, Hangup):
                self._hang_up_after_speech(session)
            elif isinstance(action, TakeMessage):
                self._hand_off(self.services.sink.take_message, session, action)
            elif isinstance(action, RunAction):
                self._hand_off(self.services.sink.run_action, session, action)

    @staticmethod
    def _shadow(session: CallSession, actions: Sequence[Action]) -> None:
        """Shadowing, people have the call: nothing is said, cleared, moved or handed off.

        The stream is one-way (Twilio ignores audio sent on it), and the engine has already put
        each action on the record as a would-have action.
        """
        session.bot_speaking = False
        if actions:
            log.debug("call %s (shadow): would have %s", session.call_sid,
                      ", ".join(type(a).__name__ for a in actions))

    def _say(self, session: CallSession, action: Say, timer: TurnTimer | None) -> None:
        limits = self.services.limits
        audio = guarded(self.services.pool, "tts", limits.tts_timeout_s, self.services.synthesizer.synthesize, action.text)
        if not audio:
            raise ComponentFailure("tts", f"no audio for {action.text[:40]!r}")
        self.speaker.play(audio, interruptible=action.interruptible)
        session.bot_speaking = True
        if timer is not None:
            timer.mark("first_audio")

    def transfer(self, session: CallSession, action: Transfer, say: str | None) -> None:
        """Move the call now, on a pool thread (a slow REST answer must not stall the socket)."""
        if self.moved.is_set():
            return
        self.moved.set()
        if self.speaker.speaking:
            self.speaker.clear()

        def run() -> None:
            try:
                self.services.transfers.transfer(session, action, say)
            except Exception:  # noqa: BLE001 - logged with the call SID; nothing else can be done here
                log.exception("call %s: transfer to %s failed", session.call_sid, action.target)
            finally:
                self.on_call_moved()

        self.services.pool.submit(run)

    def _hang_up_after_speech(self, session: CallSession) -> None:
        if self.moved.is_set():
            return
        self.moved.set()
        wait = self.speaker.remaining_seconds() + self.services.limits.hangup_wait_s

        def run() -> None:
            self.speaker.wait_idle(wait)
            try:
                self.services.transfers.hang_up(session.call_sid)
            except Exception:  # noqa: BLE001
                log.exception("call %s: hang-up failed", session.call_sid)
            finally:
                self.on_call_moved()

        self.services.pool.submit(run)

    @staticmethod
    def _hand_off(fn: Callable[[CallSession, object], None], session: CallSession, action: object) -> None:
        try:
            fn(session, action)
        except Exception:  # noqa: BLE001 - the action is on the call record; staff still see it
            log.exception("call %s: could not hand off %s", session.call_sid, type(action).__name__)

