"""Check X-Twilio-Signature against the public URL Twilio called (correct behind a reverse proxy)."""
from __future__ import annotations

from typing import Mapping
from urllib.parse import urlsplit, urlunsplit

from twilio.request_validator import RequestValidator

try:  # twilio >= 9.10 names the algorithm in a settings header
    from twilio.request_validator import get_signature_algorithm
except ImportError:  # pragma: no cover - older twilio: SHA-1 only
    def get_signature_algorithm(header: str | None) -> str:  # type: ignore[misc]
        return "HMAC_SHA1"

SIGNATURE_HEADER = "X-Twilio-Signature"
SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings"


def public_request_url(public_url: str, path: str, query: str = "") -> str:
    """The URL Twilio signed: our configured public base + the path (+ query), not the proxied one."""
    base = urlsplit(public_url.rstrip("/"))
    full_path = base.path.rstrip("/") + "/" + path.lstrip("/")
    return urlunsplit((base.scheme, base.netloc, full_path, query, ""))


class SignatureChecker:
    """Validates webhooks with the account's auth token; RequestValidator tries with and without the port."""

    def __init__(self, auth_token: str, public_url: str) -> None:
        if not auth_token:
            raise ValueError("TWILIO_AUTH_TOKEN is empty; signatures cannot be checked without it")
        self.validator = RequestValidator(auth_token)
        self.public_url = public_url

    def is_valid(self, path: str, query: str, params: Mapping[str, str] | str, headers: Mapping[str, str]) -> bool:
        """params: the form fields, or the raw body string for JSON webhooks (a dict would skip the body hash)."""
        signature = headers.get(SIGNATURE_HEADER)
        if not signature:
            return False
        url = public_request_url(self.public_url, path, query)
        algorithm = get_signature_algorithm(headers.get(SETTINGS_HEADER))
        try:
            return bool(self.validator.validate(url, params if isinstance(params, str) else dict(params),
                                                signature, algorithm=algorithm))
        except TypeError:  # older validate() without the algorithm argument
            return bool(self.validator.validate(url, params if isinstance(params, str) else dict(params), signature))

    def sign(self, path: str, params: Mapping[str, str], query: str = "") -> str:
        """The signature Twilio would send (used by the call simulator and tests)."""
        return self.validator.compute_signature(public_request_url(self.public_url, path, query), dict(params))
