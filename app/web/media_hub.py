"""One thread per process reads every media socket, as a media server's event loop does.

With a thread per call, each 20 ms frame wakes that call's thread and hands it the interpreter
lock; at a hundred calls a worker spends more of a core on those hand-overs than on the frames.
Here a single thread waits on all the sockets at once (epoll), reads whatever arrived and passes
each message to its call's `deliver`, which must be cheap: audio and marks are handled there, and
anything that may block (a keypress that runs the engine, `stop`, which stores the call) is passed
on to the call's own thread. A call leaves the hub when its socket closes, goes quiet for
`idle_timeout_s`, or its thread asks (`detach`); `ended` is called exactly once, after the socket
is no longer watched, so the caller may then let the server close it.
"""
from __future__ import annotations

import logging
import selectors
import socket
import threading
import time
from collections import deque
from typing import Callable, Protocol

from .inline_websocket import ConnectionClosed

log = logging.getLogger(__name__)


class ReadableSocket(Protocol):
    sock: socket.socket

    def read_ready(self) -> list[str | bytes]: ...
    # optional: take_buffered() -> messages read before the hub took the socket over


class HubStream:
    """A call's socket in the hub: `deliver` gets each message (False to leave), `ended` the reason, once."""

    def __init__(self, ws: ReadableSocket, deliver: Callable[[str | bytes], bool],
                 ended: Callable[[str], None]) -> None:
        self.ws, self.deliver, self.ended = ws, deliver, ended
        self.last_seen = time.monotonic()
        self.done = False


class MediaHub:
    """Start one per process (`shared_hub`); `attach` hands a socket over, `detach` takes it back."""

    def __init__(self, idle_timeout_s: float = 20.0, sweep_every_s: float = 1.0,
                 after_round: Callable[[], None] | None = None) -> None:
        self.idle_timeout_s = idle_timeout_s
        self.after_round = after_round
        """Called after each round of reads (the deferred silero windows are scored there)."""
        self.sweep_every_s = sweep_every_s
        self._selector = selectors.DefaultSelector()
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_read.setblocking(False)
        self._wake_write.setblocking(False)
        self._selector.register(self._wake_read, selectors.EVENT_READ, None)
        self._requests: deque[tuple[str, HubStream | None]] = deque()
        self._streams: set[HubStream] = set()
        self._running = True
        self._thread = threading.Thread(target=self._run, name="media-hub", daemon=True)
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    @property
    def thread_ident(self) -> int | None:
        """The thread that calls every `deliver`."""
        return self._thread.ident

    @property
    def streams(self) -> int:
        return len(self._streams)

    def attach(self, stream: HubStream) -> None:
        self._request("attach", stream)

    def detach(self, stream: HubStream) -> None:
        """Stop reading this socket; `ended("detached")` follows (unless it already ended)."""
        self._request("detach", stream)

    def close(self, timeout: float = 2.0) -> None:
        """Stop the thread; streams still attached end with "closed"."""
        self._running = False
        self._request("stop", None)
        self._thread.join(timeout)

    def _request(self, kind: str, stream: HubStream | None) -> None:
        self._requests.append((kind, stream))
        try:
            self._wake_write.send(b"\0")
        except (BlockingIOError, OSError):
            pass  # the wake-up socket is full: the hub is awake already

    # ------------------------------------------------------------------ the hub's thread
    def _run(self) -> None:
        next_sweep = time.monotonic() + self.sweep_every_s
        while self._running:
            try:
                events = self._selector.select(timeout=self.sweep_every_s)
            except OSError:  # a socket closed under us; the requests below clear it
                log.exception("media hub: select failed")
                events = []
            for key, _ in events:
                stream = key.data
                if stream is None:
                    self._drain_wakeups()
                elif not stream.done:
                    self._read(stream)
            self._handle_requests()
            if self.after_round is not None:
                try:
                    self.after_round()
                except Exception:  # noqa: BLE001 - the reads go on; the hook's owner logs its own state
                    log.exception("media hub: the after-round hook failed")
            now = time.monotonic()
            if now >= next_sweep:
                next_sweep = now + self.sweep_every_s
                self._sweep(now)
        self._handle_requests()  # attached just before the stop: registered, then ended below
        for stream in list(self._streams):
            self._end(stream, "closed")
        self._selector.close()
        self._wake_read.close()
        self._wake_write.close()

    def _drain_wakeups(self) -> None:
        try:
            while self._wake_read.recv(4096):
                pass
        except (BlockingIOError, OSError):
            pass

    def _handle_requests(self) -> None:
        while self._requests:
            kind, stream = self._requests.popleft()
            if stream is None:
                continue
            if kind == "attach" and not stream.done:
                try:
                    self._selector.register(stream.ws.sock, selectors.EVENT_READ, stream)
                except (KeyError, ValueError, OSError) as exc:
                    log.warning("media hub: cannot watch a socket (%s); ending its call", exc)
                    stream.done = True
                    self._notify(stream, "closed")
                    continue
                self._streams.add(stream)
                stream.last_seen = time.monotonic()
                # bytes that arrive from now on are reported by epoll; messages read before are buffered
                self._deliver(stream, list(getattr(stream.ws, "take_buffered", list)()))
            elif kind == "detach":
                self._end(stream, "detached")

    def _read(self, stream: HubStream) -> None:
        stream.last_seen = time.monotonic()
        try:
            messages = stream.ws.read_ready()
        except ConnectionClosed:
            self._end(stream, "closed")
            return
        except Exception:  # noqa: BLE001 - one broken socket must not stop the others
            log.exception("media hub: reading a socket failed")
            self._end(stream, "closed")
            return
        self._deliver(stream, messages)

    def _deliver(self, stream: HubStream, messages: list[str | bytes]) -> None:
        for raw in messages:
            try:
                keep = stream.deliver(raw)
            except Exception:  # noqa: BLE001 - the call's own failure handling runs on its thread
                log.exception("media hub: handling a message failed")
                keep = False
            if not keep:
                self._end(stream, "over")
                return
        if not getattr(stream.ws, "connected", True):
            self._end(stream, "closed")

    def _sweep(self, now: float) -> None:
        for stream in [s for s in self._streams if now - s.last_seen > self.idle_timeout_s]:
            log.warning("media hub: no message for %.0f s; ending the stream", self.idle_timeout_s)
            self._end(stream, "idle")

    def _end(self, stream: HubStream, reason: str) -> None:
        if stream.done:
            return
        stream.done = True
        self._streams.discard(stream)
        try:
            self._selector.unregister(stream.ws.sock)
        except (KeyError, ValueError, OSError):
            pass
        self._notify(stream, reason)

    @staticmethod
    def _notify(stream: HubStream, reason: str) -> None:
        try:
            stream.ended(reason)
        except Exception:  # noqa: BLE001
            log.exception("media hub: ending a stream failed")


_shared: MediaHub | None = None
_shared_lock = threading.Lock()


def shared_hub(idle_timeout_s: float = 20.0, after_round: Callable[[], None] | None = None) -> MediaHub:
    """This process's hub, started on first use (after a server forks its workers)."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.alive:
            _shared = MediaHub(idle_timeout_s, after_round=after_round)
        return _shared
