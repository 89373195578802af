"""Plays Twilio for one call: signs and POSTs the voice webhook, then follows the TwiML it gets.

<Say> and <Dial> are noted; <Connect><Stream> runs the conversation with the bot; <Start><Stream>
forks the caller's audio one way while the caller talks to the person the <Dial> reached (nothing
the server sends on a fork is played; it is counted, since Twilio would ignore it).
The caller's audio goes out as 20 ms mu-law frames on the wall clock; the bot's audio is "played"
on a virtual line, and each mark is echoed when the audio before it would have finished, as
Twilio does (a `clear` drops the audio and echoes the pending marks at once).
"""
from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import orjson
import requests
import simple_websocket

from . import media
from .caller_audio import SILENCE_BYTE, Step, step_audio
from .signature import SignatureChecker

FRAME_BYTES, FRAME_S = 160, 0.02
PERSON_TURN_S = 1.5
"""On a forked call, how long the person who answered talks between the caller's steps."""


@dataclass
class CallResult:
    call_sid: str
    twiml: str
    streamed: bool = False
    """A <Connect><Stream> conversation with the bot took place."""
    forked: bool = False
    """A one-way <Start><Stream> fork listened while people had the call."""
    dialed: list[list[str]] = field(default_factory=list)
    """The numbers (or sip:/client: addresses) of each <Dial>, in order."""
    said: list[str] = field(default_factory=list)
    status_code: int = 0
    events: list[tuple[float, str, str]] = field(default_factory=list)
    bot_audio_s: float = 0.0
    clears: int = 0
    closed_by_server: bool = False
    caller_audio_s: float = 0.0
    late_frames: int = 0
    """Frames this simulator sent more than 50 ms behind its schedule (the client, not the server, lagged)."""
    duration_s: float = 0.0
    wall_offset: float = field(default_factory=lambda: time.time() - time.monotonic())
    """Add to an event's monotonic time to get wall-clock time (to line up with the server's record)."""
    reply_delays_s: list[float] = field(default_factory=list)
    """Per caller utterance: its last audio frame sent -> the first bot audio received after it."""

    def log(self, kind: str, detail: str = "") -> None:
        self.events.append((time.monotonic(), kind, detail))

    def kinds(self) -> list[str]:
        return [kind for _, kind, _ in self.events]


class _Line:
    """The bot's side of the line: audio queued for playback, marks echoed when it has played."""

    def __init__(self, send: Callable[[str], None], stream_sid: str, result: CallResult, speed: float = 1.0) -> None:
        self.send, self.stream_sid, self.result = send, stream_sid, result
        self.speed = speed
        self.lock = threading.Lock()
        self.play_until = 0.0
        self.marks: list[tuple[float, str]] = []
        self.waiting_reply_since: float | None = None

    def receive(self, raw: str) -> None:
        data = orjson.loads(raw)  # the capacity benchmark's callers read every bot frame through here
        event, now = data.get("event"), time.monotonic()
        with self.lock:
            if event == "media":
                audio = base64.b64decode(data["media"]["payload"])
                if self.waiting_reply_since is not None:
                    self.result.reply_delays_s.append(now - self.waiting_reply_since)
                    self.waiting_reply_since = None
                self.play_until = max(now, self.play_until) + len(audio) / 8000.0 / self.speed
                self.result.bot_audio_s += len(audio) / 8000.0
            elif event == "mark":
                self.marks.append((max(now, self.play_until), data["mark"]["name"]))
                self.result.log("bot_mark_sent", data["mark"]["name"])
            elif event == "clear":
                self.result.clears += 1
                self.result.log("clear")
                self.play_until = now
                self.marks = [(now, name) for _, name in self.marks]

    def echo_due_marks(self) -> None:
        now = time.monotonic()
        with self.lock:
            due = [name for at, name in self.marks if at <= now]
            self.marks = [(at, name) for at, name in self.marks if at > now]
        for name in due:
            self.send(media.mark_message(self.stream_sid, name))

    def bot_idle(self) -> bool:
        with self.lock:
            return not self.marks and time.monotonic() >= self.play_until

    def answered(self) -> bool:
        """The bot has said something since the caller last spoke."""
        with self.lock:
            return self.waiting_reply_since is None and self.result.bot_audio_s > 0


def place_call(to: str, steps: Sequence[Step], *, auth_token: str | None = None, public_url: str | None = None,
               caller: str = "+12125550123", called: str = "+12125550100", account_sid: str | None = None,
               call_sid: str | None = None, end_wait_s: float = 4.0, max_wait_s: float = 20.0,
               send_stop: bool = True, voice: str = "slt", timeout_s: float = 120.0, speed: float = 1.0) -> CallResult:
    """One simulated call against a running Frontdesk at `to`; returns what happened on the line.

    speed > 1 plays both sides faster than real time (tests only: the endpointer counts frames, so
    the conversation is the same, but latency figures are only meaningful at 1.0).
    """
    base = to.rstrip("/")
    call_sid = call_sid or "CA" + secrets.token_hex(16)
    account_sid = account_sid or "AC" + "0" * 32
    form = {"CallSid": call_sid, "AccountSid": account_sid, "From": caller, "To": called,
            "CallStatus": "ringing", "Direction": "inbound", "ApiVersion": "2010-04-01"}
    headers = {}
    if auth_token:
        headers["X-Twilio-Signature"] = SignatureChecker(auth_token, public_url or base).sign("/twilio/voice", form)
    answer = requests.post(f"{base}/twilio/voice", data=form, headers=headers, timeout=10)
    result = CallResult(call_sid=call_sid, twiml=answer.text, status_code=answer.status_code)
    if answer.status_code != 200:
        result.log("rejected", str(answer.status_code))
        return result
    began = time.monotonic()

    def run(stream: ET.Element, forked: bool) -> None:
        params = {p.get("name", ""): p.get("value", "") for p in stream.findall("Parameter")}
        socket_url = ("wss" if base.startswith("https") else "ws") + "://" + urlsplit(base).netloc \
            + urlsplit(stream.get("url", "")).path
        _stream(socket_url, call_sid, account_sid, params, steps, result, end_wait_s=end_wait_s,
                max_wait_s=max_wait_s, send_stop=send_stop, voice=voice, deadline=time.monotonic() + timeout_s,
                speed=max(0.1, speed), forked=forked)

    _follow(ET.fromstring(answer.text), result, run)
    if not (result.streamed or result.forked):
        result.log("routed", answer.text)
    result.duration_s = time.monotonic() - began
    return result


def _follow(document: ET.Element, result: CallResult, run: Callable[[ET.Element, bool], None]) -> None:
    """Execute the TwiML verbs in order, as Twilio would for this caller."""
    fork: ET.Element | None = None
    for verb in document:
        if verb.tag == "Say":
            result.said.append(verb.text or "")
            result.log("say", verb.text or "")
        elif verb.tag == "Start" and verb.find("Stream") is not None:
            fork = verb.find("Stream")  # non-blocking in Twilio: it listens to what follows
        elif verb.tag == "Connect" and verb.find("Stream") is not None:
            result.streamed = True
            run(verb.find("Stream"), False)  # type: ignore[arg-type]
            return  # the caller hung up, or the call was moved by REST (recorded by the API stand-in)
        elif verb.tag == "Dial":
            numbers = [(n.text or "").strip() for n in verb if (n.text or "").strip()]
            result.dialed.append(numbers)
            result.log("dial", ",".join(numbers))
            if fork is not None:  # the person answered; the caller talks to them over the fork
                result.forked = True
                run(fork, True)
                return
        elif verb.tag == "Hangup":
            result.log("hangup")
            return


def _stream(url: str, call_sid: str, account_sid: str, params: dict[str, str], steps: Sequence[Step],
            result: CallResult, *, end_wait_s: float, max_wait_s: float, send_stop: bool, voice: str,
            deadline: float, speed: float, forked: bool = False) -> None:
    ws = simple_websocket.Client.connect(url)
    stream_sid = "MZ" + secrets.token_hex(16)
    line = _Line(ws.send, stream_sid, result, speed)
    closed = threading.Event()

    def receiver() -> None:
        try:
            while True:
                raw = ws.receive()
                if raw is None:
                    continue
                line.receive(raw)
        except simple_websocket.ConnectionClosed:
            result.closed_by_server = True
            result.log("closed_by_server")
        finally:
            closed.set()

    threading.Thread(target=receiver, daemon=True).start()
    ws.send(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
    ws.send(json.dumps({"event": "start", "sequenceNumber": "1", "streamSid": stream_sid, "start": {
        "accountSid": account_sid, "streamSid": stream_sid, "callSid": call_sid, "tracks": ["inbound"],
        "customParameters": params, "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}}}))
    clock = _FrameClock(ws, stream_sid, line, closed, speed)
    try:
        for step in steps:
            if closed.is_set() or time.monotonic() > deadline:
                break
            if forked:
                clock.silence(PERSON_TURN_S)  # the person speaks; nothing comes back on a fork
            else:
                clock.wait_for_turn(step, max_wait_s)
            if step.kind == "dtmf" and forked:
                result.log("caller_dtmf_unstreamed", step.value)  # Twilio sends no dtmf on one-way streams
            elif step.kind == "dtmf":
                for digit in step.value:
                    ws.send(json.dumps({"event": "dtmf", "streamSid": stream_sid, "sequenceNumber": str(clock.seq),
                                        "dtmf": {"track": "inbound_track", "digit": digit}}))
                    result.log("caller_dtmf", digit)
                    clock.silence(0.2)
            elif step.kind == "pause":
                clock.silence(float(step.value))
            else:
                result.log("caller_says", step.value)
                clock.play(step_audio(step, voice))
                with line.lock:
                    line.waiting_reply_since = time.monotonic()
                result.log("caller_done", step.value)
        if not forked:
            clock.wait_for_turn(Step("pause", "0"), end_wait_s)
        clock.silence(end_wait_s if forked else 0.3)
        if send_stop and not closed.is_set():
            ws.send(json.dumps({"event": "stop", "sequenceNumber": str(clock.seq), "streamSid": stream_sid,
                                "stop": {"accountSid": account_sid, "callSid": call_sid}}))
            result.log("caller_stop")
    except (simple_websocket.ConnectionClosed, OSError):  # a send raced the server's close
        result.closed_by_server = True
    finally:
        try:
            ws.close()
        except (simple_websocket.ConnectionClosed, OSError):  # the server closed first (its reader may have shut the socket)
            pass


class _FrameClock:
    """Sends 20 ms frames on the wall clock (silence between utterances), echoing marks as it goes."""

    def __init__(self, ws: simple_websocket.Client, stream_sid: str, line: _Line, closed: threading.Event,
                 speed: float = 1.0) -> None:
        self.ws, self.stream_sid, self.line, self.closed = ws, stream_sid, line, closed
        self.step_s = FRAME_S / speed
        self.seq, self.chunk, self.next_at = 2, 0, time.monotonic()
        self.started = time.monotonic()

    def frame(self, audio: bytes) -> None:
        self.chunk += 1
        self.seq += 1
        self.ws.send(json.dumps({"event": "media", "sequenceNumber": str(self.seq), "streamSid": self.stream_sid,
                                 "media": {"track": "inbound", "chunk": str(self.chunk),
                                           "timestamp": str(int((self.next_at - self.started) * 1000)),
                                           "payload": base64.b64encode(audio).decode()}}))
        self.line.echo_due_marks()
        self.next_at += self.step_s
        delay = self.next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            if delay < -0.05:
                self.line.result.late_frames += 1
            if delay < -1.0:  # we fell far behind (an overloaded machine): do not burst to catch up
                self.next_at = time.monotonic()

    def play(self, mulaw: bytes) -> None:
        self.line.result.caller_audio_s += len(mulaw) / 8000.0
        for start in range(0, len(mulaw), FRAME_BYTES):
            if self.closed.is_set():
                return
            self.frame(mulaw[start:start + FRAME_BYTES].ljust(FRAME_BYTES, SILENCE_BYTE))

    def silence(self, seconds: float) -> None:
        for _ in range(max(1, int(seconds / FRAME_S))):  # seconds of audio, however fast it is sent
            if self.closed.is_set():
                return
            self.frame(SILENCE_BYTE * FRAME_BYTES)

    def wait_for_turn(self, step: Step, max_wait_s: float) -> None:
        """Silence until the bot has answered and finished talking (barge-in: until it has talked a while)."""
        limit = time.monotonic() + max_wait_s
        heard_bot = False
        while time.monotonic() < limit and not self.closed.is_set():
            if step.barge_in:
                if not self.line.bot_idle():
                    heard_bot = True
                if heard_bot:
                    self.silence(step.barge_in_after_s)
                    return
            elif self.line.answered() and self.line.bot_idle():
                self.silence(0.4)
                if self.line.bot_idle():
                    return
            self.frame(SILENCE_BYTE * FRAME_BYTES)
