"""A server WebSocket read in the request's own thread (or the media hub's), for /twilio/media.

flask-sock's connection reads the socket in a second thread and hands every message over through an
event, so each 20 ms frame costs two thread wake-ups and two hand-overs of the interpreter lock on
top of the work. Here whoever owns the socket reads it. The protocol is the `websockets` package's
sans-I/O layer (frame parsing with its C unmasking): at 50 frames a second per call, parsing took
25 us a frame with wsproto and 8.5 us with it. Used for /twilio/media only.
"""
from __future__ import annotations

import logging
import select
import selectors
import socket
import threading
from collections import deque
from typing import Any

from flask import Response
from websockets.exceptions import InvalidState
from websockets.frames import CloseCode, Opcode
from websockets.protocol import Protocol, Side, State
from websockets.utils import accept_key

log = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 64 * 1024
"""Twilio's messages are ~250 bytes; a message this large is closed on rather than buffered."""


class ConnectionClosed(Exception):
    """The peer closed the socket (with or without a close frame)."""


class HandshakeRefused(Exception):
    """The request is not a WebSocket upgrade this server accepts; `status` is the HTTP answer."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status


def raw_socket(environ: dict[str, Any]) -> tuple[socket.socket, str]:
    """The client socket the WSGI server hands over for upgrades, and which server it is."""
    if "gunicorn.socket" in environ:
        return environ["gunicorn.socket"], "gunicorn"
    if "werkzeug.socket" in environ:
        return environ["werkzeug.socket"], "werkzeug"
    raise HandshakeRefused(500, "this WSGI server does not expose the client socket for WebSockets")


def accept_response(environ: dict[str, Any]) -> bytes:
    """The 101 answer to a version-13 upgrade request (RFC 6455 section 4.2.2); no extensions."""
    if "websocket" not in environ.get("HTTP_UPGRADE", "").lower():
        raise HandshakeRefused(400, "not a WebSocket upgrade")
    if environ.get("HTTP_SEC_WEBSOCKET_VERSION", "").strip() != "13":
        raise HandshakeRefused(426, "only WebSocket version 13 is spoken")
    key = environ.get("HTTP_SEC_WEBSOCKET_KEY", "").strip()
    if not key:
        raise HandshakeRefused(400, "Sec-WebSocket-Key is missing")
    return (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: " + accept_key(key).encode("ascii") + b"\r\n\r\n")


class InlineWebSocket:
    """receive() reads the socket in the calling thread; send() and close() may come from any thread.

    The protocol object is shared by the reader and the senders, so every use of it holds
    `_state_lock` (never held during socket I/O); `_write_lock` keeps whole frames in order on the wire.
    """

    def __init__(self, environ: dict[str, Any], receive_bytes: int = 65536) -> None:
        self.sock, self.mode = raw_socket(environ)
        self.receive_bytes = receive_bytes
        self._state_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._protocol = Protocol(Side.SERVER, state=State.OPEN, max_size=MAX_MESSAGE_BYTES)
        self._messages: deque[str | bytes] = deque()
        self._partial: list[bytes] = []
        self._partial_text = False
        self._selector = selectors.DefaultSelector()
        self._room = select.poll()  # is there room in the socket's send buffer (try_send)
        self._room.register(self.sock, select.POLLOUT)
        self.connected = False
        self.sock.sendall(accept_response(environ))
        self._selector.register(self.sock, selectors.EVENT_READ)
        self.connected = True

    def receive(self, timeout: float | None = None) -> str | bytes | None:
        """The next message; None when nothing arrived within `timeout` seconds."""
        while not self._messages:
            if not self.connected:
                raise ConnectionClosed()
            if timeout is not None and not self._selector.select(timeout):
                return None
            self._read_once()
        return self._messages.popleft()

    def read_ready(self) -> list[str | bytes]:
        """For a reader that polls many sockets: one read of a socket known to be readable, and every
        message it completed (possibly none). ConnectionClosed once the peer is gone."""
        if not self.connected:
            raise ConnectionClosed()
        self._read_once()
        return self.take_buffered()

    def take_buffered(self) -> list[str | bytes]:
        """Messages already read from the socket but not yet handed out."""
        messages = list(self._messages)
        self._messages.clear()
        return messages

    def _read_once(self) -> None:
        try:
            data = self.sock.recv(self.receive_bytes)
        except OSError:
            data = b""
        if not data:
            self._closed()
            raise ConnectionClosed()
        with self._state_lock:
            self._protocol.receive_data(data)
            frames = self._protocol.events_received()
            replies = self._protocol.data_to_send()  # pongs, the answer to a close, a close on error
            failed = self._protocol.parser_exc
            state = self._protocol.state
        if failed is not None:
            log.warning("closing a WebSocket after a protocol error: %s", failed)
        self._collect(frames)
        self._write(replies)
        if state is not State.OPEN:
            self._closed()

    def _collect(self, frames: list[Any]) -> None:
        """Whole messages from data frames (Twilio sends one frame per message; fragments are joined)."""
        for frame in frames:
            if frame.opcode in (Opcode.TEXT, Opcode.BINARY):
                self._partial, self._partial_text = [bytes(frame.data)], frame.opcode is Opcode.TEXT
            elif frame.opcode is Opcode.CONT:
                self._partial.append(bytes(frame.data))
            else:
                continue  # control frames: the protocol has answered them
            if frame.fin:
                payload, self._partial = b"".join(self._partial), []
                if not self._partial_text:
                    self._messages.append(payload)
                    continue
                try:
                    self._messages.append(payload.decode("utf-8"))
                except UnicodeDecodeError:
                    log.warning("closing a WebSocket after a text message that is not UTF-8")
                    self.close(CloseCode.INVALID_DATA, "invalid UTF-8")
                    return

    def send(self, data: str | bytes) -> None:
        if not self.connected:
            raise ConnectionClosed()
        with self._write_lock:
            with self._state_lock:
                try:
                    if isinstance(data, bytes):
                        self._protocol.send_binary(data)
                    else:
                        self._protocol.send_text(str(data).encode("utf-8"))
                except InvalidState:
                    raise ConnectionClosed() from None
                writes = self._protocol.data_to_send()
            self.sock.sendall(b"".join(writes))

    def try_send(self, data: str | bytes) -> bool:
        """Send only what needs no waiting: False, with nothing sent, while another thread is writing
        or the socket's buffer is full. The media hub reads every call's socket on one thread, so a
        peer that stops reading must not stall it."""
        if not self.connected:
            raise ConnectionClosed()
        if not self._write_lock.acquire(blocking=False):
            return False
        try:
            if not self._room.poll(0):
                return False
            with self._state_lock:
                try:
                    self._protocol.send_text(data.encode("utf-8")) if isinstance(data, str) \
                        else self._protocol.send_binary(data)
                except InvalidState:
                    raise ConnectionClosed() from None
                writes = self._protocol.data_to_send()
            self.sock.sendall(b"".join(writes))  # writable means a good part of the buffer is free
            return True
        finally:
            self._write_lock.release()

    def close(self, reason: int = CloseCode.NORMAL_CLOSURE, message: str | None = None) -> None:
        """Send a close frame (once); the socket itself is the WSGI server's to close."""
        with self._write_lock:
            with self._state_lock:
                writes: list[bytes] = []
                if self._protocol.state is State.OPEN:
                    self._protocol.send_close(int(reason), message or "")
                    writes = self._protocol.data_to_send()
            try:
                self.sock.sendall(b"".join(writes))
            except OSError:
                pass
        self._closed()

    def _write(self, writes: list[bytes]) -> None:
        data = b"".join(writes)  # an empty write is the protocol's "end of stream": the server closes
        if not data:
            return
        with self._write_lock:
            try:
                self.sock.sendall(data)
            except OSError:
                self._closed()

    def _closed(self) -> None:
        """No more messages: a receive() blocked in another thread ends at the next byte that arrives
        (Twilio sends a frame every 20 ms, and answers a close frame with its own)."""
        self.connected = False

    def release(self) -> None:
        """The reading thread is done with the socket (the WSGI server closes it)."""
        self._closed()
        self._selector.close()


class _Finished(Response):
    """Under gunicorn nothing more may be written on an upgraded socket: raising StopIteration makes
    gunicorn close the connection without a response (as flask-sock does); other servers get one."""

    socket_mode = "unknown"

    def __call__(self, environ: Any, start_response: Any) -> Any:
        if self.socket_mode == "gunicorn":
            raise StopIteration()
        return super().__call__(environ, start_response)


def finished_response(ws: InlineWebSocket | None) -> Response:
    """What the view returns once the socket is done."""
    response = _Finished()
    response.socket_mode = ws.mode if ws is not None else "unknown"
    return response
