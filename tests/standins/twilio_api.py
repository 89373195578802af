"""A local stand-in for the parts of Twilio's REST API Frontdesk uses; it records every request.

Shapes follow Twilio's 2010-04-01 API: form-encoded POST bodies, JSON answers, HTTP basic auth with
the account SID and auth token, errors as {"code", "message", "more_info", "status"}.

  POST /2010-04-01/Accounts/{AC}/Calls.json                           place an outbound call
       (To, From, Url [+ Method], Timeout, StatusCallback, StatusCallbackEvent...) -> Call resource (201)
  POST /2010-04-01/Accounts/{AC}/Calls/{CA}.json                      update a live call
       (Twiml | Url [+ Method] | Status=completed|canceled)            -> Call resource
  POST /2010-04-01/Accounts/{AC}/Conferences/{CF or name}/Participants.json
       (From, To, Label, Beep, StartConferenceOnEnter, EndConferenceOnExit, Timeout, Twiml, ...)
                                                                        -> Participant resource (201)
  POST /2010-04-01/Accounts/{AC}/Messages.json  (To, From | MessagingServiceSid, Body) -> Message (201)
  GET  /2010-04-01/Accounts/{AC}/Calls/{CA}.json                      -> Call resource
"""
from __future__ import annotations

import base64
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

_CALLS = re.compile(r"^/2010-04-01/Accounts/(?P<ac>AC\w+)/Calls\.json$")
_CALL = re.compile(r"^/2010-04-01/Accounts/(?P<ac>AC\w+)/Calls/(?P<ca>CA\w+)\.json$")
_PARTICIPANTS = re.compile(r"^/2010-04-01/Accounts/(?P<ac>AC\w+)/Conferences/(?P<cf>[^/]+)/Participants\.json$")
_MESSAGES = re.compile(r"^/2010-04-01/Accounts/(?P<ac>AC\w+)/Messages\.json$")


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    form: dict[str, str]
    kind: str
    at: float = field(default_factory=time.monotonic)
    """time.monotonic() when the request arrived (benchmarks compare it with the caller's clock)."""


@dataclass
class TwilioApiStandin:
    """Serve on 127.0.0.1 in a thread: `with TwilioApiStandin(sid, token) as api: ... api.url`."""

    account_sid: str
    auth_token: str
    requests: list[RecordedRequest] = field(default_factory=list)
    fail_next: int = 0
    """How many of the next requests answer 500 (to exercise failure handling)."""

    def __post_init__(self) -> None:
        self.created: dict[str, dict[str, str]] = {}
        """Call SID -> the form of each outbound call placed (what a phone network would now ring)."""
        self._lock = threading.Lock()
        self._calls: dict[str, dict[str, Any]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="twilio-standin", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "TwilioApiStandin":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "TwilioApiStandin":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def of_kind(self, kind: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.kind == kind]

    def call_updates(self, call_sid: str | None = None) -> list[RecordedRequest]:
        return [r for r in self.of_kind("call_update") if call_sid is None or r.path.endswith(f"/{call_sid}.json")]

    # -- resources -------------------------------------------------------------------------
    def _now(self) -> str:
        return format_datetime(datetime.now(timezone.utc), usegmt=True).replace("GMT", "+0000")

    def _call(self, account: str, call_sid: str, form: dict[str, str]) -> dict[str, Any]:
        with self._lock:
            call = self._calls.setdefault(call_sid, {
                "sid": call_sid, "account_sid": account, "status": "in-progress", "to": "", "from": "",
                "date_created": self._now(), "api_version": "2010-04-01", "direction": "inbound",
            })
            if form.get("Status") in {"completed", "canceled"}:
                call["status"] = "completed" if form["Status"] == "completed" else "canceled"
            call["date_updated"] = self._now()
            call["uri"] = f"/2010-04-01/Accounts/{account}/Calls/{call_sid}.json"
            return dict(call)

    def _create_call(self, account: str, form: dict[str, str]) -> dict[str, Any]:
        call_sid = "CA" + secrets.token_hex(16)
        call = {"sid": call_sid, "account_sid": account, "status": "queued", "to": form.get("To", ""),
                "from": form.get("From", ""), "date_created": self._now(), "date_updated": self._now(),
                "api_version": "2010-04-01", "direction": "outbound-api",
                "uri": f"/2010-04-01/Accounts/{account}/Calls/{call_sid}.json"}
        with self._lock:
            self._calls[call_sid] = call
            self.created[call_sid] = dict(form)
        return dict(call)

    def _participant(self, account: str, conference: str, form: dict[str, str]) -> dict[str, Any]:
        conference_sid = conference if conference.startswith("CF") else "CF" + secrets.token_hex(16)
        call_sid = "CA" + secrets.token_hex(16)
        return {
            "account_sid": account, "call_sid": call_sid, "conference_sid": conference_sid,
            "label": form.get("Label"), "status": "queued", "muted": False, "hold": False, "coaching": False,
            "end_conference_on_exit": form.get("EndConferenceOnExit") == "true",
            "start_conference_on_enter": form.get("StartConferenceOnEnter", "true") == "true",
            "date_created": self._now(), "date_updated": self._now(),
            "uri": f"/2010-04-01/Accounts/{account}/Conferences/{conference_sid}/Participants/{call_sid}.json",
        }

    def _message(self, account: str, form: dict[str, str]) -> dict[str, Any]:
        sid = "SM" + secrets.token_hex(16)
        return {
            "sid": sid, "account_sid": account, "to": form.get("To"), "from": form.get("From"),
            "messaging_service_sid": form.get("MessagingServiceSid"), "body": form.get("Body", ""),
            "status": "queued", "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01",
            "date_created": self._now(), "date_updated": self._now(), "date_sent": None,
            "uri": f"/2010-04-01/Accounts/{account}/Messages/{sid}.json",
        }

    # -- HTTP ------------------------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _reply(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status: int, code: int, message: str) -> None:
                self._reply(status, {"code": code, "message": message, "status": status,
                                     "more_info": f"https://www.twilio.com/docs/errors/{code}"})

            def _authorized(self, account: str) -> bool:
                expected = base64.b64encode(f"{standin.account_sid}:{standin.auth_token}".encode()).decode()
                return self.headers.get("Authorization") == f"Basic {expected}" and account == standin.account_sid

            def _handle(self, method: str) -> None:
                path = urlsplit(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                form = {k: v[-1] for k, v in parse_qs(raw, keep_blank_values=True).items()}
                for pattern, kind in ((_CALLS, "call_create"), (_CALL, "call"), (_PARTICIPANTS, "participant"),
                                      (_MESSAGES, "message")):
                    match = pattern.match(path)
                    if match:
                        break
                else:
                    return self._error(404, 20404, f"The requested resource {path} was not found")
                if not self._authorized(match["ac"]):
                    return self._error(401, 20003, "Authenticate")
                kind = "call_update" if kind == "call" and method == "POST" else kind if method == "POST" else "call_fetch"
                with standin._lock:
                    standin.requests.append(RecordedRequest(method, path, form, kind))
                    failing = standin.fail_next > 0
                    standin.fail_next = max(0, standin.fail_next - 1)
                if failing:
                    return self._error(500, 20500, "Internal Server Error")
                if kind == "call_create":
                    if not form.get("To") or not form.get("From"):
                        return self._error(400, 21201, "No 'To' number is specified")
                    if not (form.get("Url") or form.get("Twiml") or form.get("ApplicationSid")):
                        return self._error(400, 21205, "Url parameter is required.")
                    return self._reply(201, standin._create_call(match["ac"], form))
                if kind in {"call_update", "call_fetch"}:
                    return self._reply(200, standin._call(match["ac"], match["ca"], form))
                if kind == "participant":
                    if not form.get("From") or not form.get("To"):
                        return self._error(400, 21604, "A 'From' and a 'To' phone number are required.")
                    return self._reply(201, standin._participant(match["ac"], match["cf"], form))
                if not form.get("To") or not (form.get("Body") or form.get("MediaUrl")):
                    return self._error(400, 21602, "Message body is required.")
                return self._reply(201, standin._message(match["ac"], form))

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                self._handle("POST")

            def do_GET(self) -> None:  # noqa: N802
                self._handle("GET")

        return Handler
