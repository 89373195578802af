"""What the Twilio routes share in one process: settings, flows, the call runtime, signature checks."""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from twilio.twiml.voice_response import VoiceResponse

from app.config import Settings
from app.engine.events import CallerProfile
from app.integrations.twilio.signature import SignatureChecker
from app.runtime.ports import RuntimeServices

log = logging.getLogger(__name__)

LookupFn = Callable[[str | None], "CallerProfile | None"]


@dataclass(frozen=True)
class PersonRoute:
    """A call sent to people before the bot speaks (VIP, on-call night, a shadow pilot, broken flows)."""

    call_sid: str
    caller: str | None
    called: str | None
    target: str
    reason: str
    language: str = "en"
    profile: CallerProfile | None = None
    say: str | None = None


PersonRouter = Callable[[PersonRoute, VoiceResponse], VoiceResponse]
"""Appends the TwiML that connects the caller to the route's target to the given response."""


def stream_url(public_url: str | None, fallback_host: str) -> str:
    """wss://<public host>/<base path>/twilio/media (ws:// when PUBLIC_URL is plain http)."""
    base = (public_url or f"http://{fallback_host}").rstrip("/")
    scheme, rest = base.split("://", 1)
    return f"{'wss' if scheme == 'https' else 'ws'}://{rest}/twilio/media"


def stream_token(settings: Settings, call_sid: str) -> str:
    """A per-call secret for the stream's <Parameter>: only our TwiML can open a media socket."""
    key = (settings.twilio_auth_token or settings.secret_key).encode()
    return hmac.new(key, f"stream:{call_sid}".encode(), hashlib.sha256).hexdigest()[:40]


class RejectAll:
    """Stands in for the signature checker when there is no auth token to check with."""

    def is_valid(self, *args: object) -> bool:
        return False


@dataclass
class TwilioWeb:
    """Built once at start-up. `runtime` is None when the flows failed to load: calls then go to people."""

    settings: Settings
    flows: Any = None
    runtime: RuntimeServices | None = None
    lookup: LookupFn | None = None
    lookup_budget_s: float = 0.4
    fallback_numbers: list[str] = field(default_factory=list)
    flows_error: str | None = None
    clock: Callable[[], Any] | None = None
    person_router: PersonRouter | None = None
    """How a call reaches people before the stream (the warm transfer); None: a plain <Dial> of the target."""
    records: Any = None
    """Where calls are recorded when `runtime` is None (the flows failed to load); None: not recorded."""

    def __post_init__(self) -> None:
        settings = self.settings
        self.checker = None
        if settings.validate_twilio_signatures:
            if not settings.signing_token or not settings.public_url:
                log.warning("TWILIO_AUTH_TOKEN or PUBLIC_URL is not set: every Twilio webhook will get 403. "
                            "Set both (or FRONTDESK_VALIDATE_SIGNATURES=0 for local experiments only)")
                self.checker = RejectAll()
            else:
                self.checker = SignatureChecker(settings.signing_token, settings.public_url)
        if not self.fallback_numbers:
            self.fallback_numbers = front_desk_numbers(self.flows, settings)

    def stream_token(self, call_sid: str) -> str:
        return stream_token(self.settings, call_sid)

    def connect_to_person(self, route: PersonRoute, response: VoiceResponse | None = None) -> VoiceResponse:
        """Append to `response` (or a new one) what sends this call to the route's people."""
        response = response if response is not None else VoiceResponse()
        if self.person_router is not None:
            return self.person_router(route, response)
        from app.runtime.transfer import append_dial

        append_dial(response, self.flows, route.target, route.say, route.language, self.settings.public_url)
        return response

    def token_ok(self, call_sid: str, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.stream_token(call_sid), token or "")


def front_desk_numbers(flows: Any, settings: Settings) -> list[str]:
    """Numbers the fallback webhook dials: FRONTDESK_FALLBACK_NUMBERS, else the front desk's members."""
    configured = (settings.extra or {}).get("FRONTDESK_FALLBACK_NUMBERS") or os.environ.get("FRONTDESK_FALLBACK_NUMBERS")
    if configured:
        return [n.strip() for n in configured.split(",") if n.strip()]
    if flows is None:
        return []
    from app.runtime.transfer import member_numbers

    numbers = member_numbers(flows, flows.staff.front_desk)
    return numbers or ([flows.business.phone] if flows.business.phone else [])
