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
    """Mount /twilio/voice, /twilio/status, /twilio/fallback, /twilio/transfer/* and the /twilio/media socket."""
    app.extensions[EXTENSION] = services
    # Twilio's messages are ~250 bytes: cap what one socket message may cost us.
    app.config.setdefault("SOCK_SERVER_OPTIONS", {"max_message_size": 64 * 1024})
    app.register_blueprint(blueprint)
    app.register_blueprint(sms_blueprint)
    app.register_blueprint(transfer_blueprint)
    sock = sock or Sock(app)
    register_media_socket(sock)
    return sock
