"""The /twilio/media WebSocket: one CallHandler per socket, ended exactly once.

The request's thread reads the socket until the stream's `start` is handled (that step does I/O:
the saved call, the speech-to-text backends). Then, by default, the process's media hub reads it
along with every other call's (`media_hub.py`), handling audio and marks itself and handing
keypresses and `stop` back to this thread, which ends the call when the hub lets go. What the hub
sends (a barge-in's `clear`) goes out only if the socket takes it without waiting; otherwise this
thread sends it, so one peer that stops reading never stalls the other calls.
`FRONTDESK_MEDIA_READER=thread` keeps the whole call on this thread instead (one wake-up per frame).
"""
from __future__ import annotations

import logging
import queue

from flask import Flask, Response, current_app, request

from app.audio.silero_deferred import flush_shared
from app.integrations.twilio import media
from app.runtime.handler import CallHandler

from .inline_websocket import ConnectionClosed, HandshakeRefused, InlineWebSocket, finished_response
from .media_hub import HubStream, shared_hub
from .twilio_voice import EXTENSION

log = logging.getLogger(__name__)
IDLE_TIMEOUT_S = 20.0
"""Twilio sends a media frame every 20 ms; a socket silent this long is dead."""
READERS = ("hub", "thread")


def media_socket(ws: InlineWebSocket) -> None:
    state = current_app.extensions[EXTENSION]
    if state.runtime is None:
        ws.close(reason=1011, message="flows unavailable")
        return

    def authorize(start: media.Start) -> bool:
        return state.token_ok(start.call_sid, start.custom_parameters.get("token"))

    handler = CallHandler(state.runtime, ws.send, ws.close, authorize)
    reader = state.settings.extra.get("FRONTDESK_MEDIA_READER", "hub")
    if reader not in READERS:
        log.warning("FRONTDESK_MEDIA_READER=%r is not one of %s; using the hub", reader, ", ".join(READERS))
    try:
        if read_until_started(ws, handler):
            (read_in_this_thread if reader == "thread" else read_through_hub)(ws, handler)
    except ConnectionClosed:
        pass
    finally:
        handler.on_disconnect()
        try:
            ws.close()
        except Exception:  # noqa: BLE001 - already closed
            pass


def read_until_started(ws: InlineWebSocket, handler: CallHandler) -> bool:
    """Messages up to and including `start`; False when the call is already over (or never started)."""
    while handler.turns is None:
        raw = ws.receive(timeout=IDLE_TIMEOUT_S)
        if raw is None:
            log.warning("no 'start' within %.0f s; closing the media socket", IDLE_TIMEOUT_S)
            return False
        if not handler.on_message(raw):
            return False
    return True  # messages read together with `start` stay buffered for whoever reads on


def read_in_this_thread(ws: InlineWebSocket, handler: CallHandler) -> None:
    while not handler.over:
        raw = ws.receive(timeout=IDLE_TIMEOUT_S)
        if raw is None:
            log.warning("call %s: no message for %.0f s; ending", handler.call_sid, IDLE_TIMEOUT_S)
            return
        if not handler.on_message(raw):
            return


_ENDED = object()
_SEND = object()


def read_through_hub(ws: InlineWebSocket, handler: CallHandler) -> None:
    """The hub reads; this thread handles what may block, and returns once the hub has let go."""
    work: queue.SimpleQueue[object] = queue.SimpleQueue()

    def deliver(raw: str | bytes) -> bool:
        message = handler.parse(raw)
        if message is None:
            return not handler.over
        if handler.quick(message):
            return handler.handle(message)
        work.put(message)
        return True

    hub = shared_hub(IDLE_TIMEOUT_S, after_round=flush_shared)
    if hub.thread_ident is not None:
        handler.read_by_shared_thread(hub.thread_ident, ws.try_send, lambda text: work.put((_SEND, text)))
    stream = HubStream(ws, deliver, lambda reason: work.put((_ENDED, reason)))
    hub.attach(stream)
    detaching = False
    while True:
        try:
            item = work.get(timeout=IDLE_TIMEOUT_S + 5.0)
        except queue.Empty:
            if hub.alive:
                continue
            log.error("call %s: the media hub stopped; ending the call", handler.call_sid)
            return
        if isinstance(item, tuple) and item and item[0] is _SEND:
            try:
                handler.send(item[1])  # what the hub could not send without waiting
            except (ConnectionClosed, OSError):
                pass  # the hub sees the socket close and ends the call
            continue
        if isinstance(item, tuple) and item and item[0] is _ENDED:
            if item[1] == "idle":
                log.warning("call %s: no message for %.0f s; ending", handler.call_sid, IDLE_TIMEOUT_S)
            return
        if not detaching and not handler.handle(item):  # type: ignore[arg-type]
            detaching = True
            hub.detach(stream)  # the hub's "ended" follows once it no longer reads the socket


def media_socket_view() -> Response:
    try:
        ws = InlineWebSocket(request.environ)
    except HandshakeRefused as refused:
        return Response(str(refused), status=refused.status)
    except OSError:  # the caller's side went away during the handshake
        log.warning("media socket closed during the handshake")
        return finished_response(None)
    try:
        media_socket(ws)  # ends the call however the socket closes
    finally:
        ws.release()
    return finished_response(ws)


def register_media_socket(app: Flask) -> None:
    app.add_url_rule("/twilio/media", "twilio_media", media_socket_view, websocket=True)
