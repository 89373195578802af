"""Many simulated callers from one thread, for the capacity benchmark.

`frontdesk call` (app/integrations/twilio/simulator.py) plays one call with three threads, which is
right for tests and demos; a hundred of them on the machine under test spend as much CPU as the
server. Twilio's media servers multiplex many streams per process; so does this: one thread ticks
every 20 ms, sends each live call's next frame and reads whatever the server sent. Each call still
POSTs the signed voice webhook, follows its <Connect><Stream>, speaks the Media Streams protocol
over a real WebSocket (the `websockets` package's sans-I/O client: masked frames, C unmasking), and
has its marks echoed by the same `_Line` the simulator uses, so reply delays are measured the same way.
"""
from __future__ import annotations

import base64
import json
import secrets
import selectors
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from websockets.client import ClientProtocol
from websockets.frames import Opcode
from websockets.protocol import State
from websockets.uri import parse_uri

from app.integrations.twilio.caller_audio import SILENCE_BYTE, speak
from app.integrations.twilio.signature import SignatureChecker
from app.integrations.twilio.simulator import FRAME_BYTES, FRAME_S, CallResult, _Line

MEDIA = ('{"event":"media","sequenceNumber":"%d","streamSid":"%s","media":{"track":"inbound",'
         '"chunk":"%d","timestamp":"%d","payload":"%s"}}')
SILENT_PAYLOAD = base64.b64encode(SILENCE_BYTE * FRAME_BYTES).decode()


@dataclass(frozen=True)
class Script:
    """What one caller does: before each sentence a pause; after the last, wait for the answer."""

    sentences: tuple[tuple[float, str], ...]  # (pause seconds, text)
    max_wait_s: float = 8.0
    end_wait_s: float = 1.0


def payloads(text: str) -> list[str]:
    """The sentence as base64 frames, encoded once (every caller saying it shares them)."""
    audio = speak(text)
    frames = [audio[i:i + FRAME_BYTES].ljust(FRAME_BYTES, SILENCE_BYTE) for i in range(0, len(audio), FRAME_BYTES)]
    return [base64.b64encode(frame).decode() for frame in frames]


class _Call:
    """One caller's socket, protocol state and script (a generator of payloads, one per tick)."""

    def __init__(self, sock: socket.socket, ws: ClientProtocol, result: CallResult, stream_sid: str,
                 script: Script, sentence_frames: Callable[[str], list[str]]) -> None:
        self.sock, self.ws, self.result, self.stream_sid = sock, ws, result, stream_sid
        self.line = _Line(self.send_text, stream_sid, result)
        self.script, self.sentence_frames = script, sentence_frames
        self.seq, self.chunk, self.started = 2, 0, time.monotonic()
        self.last_sent_at = self.started
        self.closed = False
        self.partial: list[bytes] = []
        self.frames = self._frames()

    def send_text(self, text: str) -> None:
        if not self.closed:
            try:
                self.ws.send_text(text.encode())
                self.sock.sendall(b"".join(self.ws.data_to_send()))
            except Exception:  # noqa: BLE001 - a closed socket or a closing protocol: the call is over
                self.closed = True

    def media(self, payload: str, now: float) -> None:
        self.last_sent_at = time.monotonic()
        self.chunk += 1
        self.seq += 1
        self.send_text(MEDIA % (self.seq, self.stream_sid, self.chunk, int((now - self.started) * 1000), payload))

    def _frames(self) -> Iterator[str | None]:
        """Yields the payload for each tick; None when the call is over."""
        script, line = self.script, self.line
        for pause, text in script.sentences:
            yield from self._wait_for_turn(script.max_wait_s)
            for _ in range(max(1, int(pause / FRAME_S))):
                yield SILENT_PAYLOAD
            frames = self.sentence_frames(text)
            self.result.caller_audio_s += len(frames) * FRAME_S
            yield from frames
            with line.lock:
                line.waiting_reply_since = self.last_sent_at  # the sentence's last frame went out then
        yield from self._wait_for_turn(script.end_wait_s)
        for _ in range(int(0.3 / FRAME_S)):
            yield SILENT_PAYLOAD
        yield None

    def _wait_for_turn(self, max_wait_s: float) -> Iterator[str]:
        """Silence until the bot has answered and finished talking (as the simulator waits)."""
        limit = time.monotonic() + max_wait_s
        while time.monotonic() < limit:
            if self.line.answered() and self.line.bot_idle():
                for _ in range(int(0.4 / FRAME_S)):
                    yield SILENT_PAYLOAD
                if self.line.bot_idle():
                    return
            yield SILENT_PAYLOAD

    def receive(self) -> None:
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.closed, self.result.closed_by_server = True, True
            return
        self.ws.receive_data(data)
        for frame in self.ws.events_received():
            if frame.opcode in (Opcode.TEXT, Opcode.CONT):
                self.partial.append(bytes(frame.data))
                if frame.fin:
                    text, self.partial = b"".join(self.partial).decode(), []
                    self.line.receive(text)
            elif frame.opcode is Opcode.CLOSE:
                self.closed, self.result.closed_by_server = True, True
        replies = b"".join(self.ws.data_to_send())  # pongs, the answer to a close
        if replies:
            try:
                self.sock.sendall(replies)
            except OSError:
                self.closed = True

    def hang_up(self, account_sid: str) -> None:
        if not self.closed:
            self.send_text(json.dumps({"event": "stop", "sequenceNumber": str(self.seq), "streamSid": self.stream_sid,
                                       "stop": {"accountSid": account_sid, "callSid": self.result.call_sid}}))
            try:
                self.ws.send_close(1000)
                self.sock.sendall(b"".join(self.ws.data_to_send()))
            except Exception:  # noqa: BLE001 - already closing
                pass
        self.closed = True
        self.sock.close()


def _dial(base: str, auth_token: str, script: Script, sentence_frames: Callable[[str], list[str]]) -> _Call | None:
    """The voice webhook and the WebSocket handshake, blocking (a worker thread does it)."""
    call_sid, account_sid = "CA" + secrets.token_hex(16), "AC" + "0" * 32
    form = {"CallSid": call_sid, "AccountSid": account_sid, "From": "+12125550123", "To": "+12125550100",
            "CallStatus": "ringing", "Direction": "inbound", "ApiVersion": "2010-04-01"}
    signature = SignatureChecker(auth_token, base).sign("/twilio/voice", form)
    answer = requests.post(f"{base}/twilio/voice", data=form, headers={"X-Twilio-Signature": signature}, timeout=10)
    answer.raise_for_status()
    stream = ET.fromstring(answer.text).find("Connect/Stream")
    if stream is None:
        raise RuntimeError(f"no <Connect><Stream> in {answer.text[:200]}")
    params = {p.get("name", ""): p.get("value", "") for p in stream.findall("Parameter")}
    netloc = urlsplit(base).netloc
    host, _, port = netloc.partition(":")
    sock = socket.create_connection((host, int(port or 80)), timeout=10)
    ws = ClientProtocol(parse_uri(f"ws://{netloc}{urlsplit(stream.get('url', '')).path}"))
    ws.send_request(ws.connect())
    sock.sendall(b"".join(ws.data_to_send()))
    while ws.state is State.CONNECTING:
        data = sock.recv(65536)
        if not data:
            raise ConnectionError("socket closed during the handshake")
        ws.receive_data(data)
    ws.events_received()  # the 101 answer; the server says nothing before `start`
    if ws.handshake_exc is not None:
        raise ConnectionError(f"handshake refused: {ws.handshake_exc}")
    sock.setblocking(False)
    stream_sid = "MZ" + secrets.token_hex(16)
    call = _Call(sock, ws, CallResult(call_sid=call_sid, twiml=answer.text, status_code=200, streamed=True),
                 stream_sid, script, sentence_frames)
    call.send_text(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
    call.send_text(json.dumps({"event": "start", "sequenceNumber": "1", "streamSid": stream_sid, "start": {
        "accountSid": account_sid, "streamSid": stream_sid, "callSid": call_sid, "tracks": ["inbound"],
        "customParameters": params, "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}}}))
    return call


def run_callers(base: str, auth_token: str, scripts: Callable[[int, int], Script], lines: int, until: float,
                arrival_s: float, seed_delays: Sequence[float]) -> tuple[list[CallResult], list[str]]:
    """`lines` phone lines, each calling again when its call ends, until `until` (monotonic).

    scripts(line, n) gives line's n-th call; seed_delays[line] is when its first call arrives.
    """
    cache: dict[str, list[str]] = {}
    cache_lock = threading.Lock()

    def sentence_frames(text: str) -> list[str]:
        with cache_lock:
            if text not in cache:
                cache[text] = payloads(text)
            return cache[text]

    results: list[CallResult] = []
    errors: list[str] = []
    selector = selectors.DefaultSelector()
    live: dict[int, _Call] = {}  # line -> call
    dialing: dict[int, object] = {}
    next_dial = {line: time.monotonic() + seed_delays[line] for line in range(lines)}
    counts = {line: 0 for line in range(lines)}
    began: dict[int, float] = {}
    with ThreadPoolExecutor(max_workers=8) as pool:
        tick = time.monotonic()
        while True:
            now = time.monotonic()
            for line in range(lines):  # start calls that are due, finish handshakes that are done
                if line not in live and line not in dialing and now >= next_dial[line] and now < until - 3:
                    dialing[line] = pool.submit(_dial, base, auth_token, scripts(line, counts[line]), sentence_frames)
                    began[line] = now
                    counts[line] += 1
                future = dialing.get(line)
                if future is not None and future.done():  # type: ignore[attr-defined]
                    del dialing[line]
                    try:
                        call = future.result()  # type: ignore[attr-defined]
                    except Exception as exc:  # noqa: BLE001 - a failed call fails the level
                        errors.append(f"{type(exc).__name__}: {exc}")
                        next_dial[line] = time.monotonic()
                        continue
                    live[line] = call
                    selector.register(call.sock, selectors.EVENT_READ, call)
            if not live and not dialing and now >= until - 3:
                break
            for line, call in list(live.items()):  # one frame per live call per tick
                payload = next(call.frames, None) if not call.closed else None
                if payload is None or now > until + 30:
                    selector.unregister(call.sock)
                    call.hang_up("AC" + "0" * 32)
                    call.result.duration_s = time.monotonic() - began[line]
                    results.append(call.result)
                    del live[line]
                    next_dial[line] = time.monotonic()
                    continue
                call.media(payload, now)
                call.line.echo_due_marks()
            tick += FRAME_S
            behind = time.monotonic() - tick
            if behind > 0.05:
                for call in live.values():
                    call.result.late_frames += 1
                if behind > 1.0:
                    tick = time.monotonic()
            while True:  # read until the next tick
                timeout = tick - time.monotonic()
                for key, _ in selector.select(max(0.0, timeout)):
                    key.data.receive()
                if timeout <= 0:
                    break
    selector.close()
    return results, errors
