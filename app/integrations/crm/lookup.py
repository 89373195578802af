"""Caller lookup at call start, inside a time budget so the greeting never waits for a slow CRM.

Several records for one number: the one with the most recent interaction wins, then the one with
the most interactions, then the oldest id. The profile is marked `duplicate_records=True` for staff;
records are never merged. One exception, on the safe side: if ANY of them is do-not-call, the
profile is do-not-call.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import datetime, timezone

from app.engine.events import CallerProfile

from .base import CrmAdapter, CrmContact
from .phones import to_e164

log = logging.getLogger(__name__)
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="crm-lookup")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _rank(contact: CrmContact) -> tuple:
    last = contact.last_interaction_at or _EPOCH
    if last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    numeric = int(contact.id) if contact.id.isdigit() else 0
    return (-last.timestamp(), -contact.interactions, numeric, contact.id)


def choose(contacts: list[CrmContact]) -> CallerProfile | None:
    """Apply the documented duplicate rule to what the CRM returned."""
    if not contacts:
        return None
    best = sorted(contacts, key=_rank)[0]
    dup = len(contacts) > 1
    notes = f"{len(contacts)} CRM records share this number; using record {best.id}" if dup else None
    return CallerProfile(
        name=best.name, contact_id=best.id, vip=best.vip,
        do_not_call=any(c.do_not_call for c in contacts), preferred_language=best.preferred_language,
        duplicate_records=dup, notes=notes,
    )


def lookup_caller(crm: CrmAdapter, phone: str | None, budget_seconds: float = 0.8,
                  region: str = "US") -> CallerProfile | None:
    """The caller's profile, or None (new caller, withheld number, slow or failing CRM)."""
    e164 = to_e164(phone, region)
    if e164 is None:
        return None
    future = _POOL.submit(crm.find_contacts, e164, budget_seconds)
    try:
        contacts = future.result(timeout=max(0.01, budget_seconds))
    except FutureTimeout:
        future.cancel()
        log.warning("CRM lookup for %s exceeded %.2fs; treating as a new caller", e164, budget_seconds)
        return None
    except Exception as exc:  # a CRM outage must never block a call
        log.warning("CRM lookup for %s failed (%s); treating as a new caller", e164, exc)
        return None
    return choose(list(contacts))
