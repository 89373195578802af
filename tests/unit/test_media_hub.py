"""The media hub: one thread reading many real sockets, each call ended exactly once."""
from __future__ import annotations

import socket
import threading
import time
from typing import Callable, Iterator

import pytest

from app.web.inline_websocket import ConnectionClosed
from app.web.media_hub import HubStream, MediaHub


class LineSocket:
    """A socket whose messages are newline-separated text (the hub only needs read_ready)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._partial = b""
        self.connected = True

    def read_ready(self) -> list[str | bytes]:
        data = self.sock.recv(65536)
        if not data:
            self.connected = False
            raise ConnectionClosed()
        *lines, self._partial = (self._partial + data).split(b"\n")
        return [line.decode() for line in lines]


class Call:
    def __init__(self, hub: MediaHub, deliver: Callable[[str | bytes], bool] | None = None) -> None:
        self.peer, ours = socket.socketpair()
        self.ws = LineSocket(ours)
        self.got: list[str | bytes] = []
        self.reasons: list[str] = []
        self.ended = threading.Event()
        self.stream = HubStream(self.ws, deliver or self._keep, self._ended)
        hub.attach(self.stream)

    def _keep(self, raw: str | bytes) -> bool:
        self.got.append(raw)
        return raw != "bye"

    def _ended(self, reason: str) -> None:
        self.reasons.append(reason)
        self.ended.set()

    def send(self, *lines: str) -> None:
        self.peer.sendall("".join(line + "\n" for line in lines).encode())


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


@pytest.fixture()
def hub() -> Iterator[MediaHub]:
    hub = MediaHub(idle_timeout_s=30.0, sweep_every_s=0.05)
    yield hub
    hub.close()


def test_messages_from_many_sockets_reach_their_own_call_in_order(hub: MediaHub) -> None:
    calls = [Call(hub) for _ in range(20)]
    for round_ in range(5):
        for n, call in enumerate(calls):
            call.send(f"{n}:{round_}")
    assert wait_for(lambda: all(len(c.got) == 5 for c in calls))
    for n, call in enumerate(calls):
        assert call.got == [f"{n}:{r}" for r in range(5)]
        assert not call.ended.is_set()
    assert hub.streams == 20


def test_a_socket_that_drops_ends_its_call_once_and_others_go_on(hub: MediaHub) -> None:
    dropping, staying = Call(hub), Call(hub)
    dropping.send("hello")
    assert wait_for(lambda: dropping.got == ["hello"])
    dropping.peer.close()
    assert dropping.ended.wait(5)
    staying.send("still here")
    assert wait_for(lambda: staying.got == ["still here"])
    time.sleep(0.2)
    assert dropping.reasons == ["closed"]
    assert not staying.ended.is_set()


def test_a_call_that_says_it_is_over_leaves_the_hub(hub: MediaHub) -> None:
    call = Call(hub)
    call.send("one", "bye", "after the end")
    assert call.ended.wait(5)
    assert call.reasons == ["over"]
    assert call.got == ["one", "bye"]  # nothing is delivered once the call is over


def test_detach_stops_reading_and_ends_once(hub: MediaHub) -> None:
    call = Call(hub)
    call.send("before")
    assert wait_for(lambda: call.got == ["before"])
    hub.detach(call.stream)
    assert call.ended.wait(5)
    call.send("after")
    hub.detach(call.stream)
    time.sleep(0.2)
    assert call.got == ["before"]
    assert call.reasons == ["detached"]
    assert hub.streams == 0


def test_a_quiet_socket_is_ended_after_the_idle_timeout() -> None:
    hub = MediaHub(idle_timeout_s=0.3, sweep_every_s=0.05)
    quiet, talking = Call(hub), Call(hub)
    deadline = time.monotonic() + 0.8
    while time.monotonic() < deadline:
        talking.send("frame")
        time.sleep(0.05)
    hub.close()
    assert quiet.reasons == ["idle"]
    assert talking.reasons == ["closed"]  # ended by the hub's own shutdown, not by the sweep


def test_a_handler_that_raises_ends_only_its_own_call(hub: MediaHub) -> None:
    def explode(raw: str | bytes) -> bool:
        raise RuntimeError("boom")

    broken, fine = Call(hub, explode), Call(hub)
    broken.send("x")
    fine.send("y")
    assert broken.ended.wait(5)
    assert broken.reasons == ["over"]
    assert wait_for(lambda: fine.got == ["y"])
    assert not fine.ended.is_set()


def test_closing_the_hub_ends_every_attached_call() -> None:
    hub = MediaHub(idle_timeout_s=30.0, sweep_every_s=0.05)
    calls = [Call(hub) for _ in range(3)]
    calls[0].send("x")
    assert wait_for(lambda: calls[0].got == ["x"])
    hub.close()
    assert not hub.alive
    assert [c.reasons for c in calls] == [["closed"]] * 3
