"""A server WebSocket read in the request's own thread, for the media socket's 50 messages a second.

flask-sock's connection reads the socket in a second thread and hands every message over through an
event, so each 20 ms frame costs two thread wake-ups and two hand-overs of the interpreter lock on
top of the work. Measured under gunicorn's gthread worker with 100 streams of 50 messages a second,
that reading loop took 0.48-0.61 of a core, this one 0.36. The protocol is wsproto's (the library
simple-websocket also uses); only who reads the socket differs. Used for /twilio/media only.
"""
from __future__ import annotations

import logging
import selectors
import socket
import threading
from collections import deque
from typing import Any

from flask import Response
from wsproto import ConnectionType
from wsproto.connection import Connection, ConnectionState
from wsproto.events import BytesMessage, CloseConnection, Ping, TextMessage
from wsproto.frame_protocol import CloseReason
from wsproto.utilities import LocalProtocolError, RemoteProtocolError, generate_accept_token

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
            b"Sec-WebSocket-Accept: " + generate_accept_token(key.encode("ascii")) + b"\r\n\r\n")


class InlineWebSocket:
    """receive() reads the socket in the calling thread; send() and close() may come from any thread."""

    def __init__(self, environ: dict[str, Any], receive_bytes: int = 65536) -> None:
        self.sock, self.mode = raw_socket(environ)
        self.receive_bytes = receive_bytes
        self._send_lock = threading.Lock()
        self._protocol = Connection(ConnectionType.SERVER)
        self._messages: deque[str | bytes] = deque()
        self._partial: list[str | bytes] = []
        self._partial_bytes = 0
        self._selector = selectors.DefaultSelector()
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
        try:
            self._protocol.receive_data(data)
            self._handle_events()
        except (RemoteProtocolError, LocalProtocolError) as exc:
            log.warning("closing a WebSocket after a protocol error: %s", exc)
            self.close(CloseReason.PROTOCOL_ERROR, "protocol error")

    def _handle_events(self) -> None:
        for event in self._protocol.events():
            if isinstance(event, (TextMessage, BytesMessage)):
                self._partial.append(event.data)
                self._partial_bytes += len(event.data)
                if self._partial_bytes > MAX_MESSAGE_BYTES:
                    self.close(CloseReason.MESSAGE_TOO_BIG, "message too big")
                    return
                if event.message_finished:
                    parts, self._partial, self._partial_bytes = self._partial, [], 0
                    self._messages.append(parts[0] if len(parts) == 1 else type(parts[0])().join(parts))
            elif isinstance(event, Ping):
                self._write(self._protocol.send(event.response()))
            elif isinstance(event, CloseConnection):
                if self._protocol.state is ConnectionState.REMOTE_CLOSING:
                    self._write(self._protocol.send(event.response()))
                self._closed()

    def send(self, data: str | bytes) -> None:
        if not self.connected:
            raise ConnectionClosed()
        message = BytesMessage(data=data) if isinstance(data, bytes) else TextMessage(data=str(data))
        with self._send_lock:
            if self._protocol.state is not ConnectionState.OPEN:
                raise ConnectionClosed()
            self.sock.sendall(self._protocol.send(message))

    def close(self, reason: int = CloseReason.NORMAL_CLOSURE, message: str | None = None) -> None:
        """Send a close frame (once); the socket itself is the WSGI server's to close."""
        with self._send_lock:
            if self._protocol.state is ConnectionState.OPEN:
                try:
                    self.sock.sendall(self._protocol.send(CloseConnection(code=int(reason), reason=message)))
                except OSError:
                    pass
        self._closed()

    def _write(self, data: bytes) -> None:
        with self._send_lock:
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
