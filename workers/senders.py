"""Where follow-up texts and calls go: Twilio when configured, otherwise the audit log."""
from __future__ import annotations

from typing import Any, Protocol

from app.storage.database import Database


class MessageSender(Protocol):
    def send_sms(self, to: str, body: str) -> str: ...

    def place_call(self, to: str, script: str) -> str: ...


class LogSender:
    """The default without Twilio credentials: the message is written to the audit log only."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.sent: list[tuple[str, str, str]] = []

    def send_sms(self, to: str, body: str) -> str:
        self.sent.append(("sms", to, body))
        self.db.audit("sms_logged", to, body=body)
        return f"logged-{len(self.sent)}"

    def place_call(self, to: str, script: str) -> str:
        self.sent.append(("call", to, script))
        self.db.audit("call_logged", to, script=script)
        return f"logged-{len(self.sent)}"


class TwilioSender:
    """Texts through Twilio's Messages API; outbound AI calls through Calls with inline TwiML."""

    def __init__(self, settings: Any, from_number: str, db: Database) -> None:
        from app.integrations.twilio.rest import build_client

        # TWILIO_API_URL (settings.twilio_api_url) is honoured, like the call runtime's REST client.
        self.client = build_client(settings.twilio_account_sid or "", settings.twilio_auth_token or "",
                                   settings.twilio_api_url)
        self.from_number, self.db = from_number, db

    def send_sms(self, to: str, body: str) -> str:
        return self.client.messages.create(to=to, from_=self.from_number, body=body).sid

    def place_call(self, to: str, script: str) -> str:
        from xml.sax.saxutils import escape

        twiml = f"<Response><Say>{escape(script)}</Say></Response>"
        return self.client.calls.create(to=to, from_=self.from_number, twiml=twiml).sid
