"""A local stand-in for the OpenAI chat-completions endpoint, for tests using the real `openai` client.

Start it, point `openai.OpenAI(base_url=standin.base_url)` at it, and script what it answers:
a reply text, an HTTP error status, or a delay longer than the client's timeout.
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Scripted:
    """What the next requests get: `content` as the assistant message, or `status` as an error."""

    content: str | Callable[[dict], str] = '{"call_type": "out_of_scope", "confidence": 0.5}'
    status: int = 200
    delay: float = 0.0
    requests: list[dict] = field(default_factory=list)


def _completion(model: str, content: str) -> dict:
    return {
        "id": "chatcmpl-standin", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class ChatStandin:
    """Context manager running the server on a free loopback port in a background thread."""

    def __init__(self) -> None:
        self.script = Scripted()
        script = self.script

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                return

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                script.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
                if script.delay:
                    time.sleep(script.delay)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    return self._send(404, {"error": {"message": f"unknown path {self.path}", "type": "not_found"}})
                if script.status != 200:
                    return self._send(script.status, {"error": {"message": "scripted failure", "type": "server_error"}})
                content = script.content(body) if callable(script.content) else script.content
                self._send(200, _completion(body.get("model", "standin"), content))

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "ChatStandin":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
