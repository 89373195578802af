"""A signed JSON webhook for any other CRM (Zapier, n8n, a custom endpoint).

Every request carries `X-Frontdesk-Timestamp` (Unix seconds) and
`X-Frontdesk-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the shared secret>`,
plus `Idempotency-Key` (the same for every retry of one event), so receivers can reject forgeries,
replays and duplicates. docs/crm.md shows the receiving side.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import asdict
from datetime import datetime
from typing import Any, Iterator

import requests

from .base import (CallbackTask, CallSummary, CrmContact, CrmError, TemporaryCrmError, UnsupportedOperation,
                   error_for_status)

SIGNATURE_HEADER, TIMESTAMP_HEADER, IDEMPOTENCY_HEADER = "X-Frontdesk-Signature", "X-Frontdesk-Timestamp", "Idempotency-Key"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(secret: str, body: bytes, timestamp: str | None, signature: str | None, *,
           tolerance: int = 300, now: float | None = None) -> bool:
    """True when the signature matches and the timestamp is within `tolerance` seconds (replay guard)."""
    if not timestamp or not signature:
        return False
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - ts) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, ts, body), signature.strip())


def _json_default(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else str(value)


class WebhookCrm:
    """Posts `{"event", "id", "data"}` envelopes; lookups expect `{"contacts": [...]}` back."""

    name = "webhook"

    def __init__(self, url: str, secret: str, *, timeout: float = 10.0, session: requests.Session | None = None) -> None:
        if not url.startswith(("http://", "https://")):
            raise CrmError(f"webhook URL {url!r} must start with https:// (FRONTDESK_CRM_WEBHOOK_URL)")
        if len(secret) < 16:
            raise CrmError("the webhook secret must be at least 16 characters (FRONTDESK_CRM_WEBHOOK_SECRET)")
        self.url, self.secret, self.timeout = url, secret, timeout
        self.http = session or requests.Session()

    def _post(self, event: str, event_id: str, data: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        body = json.dumps({"event": event, "id": event_id, "data": data}, default=_json_default,
                          separators=(",", ":"), sort_keys=True).encode()
        ts = int(time.time())
        headers = {"Content-Type": "application/json", TIMESTAMP_HEADER: str(ts),
                   SIGNATURE_HEADER: sign(self.secret, ts, body), IDEMPOTENCY_HEADER: event_id}
        try:
            resp = self.http.post(self.url, data=body, headers=headers, timeout=timeout or self.timeout)
        except requests.RequestException as exc:
            raise TemporaryCrmError(f"webhook {event} failed: {type(exc).__name__}: {exc}") from exc
        if resp.status_code >= 300:
            raise error_for_status(resp.status_code, f"webhook {event} to {self.url} failed",
                                   resp.headers.get("Retry-After"))
        try:
            out = resp.json() if resp.content else {}
        except ValueError:
            out = {}
        return out if isinstance(out, dict) else {}

    def find_contacts(self, phone_e164: str, timeout: float | None = None) -> list[CrmContact]:
        reply = self._post("contact.lookup", f"lookup:{phone_e164}:{int(time.time())}", {"phone": phone_e164}, timeout)
        contacts = []
        for i, c in enumerate(reply.get("contacts") or []):
            if not isinstance(c, dict):
                continue
            last = c.get("last_interaction_at")
            try:
                when = datetime.fromisoformat(str(last).replace("Z", "+00:00")) if last else None
            except ValueError:
                when = None
            contacts.append(CrmContact(
                id=str(c.get("id") or i), name=c.get("name"), phone=c.get("phone") or phone_e164, email=c.get("email"),
                vip=bool(c.get("vip")), do_not_call=bool(c.get("do_not_call")),
                preferred_language=c.get("preferred_language"), last_interaction_at=when,
                interactions=int(c.get("interactions") or 0)))
        return contacts

    def upsert_call_summary(self, summary: CallSummary) -> str:
        reply = self._post("call.summary", f"call.summary:{summary.call_sid}", asdict(summary))
        return str(reply.get("id") or summary.call_sid)

    def create_callback_task(self, task: CallbackTask) -> str:
        reply = self._post("task.create", f"task:{task.key}", asdict(task))
        return str(reply.get("id") or task.key)

    def iter_contacts(self) -> Iterator[CrmContact]:
        raise UnsupportedOperation("a webhook CRM cannot list contacts; run the audit in the CRM itself")
