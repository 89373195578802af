"""The only Flask-aware layer: Twilio's webhooks and media socket, the staff app and its test-call page."""
from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def register(app: Any, settings: Any, flows: Any) -> None:
    """Called by create_app(): /twilio/* and the media socket (warmed up for the first call), /staff/*."""
    from flask_sock import Sock

    from .twilio_build import build_twilio_web, warm_up
    from .twilio_routes import register_twilio

    web = build_twilio_web(settings, flows=flows)
    warm_up(web)
    sock = Sock(app)
    register_twilio(app, web, sock)
    app.extensions["frontdesk.sock"] = sock
    from .staff import register as register_staff
    from .staff.auth import role_required
    from .test_call import register as register_test_call

    register_staff(app, settings, flows)
    register_test_call(app, sock, web, role_required("operator"))
