"""Choose the CRM adapter from the settings (FRONTDESK_CRM=builtin|hubspot|webhook)."""
from __future__ import annotations

from typing import Any

from app.storage.database import Database

from .base import CrmAdapter, CrmError
from .builtin import BuiltinCrm


def _extra(settings: Any, name: str) -> str | None:
    return (getattr(settings, "extra", None) or {}).get(name) or None


def build_crm(settings: Any, db: Database) -> CrmAdapter:
    """The configured adapter; a missing credential is a clear CrmError naming the variable."""
    backend = (getattr(settings, "crm_backend", None) or "builtin").strip().lower()
    timeout = float(_extra(settings, "FRONTDESK_CRM_TIMEOUT") or 10)
    if backend == "builtin":
        return BuiltinCrm(db)
    if backend == "hubspot":
        from .hubspot import HubSpotCrm

        token = _extra(settings, "FRONTDESK_HUBSPOT_TOKEN")
        if not token:
            raise CrmError("FRONTDESK_CRM=hubspot needs FRONTDESK_HUBSPOT_TOKEN (a private-app access token)")
        return HubSpotCrm(token, host=_extra(settings, "FRONTDESK_HUBSPOT_URL"), timeout=timeout)
    if backend == "webhook":
        from .webhook import WebhookCrm

        url, secret = _extra(settings, "FRONTDESK_CRM_WEBHOOK_URL"), _extra(settings, "FRONTDESK_CRM_WEBHOOK_SECRET")
        if not url or not secret:
            raise CrmError("FRONTDESK_CRM=webhook needs FRONTDESK_CRM_WEBHOOK_URL and FRONTDESK_CRM_WEBHOOK_SECRET")
        return WebhookCrm(url, secret, timeout=timeout)
    raise CrmError(f"FRONTDESK_CRM={backend!r} is not a CRM adapter; use builtin, hubspot or webhook")
