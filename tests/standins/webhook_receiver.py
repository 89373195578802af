"""A real local receiver for the signed CRM webhook: verifies signatures, dedupes by Idempotency-Key."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from app.integrations.crm.webhook import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify


class WebhookReceiver:
    """Keeps every verified delivery (`received`) and one entry per idempotency key (`events`)."""

    def __init__(self, secret: str, port: int = 0) -> None:
        self.secret = secret
        self.lock = threading.Lock()
        self.received: list[dict[str, Any]] = []
        self.events: dict[str, dict[str, Any]] = {}
        self.rejected = 0
        self.contacts: dict[str, list[dict[str, Any]]] = {}
        self.faults: list[tuple[int, str | None]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/frontdesk"

    def inject(self, status: int, times: int = 1, retry_after: str | None = None) -> None:
        with self.lock:
            self.faults.extend([(status, retry_after)] * times)

    def __enter__(self) -> "WebhookReceiver":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        rx = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not verify(rx.secret, body, self.headers.get(TIMESTAMP_HEADER), self.headers.get(SIGNATURE_HEADER)):
                    with rx.lock:
                        rx.rejected += 1
                    return self._reply(401, {"error": "bad signature"})
                with rx.lock:
                    fault = rx.faults.pop(0) if rx.faults else None
                if fault:
                    status, retry_after = fault
                    return self._reply(status, {"error": "injected"}, {"Retry-After": retry_after} if retry_after else {})
                event = json.loads(body)
                key = self.headers.get(IDEMPOTENCY_HEADER) or event.get("id")
                with rx.lock:
                    rx.received.append(event)
                    if event.get("event") == "contact.lookup":
                        return self._reply(200, {"contacts": rx.contacts.get(event["data"]["phone"], [])})
                    rx.events.setdefault(key, event)
                self._reply(200, {"id": key})

        return Handler
