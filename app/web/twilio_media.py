"""The /twilio/media WebSocket: one CallHandler per socket, read in the request's thread, ended exactly once."""
from __future__ import annotations

import logging

from flask import Flask, Response, current_app, request

from app.integrations.twilio import media
from app.runtime.handler import CallHandler

from .inline_websocket import ConnectionClosed, HandshakeRefused, InlineWebSocket, finished_response
from .twilio_voice import EXTENSION

log = logging.getLogger(__name__)
IDLE_TIMEOUT_S = 20.0
"""Twilio sends a media frame every 20 ms; a socket silent this long is dead."""


def media_socket(ws: InlineWebSocket) -> None:
    state = current_app.extensions[EXTENSION]
    if state.runtime is None:
        ws.close(reason=1011, message="flows unavailable")
        return

    def authorize(start: media.Start) -> bool:
        return state.token_ok(start.call_sid, start.custom_parameters.get("token"))

    handler = CallHandler(state.runtime, ws.send, ws.close, authorize)
    try:
        while True:
            raw = ws.receive(timeout=IDLE_TIMEOUT_S)
            if raw is None:
                log.warning("call %s: no message for %.0f s; ending", handler.call_sid, IDLE_TIMEOUT_S)
                break
            if not handler.on_message(raw):
                break
    except ConnectionClosed:
        pass
    finally:
        handler.on_disconnect()
        try:
            ws.close()
        except Exception:  # noqa: BLE001 - already closed
            pass


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
