"""The media socket's WebSocket reader, over a real socket pair with wsproto as the client."""
from __future__ import annotations

import socket
import threading

import pytest
from wsproto import ConnectionType
from wsproto.connection import Connection
from wsproto.events import BytesMessage, CloseConnection, Ping, Pong, TextMessage
from wsproto.utilities import generate_accept_token

from app.web.inline_websocket import (
    MAX_MESSAGE_BYTES, ConnectionClosed, HandshakeRefused, InlineWebSocket, accept_response,
)

KEY = "dGhlIHNhbXBsZSBub25jZQ=="


def environ(sock: socket.socket, **headers: str) -> dict:
    return {"gunicorn.socket": sock, "HTTP_UPGRADE": "websocket", "HTTP_SEC_WEBSOCKET_VERSION": "13",
            "HTTP_SEC_WEBSOCKET_KEY": KEY, **headers}


class Peer:
    """Twilio's side: reads the 101 answer, then speaks frames through wsproto's client protocol."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.protocol = Connection(ConnectionType.CLIENT)
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(1024)
        self.head, _, rest = head.partition(b"\r\n\r\n")
        if rest:
            self.protocol.receive_data(rest)

    def send(self, event) -> None:
        self.sock.sendall(self.protocol.send(event))

    def events(self, wanted: int = 1) -> list:
        got: list = []
        while len(got) < wanted:
            got += list(self.protocol.events())
            if len(got) >= wanted:
                break
            self.protocol.receive_data(self.sock.recv(65536))
        return got


@pytest.fixture
def pair():
    server, client = socket.socketpair()
    ws = InlineWebSocket(environ(server))
    peer = Peer(client)
    yield ws, peer
    ws.release()
    server.close()
    client.close()


def test_the_handshake_answers_with_the_accept_token(pair) -> None:
    _, peer = pair
    assert peer.head.startswith(b"HTTP/1.1 101 ")
    assert b"Sec-WebSocket-Accept: " + generate_accept_token(KEY.encode()) in peer.head
    assert b"Sec-WebSocket-Extensions" not in peer.head  # no compression of 20 ms audio frames


@pytest.mark.parametrize("headers, status", [
    ({"HTTP_UPGRADE": "h2c"}, 400), ({"HTTP_SEC_WEBSOCKET_VERSION": "8"}, 426), ({"HTTP_SEC_WEBSOCKET_KEY": ""}, 400),
])
def test_requests_that_are_not_version_13_upgrades_are_refused(headers: dict, status: int) -> None:
    server, client = socket.socketpair()
    with server, client, pytest.raises(HandshakeRefused) as refused:
        accept_response(environ(server, **headers))
    assert refused.value.status == status


def test_messages_arrive_whole_even_when_fragmented_or_split_across_reads(pair) -> None:
    ws, peer = pair
    peer.send(TextMessage(data='{"event": "conn', message_finished=False))
    peer.send(TextMessage(data='ected"}', message_finished=True))
    wire = peer.protocol.send(TextMessage(data='{"event": "media"}'))
    peer.sock.sendall(wire[:3])
    assert ws.receive(timeout=2) == '{"event": "connected"}'
    peer.sock.sendall(wire[3:])
    assert ws.receive(timeout=2) == '{"event": "media"}'


def test_a_quiet_socket_times_out_with_none(pair) -> None:
    ws, _ = pair
    assert ws.receive(timeout=0.05) is None


def test_pings_are_answered_and_sends_may_come_from_other_threads(pair) -> None:
    ws, peer = pair
    peer.send(Ping(payload=b"hi"))
    peer.send(TextMessage(data="after the ping"))
    assert ws.receive(timeout=2) == "after the ping"
    sender = threading.Thread(target=ws.send, args=('{"event": "mark"}',))
    sender.start()
    sender.join()
    events = peer.events(2)
    assert isinstance(events[0], Pong) and events[0].payload == b"hi"
    assert isinstance(events[1], TextMessage) and events[1].data == '{"event": "mark"}'


def test_the_peers_close_is_answered_and_ends_receiving(pair) -> None:
    ws, peer = pair
    peer.send(CloseConnection(code=1000))
    with pytest.raises(ConnectionClosed):
        ws.receive(timeout=2)
    [answer] = peer.events(1)
    assert isinstance(answer, CloseConnection) and answer.code == 1000
    with pytest.raises(ConnectionClosed):
        ws.send("too late")


def test_a_socket_dropped_without_a_close_frame_ends_receiving(pair) -> None:
    ws, peer = pair
    peer.sock.shutdown(socket.SHUT_WR)
    with pytest.raises(ConnectionClosed):
        ws.receive(timeout=2)


def test_closing_from_another_thread_ends_a_blocked_receive_at_the_next_frame(pair) -> None:
    ws, peer = pair
    outcome: list = []

    def read() -> None:
        try:
            outcome.append(ws.receive(timeout=5))
        except ConnectionClosed:
            outcome.append("closed")

    reader = threading.Thread(target=read)
    reader.start()
    ws.close(1000, "call moved")
    [frame] = peer.events(1)
    assert isinstance(frame, CloseConnection) and frame.reason == "call moved"
    peer.send(frame.response())
    reader.join(timeout=5)
    assert outcome == ["closed"]


def test_an_oversized_message_closes_the_socket(pair) -> None:
    ws, peer = pair
    peer.send(BytesMessage(data=b"x" * (MAX_MESSAGE_BYTES + 1)))
    with pytest.raises(ConnectionClosed):
        ws.receive(timeout=2)
    [frame] = peer.events(1)
    assert isinstance(frame, CloseConnection) and frame.code == 1009


def test_a_text_message_that_is_not_utf8_closes_with_invalid_data(pair) -> None:
    ws, peer = pair
    peer.sock.sendall(b"\x81\x82" + b"\0\0\0\0" + b"\xff\xfe")  # FIN text, masked (zero key), bad UTF-8
    with pytest.raises(ConnectionClosed):
        ws.receive(timeout=2)
    [frame] = peer.events(1)
    assert isinstance(frame, CloseConnection) and frame.code == 1007


def test_an_unmasked_client_frame_is_a_protocol_error(pair) -> None:
    ws, peer = pair
    peer.sock.sendall(b"\x81\x02hi")  # clients must mask every frame (RFC 6455 section 5.1)
    with pytest.raises(ConnectionClosed):
        ws.receive(timeout=2)
    [frame] = peer.events(1)
    assert isinstance(frame, CloseConnection) and frame.code == 1002


def test_try_send_never_waits_on_a_full_buffer_or_on_another_writer(pair) -> None:
    ws, peer = pair
    assert ws.try_send('{"event": "clear"}') is True
    [frame] = peer.events(1)
    assert isinstance(frame, TextMessage) and frame.data == '{"event": "clear"}'
    with ws._write_lock:  # another thread is in the middle of a send
        assert ws.try_send("x") is False
    ws.sock.setblocking(False)  # the peer stops reading: fill the send buffer
    try:
        while True:
            ws.sock.send(b"\0" * 65536)
    except BlockingIOError:
        pass
    ws.sock.setblocking(True)
    done: list[bool] = []
    sender = threading.Thread(target=lambda: done.append(ws.try_send('{"event": "clear"}')))
    sender.start()
    sender.join(timeout=5)
    assert done == [False]
