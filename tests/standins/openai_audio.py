"""A local stand-in for OpenAI's audio endpoints, spoken to by the real `openai` client via base_url.

POST /v1/audio/transcriptions: multipart/form-data (file, model, prompt, language,
response_format, include[]), answers {"text": ...} (plus "logprobs" when asked for, or
verbose_json segments for whisper-1). POST /v1/audio/speech: JSON (model, voice, input,
response_format pcm|wav, instructions, speed), answers 24 kHz 16-bit mono audio (a tone whose
length follows the text). Faults: `inject(status, times)`; a wrong key gets 401 like the real API.
"""
from __future__ import annotations

import io
import json
import math
import struct
import threading
import wave
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


def parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Form fields -> str (or list for repeated names); files -> bytes."""
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        value: Any = payload if part.get_filename() else payload.decode("utf-8")
        if name in fields:
            fields[name] = (fields[name] if isinstance(fields[name], list) else [fields[name]]) + [value]
        else:
            fields[name] = value
    return fields


def tone_pcm(seconds: float, rate: int = 24_000, freq: float = 220.0) -> bytes:
    samples = int(seconds * rate)
    return b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * freq * i / rate))) for i in range(samples))


class OpenAIAudioStandIn:
    """State plus an HTTP server on 127.0.0.1; use as a context manager."""

    def __init__(self, api_key: str = "sk-test", port: int = 0) -> None:
        self.api_key = api_key
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.faults: list[dict[str, Any]] = []
        self.transcribe: Callable[[bytes, dict[str, Any]], str] = lambda audio, fields: "I'd like to book a cleaning"
        self.logprob = -0.1
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def inject(self, status: int, times: int = 1) -> None:
        with self.lock:
            self.faults.append({"status": status, "times": times})

    def __enter__(self) -> "OpenAIAudioStandIn":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _take_fault(self) -> int | None:
        with self.lock:
            for fault in self.faults:
                if fault["times"] > 0:
                    fault["times"] -= 1
                    return int(fault["status"])
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _error(self, status: int, message: str, kind: str) -> None:
                body = {"error": {"message": message, "type": kind, "param": None, "code": None}}
                self._send(status, json.dumps(body).encode())

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if self.headers.get("Authorization") != f"Bearer {standin.api_key}":
                    return self._error(401, "Incorrect API key provided.", "invalid_request_error")
                fault = standin._take_fault()
                if fault:
                    return self._error(fault, "Injected failure.", "server_error")
                if self.path.rstrip("/") == "/v1/audio/transcriptions":
                    return self._transcriptions(body)
                if self.path.rstrip("/") == "/v1/audio/speech":
                    return self._speech(body)
                return self._error(404, f"Unknown path {self.path}", "invalid_request_error")

            def _transcriptions(self, body: bytes) -> None:
                fields = parse_multipart(self.headers.get("Content-Type", ""), body)
                audio = fields.get("file")
                if not isinstance(audio, bytes) or "model" not in fields:
                    return self._error(400, "file and model are required", "invalid_request_error")
                with standin.lock:
                    standin.requests.append({"path": "transcriptions", **fields})
                text = standin.transcribe(audio, fields)
                include = fields.get("include[]") or fields.get("include") or []
                include = include if isinstance(include, list) else [include]
                result: dict[str, Any] = {"text": text}
                if fields.get("response_format") == "verbose_json":
                    result.update(language="english", duration=1.0, segments=[
                        {"id": 0, "text": text, "avg_logprob": standin.logprob, "no_speech_prob": 0.01}])
                elif "logprobs" in include:
                    result["logprobs"] = [{"token": w, "logprob": standin.logprob, "bytes": []} for w in text.split()]
                if fields.get("response_format") == "text":
                    return self._send(200, text.encode(), "text/plain")
                self._send(200, json.dumps(result).encode())

            def _speech(self, body: bytes) -> None:
                try:
                    fields = json.loads(body or b"{}")
                except ValueError:
                    return self._error(400, "body is not JSON", "invalid_request_error")
                if not fields.get("input") or not fields.get("voice") or not fields.get("model"):
                    return self._error(400, "model, voice and input are required", "invalid_request_error")
                with standin.lock:
                    standin.requests.append({"path": "speech", **fields})
                pcm = tone_pcm(min(10.0, 0.06 * len(fields["input"])) / float(fields.get("speed") or 1.0))
                if fields.get("response_format", "mp3") == "pcm":
                    return self._send(200, pcm, "audio/pcm")
                if fields.get("response_format") == "wav":
                    buffer = io.BytesIO()
                    with wave.open(buffer, "wb") as writer:
                        writer.setnchannels(1)
                        writer.setsampwidth(2)
                        writer.setframerate(24_000)
                        writer.writeframes(pcm)
                    return self._send(200, buffer.getvalue(), "audio/wav")
                return self._error(400, "this stand-in speaks pcm and wav only", "invalid_request_error")

        return Handler
