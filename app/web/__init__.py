"""The only Flask-aware layer: Twilio's webhooks and media socket (and the staff app, when installed)."""
from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def register(app: Any, settings: Any, flows: Any) -> None:
    """Called by create_app(): mounts /twilio/* and the /twilio/media socket, warmed up for the first call."""
    from flask_sock import Sock

    from .twilio_build import build_twilio_web, warm_up
    from .twilio_routes import register_twilio

    web = build_twilio_web(settings, flows=flows)
    warm_up(web)
    sock = Sock(app)
    register_twilio(app, web, sock)
    app.extensions["frontdesk.sock"] = sock
    try:
        from .staff import register as register_staff  # type: ignore[attr-defined]
    except ImportError:
        return
    register_staff(app, settings, flows)
