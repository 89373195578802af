"""A served app with the test-call page (real engine, speech, Redis and SQLite) and a page-like client."""
from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
import simple_websocket
from flask import Flask
from flask_sock import Sock
from werkzeug.serving import make_server

from app.config import Settings
from app.flows.loader import load_flows
from app.runtime.ports import RuntimeLimits
from app.web import test_call
from app.web.twilio_build import build_twilio_web
from app.web.twilio_routes import register_twilio

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-call-secret"
OPEN = datetime.fromisoformat("2026-06-02T10:30:00-04:00")
TTS_CACHE = os.path.join(tempfile.gettempdir(), "frontdesk-e2e-tts-cache")


def allow(view: Callable[..., Any]) -> Callable[..., Any]:
    """Stands in for the staff app's operator check (tests of the check itself pass a refusing one)."""
    return view


def build_app(redis_url: str, data_dir: str, guard: Callable[..., Any] = allow) -> tuple[Flask, Any]:
    """The app as production wires it: Twilio routes, then the test-call page, on one Sock."""
    from app.audio.tts import build_synthesizer

    settings = Settings(redis_url=redis_url, data_dir=Path(data_dir), secret_key=SECRET,
                        validate_twilio_signatures=False, flows_dir=ROOT / "flows",
                        # the exported model and example vectors are the same for every test server
                        extra={"FRONTDESK_MODEL_CACHE": os.environ.get("FRONTDESK_MODEL_CACHE")
                               or str(ROOT / "var" / "models")})
    flows = load_flows(settings.flows_dir)
    web = build_twilio_web(settings, flows=flows, synthesizer=build_synthesizer(flows, settings, cache_dir=TTS_CACHE),
                           limits=RuntimeLimits(redirect_grace_s=0.5, hangup_wait_s=0.5, stt_timeout_s=30,
                                                tts_timeout_s=30, engine_timeout_s=15))  # a shared, noisy machine
    web.clock = lambda: OPEN
    app = Flask("frontdesk-test-call")
    app.config["SECRET_KEY"] = SECRET
    sock = Sock(app)
    register_twilio(app, web, sock)
    test_call.register(app, sock, web, guard)
    return app, web


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Serve on a free port in a thread (werkzeug, which flask-sock supports); yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def create_app() -> Flask:
    """For gunicorn (the browser tests): configured by REDIS_URL and FRONTDESK_DATA, which `serve_gunicorn` sets."""
    return build_app(os.environ["REDIS_URL"], os.environ["FRONTDESK_DATA"])[0]


@contextmanager
def serve_gunicorn(redis_url: str) -> Iterator[str]:
    """Serve under gunicorn's gthread worker, as the Procfile does (browsers expect its clean socket close)."""
    from tests.e2e.server import serve as serve_e2e

    with serve_e2e(redis_url, threads=16, app="tests.integration.served_test_call:create_app()") as served:
        yield served.base


@dataclass
class PageClient:
    """Does what the page does with sound off: speaks Media Streams, echoes marks at once, keeps every message."""

    base: str
    call_pass: dict[str, str]
    messages: list[dict[str, Any]] = field(default_factory=list)
    audio_bytes: int = 0
    closed: simple_websocket.ConnectionClosed | None = None
    sequence: int = 0

    def __post_init__(self) -> None:
        self.ws = simple_websocket.Client.connect(self.base.replace("http", "ws", 1) + test_call.SOCKET)

    @classmethod
    def place(cls, base: str, **parameters: str) -> PageClient:
        client = cls(base, requests.get(f"{base}/staff/test-call/pass", timeout=10).json())
        client.start(**parameters)
        return client

    def raw(self, message: dict[str, Any] | str) -> None:
        self.ws.send(message if isinstance(message, str) else json.dumps(message))

    def twilio(self, event: str, **body: Any) -> None:
        self.sequence += 1
        self.raw({"event": event, "sequenceNumber": str(self.sequence), "streamSid": self.call_pass["streamSid"], **body})

    def start(self, token: str | None = "pass", call_sid: str | None = None, **parameters: str) -> None:
        params = {**parameters, "mode": "test"}
        if token:
            params["token"] = self.call_pass["token"] if token == "pass" else token
        self.raw({"event": "connected", "protocol": "Call", "version": "1.0.0"})
        self.twilio("start", start={
            "accountSid": self.call_pass["accountSid"], "streamSid": self.call_pass["streamSid"],
            "callSid": call_sid or self.call_pass["callSid"], "tracks": ["inbound"], "customParameters": params,
            "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}})

    def type(self, text: str) -> None:
        self.raw({"event": "text", "text": text})

    def wait_for(self, condition: Callable[[dict[str, Any]], bool], timeout: float = 30.0) -> dict[str, Any]:
        """Read until a message satisfies `condition` (earlier ones are kept); AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.read(deadline - time.monotonic())
            if message is not None and condition(message):
                return message
            if self.closed is not None:
                break
        raise AssertionError(f"no such message; closed={self.closed and self.closed.reason}; got {self.summary()}")

    def read(self, timeout: float) -> dict[str, Any] | None:
        try:
            raw = self.ws.receive(timeout=max(0.01, timeout))
        except simple_websocket.ConnectionClosed as closed:
            self.closed = closed
            return None
        if raw is None:
            return None
        message = json.loads(raw)
        self.messages.append(message)
        if message["event"] == "media":
            self.audio_bytes += len(message["media"]["payload"]) * 3 // 4
        elif message["event"] == "mark":
            self.twilio("mark", mark={"name": message["mark"]["name"]})
        return message

    def wait_closed(self, timeout: float = 15.0) -> simple_websocket.ConnectionClosed:
        deadline = time.monotonic() + timeout
        while self.closed is None and time.monotonic() < deadline:
            self.read(deadline - time.monotonic())
        assert self.closed is not None, f"socket still open; got {self.summary()}"
        return self.closed

    def lines(self, role: str) -> list[str]:
        return [m["text"] for m in self.messages if m["event"] == "transcript" and m["role"] == role]

    def summary(self) -> list[str]:
        return [m["event"] if m["event"] in ("media", "mark") else json.dumps(m)[:160] for m in self.messages[-12:]]

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - already closed by the server
            pass
