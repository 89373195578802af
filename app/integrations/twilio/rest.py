"""Twilio REST calls through the real twilio Client, with its base URL redirectable (TWILIO_API_URL)."""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

log = logging.getLogger(__name__)
DEFAULT_API_URL = "https://api.twilio.com"


class RedirectingHttpClient(TwilioHttpClient):
    """Sends every *.twilio.com request to another base URL (a stand-in, a staging proxy), path kept."""

    def __init__(self, base_url: str, timeout: float | None = 5.0) -> None:
        super().__init__(timeout=timeout)
        self.base = urlsplit(base_url.rstrip("/"))

    def request(self, method: str, url: str, params: Any = None, data: Any = None, headers: Any = None,
                auth: Any = None, timeout: float | None = None, allow_redirects: bool = False) -> Response:
        parts = urlsplit(url)
        if parts.hostname and parts.hostname.endswith("twilio.com"):
            url = urlunsplit((self.base.scheme, self.base.netloc, self.base.path + parts.path, parts.query, ""))
        return super().request(method, url, params=params, data=data, headers=headers, auth=auth,
                               timeout=timeout, allow_redirects=allow_redirects)


def build_client(account_sid: str, auth_token: str, api_url: str = DEFAULT_API_URL,
                 timeout: float = 5.0) -> Client:
    """The real twilio Client; api_url other than Twilio's own sends its requests elsewhere."""
    if not account_sid or not auth_token:
        raise ValueError("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are both needed for REST calls")
    http = None if api_url.rstrip("/") == DEFAULT_API_URL else RedirectingHttpClient(api_url, timeout=timeout)
    if http is None:
        http = TwilioHttpClient(timeout=timeout)
    return Client(account_sid, auth_token, http_client=http)


class TwilioRest:
    """The few REST operations a call needs, with names that say what they do to the call."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def redirect_call(self, call_sid: str, twiml: str) -> str:
        """Replace what a live call is doing with new TwiML (ends its media stream); returns the status."""
        call = self.client.calls(call_sid).update(twiml=twiml)
        return str(call.status)

    def hang_up(self, call_sid: str) -> str:
        """End a call whether it is still ringing or already answered (Status=completed does both)."""
        call = self.client.calls(call_sid).update(status="completed")
        return str(call.status)

    def dial_out(self, to: str, from_: str, url: str, *, timeout: int, status_callback: str) -> str:
        """Call someone; Twilio fetches `url` for TwiML when they answer. Returns the new call's SID."""
        call = self.client.calls.create(
            to=to, from_=from_, url=url, method="POST", timeout=timeout,
            status_callback=status_callback, status_callback_method="POST",
            status_callback_event=["initiated", "ringing", "answered", "completed"])
        return str(call.sid)

    def add_participant(self, conference: str, from_: str, to: str, **options: Any) -> str:
        """Dial someone into a conference (by friendly name); returns the new leg's call SID."""
        participant = self.client.conferences(conference).participants.create(from_=from_, to=to, **options)
        return str(participant.call_sid)

    def send_sms(self, to: str, from_: str, body: str) -> str:
        message = self.client.messages.create(to=to, from_=from_, body=body)
        return str(message.sid)
