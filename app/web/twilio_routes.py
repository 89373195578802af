"""One call registers the Twilio webhooks and the media socket on an app."""
from __future__ import annotations

from flask import Flask
from flask_sock import Sock

from .twilio_media import register_media_socket
from .twilio_setup import TwilioWeb
from .twilio_sms import blueprint as sms_blueprint
from .twilio_transfer import blueprint as transfer_blueprint
from .twilio_voice import EXTENSION, blueprint


def register_twilio(app: Flask, services: TwilioWeb, sock: Sock | None = None) -> Sock:
    """Mount /twilio/voice, /twilio/status, /twilio/fallback, /twilio/transfer/* and the /twilio/media socket.

    The media socket has its own reader (app/web/inline_websocket.py); `sock` (flask-sock) serves the
    other sockets, such as the test-call page's."""
    app.extensions[EXTENSION] = services
    app.register_blueprint(blueprint)
    app.register_blueprint(sms_blueprint)
    app.register_blueprint(transfer_blueprint)
    register_media_socket(app)
    return sock or Sock(app)
