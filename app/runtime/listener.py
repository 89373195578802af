"""The caller's side of the line: frames -> endpointer -> utterances, partial checks and silence.

Runs on the socket's thread and only does cheap work per frame; anything slow (speech-to-text)
is handed to the call's turn worker through the callbacks.
"""
from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from app.audio.codec import FRAME_MS, MULAW_FRAME_BYTES, FrameAssembler, mulaw_to_pcm16
from app.audio.endpointer import Endpointer, SpeechEnded, SpeechStarted

from .ports import RuntimeLimits

log = logging.getLogger(__name__)
SEED_FRAMES = 15
"""Frames before the confirmed start of speech kept for the speculative transcript (pre-roll + start)."""


@dataclass
class ListenerCallbacks:
    speech_started: Callable[[], None]
    utterance: Callable[[SpeechEnded], None]
    partial_audio: Callable[[bytes, int], None]
    """Audio of the utterance so far and its number (for a batch transcriber's partial check)."""
    partial_text: Callable[[str, int], None]
    """Text a streaming recognizer heard so far in the current utterance."""
    silence: Callable[[], None]
    speculate: Callable[..., None] = lambda pcm, utterance, pause, late=False: None
    """The caller paused: transcribe the speech so far now, in case the pause becomes the endpoint."""


class Listener:
    """Feeds mu-law chunks through the endpointer; bounded memory whatever the caller sends."""

    def __init__(self, endpointer: Endpointer, limits: RuntimeLimits, callbacks: ListenerCallbacks,
                 streaming: Any = None, batch_partials: bool = False) -> None:
        self.endpointer = endpointer
        self.limits = limits
        self.callbacks = callbacks
        self.streaming = streaming  # an object with accept(frame) -> str | None and reset()
        self.batch_partials = batch_partials
        self.assembler = FrameAssembler(MULAW_FRAME_BYTES)
        self.frames: deque[bytes] = deque(maxlen=max(1, limits.partial_max_ms // FRAME_MS))
        self.recent: deque[bytes] = deque(maxlen=SEED_FRAMES)
        self.spoken: list[bytes] = []  # this utterance so far (bounded by the endpointer's maximum length)
        self.pause = 0  # counts the caller's pauses; the endpoint belongs to the last one
        self.pause_ms = 0
        self.utterance = 0
        self.since_partial_ms = 0
        self.quiet_ms = 0
        self.silence_fired = False
        self.bot_busy: Callable[[], bool] = lambda: False

    @property
    def speaking(self) -> bool:
        return self.endpointer.state.value in ("speaking", "stopping")

    def push(self, mulaw: bytes) -> None:
        for frame in self.assembler.push(mulaw):
            pcm = mulaw_to_pcm16(frame)
            for event in self.endpointer.push(pcm):
                if isinstance(event, SpeechStarted):
                    self.utterance += 1
                    self.spoken = list(self.recent)
                    self.since_partial_ms = 0
                    self.frames.clear()
                    self.callbacks.speech_started()
                elif isinstance(event, SpeechEnded):
                    self.frames.clear()
                    self.spoken = []
                    self._reset_streaming()
                    self.callbacks.utterance(event)
            self.recent.append(pcm)
            self._after_frame(pcm)

    def _after_frame(self, pcm: bytes) -> None:
        if self.speaking:
            self.quiet_ms, self.silence_fired = 0, False
            self._track_pause(pcm)
            self._stream(pcm)
            if self.batch_partials and len(self.frames) < (self.frames.maxlen or 0):
                self.frames.append(pcm)
                self.since_partial_ms += FRAME_MS
                if self.since_partial_ms >= self.limits.partial_every_ms:
                    self.since_partial_ms = 0
                    self.callbacks.partial_audio(b"".join(self.frames), self.utterance)
            return
        if self.bot_busy():
            self.quiet_ms = 0
            return
        self.quiet_ms += FRAME_MS
        if self.quiet_ms >= self.limits.silence_timeout_s * 1000 and not self.silence_fired:
            self.silence_fired, self.quiet_ms = True, 0
            self.callbacks.silence()

    def _track_pause(self, pcm: bytes) -> None:
        self.spoken.append(pcm)
        if self.endpointer.state.value != "stopping":
            self.pause_ms = 0
            return
        if self.pause_ms == 0:
            self.pause += 1
        self.pause_ms += FRAME_MS
        early, late = self.limits.speculate_after_ms, self.limits.speculate_when_busy_after_ms
        if early > 0 and self.pause_ms == early:
            self.callbacks.speculate(b"".join(self.spoken), self.utterance, self.pause)
        elif early > 0 and late > early and self.pause_ms == late:
            self.callbacks.speculate(b"".join(self.spoken), self.utterance, self.pause, True)

    def _stream(self, pcm: bytes) -> None:
        if self.streaming is None:
            return
        try:
            text = self.streaming.accept(pcm)
        except Exception:  # noqa: BLE001 - the spotter is a helper; the final transcript still runs
            log.exception("streaming recognizer failed; turning it off for this call")
            self.streaming = None
            return
        if text:
            self.callbacks.partial_text(text, self.utterance)

    def _reset_streaming(self) -> None:
        if self.streaming is not None:
            try:
                self.streaming.reset()
            except Exception:  # noqa: BLE001
                self.streaming = None
