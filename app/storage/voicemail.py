"""Voicemails left after a dial nobody answered: kept in the audit log, owed to the CRM as a callback task.

The recording's status callback is the only notice Frontdesk gets, so the entry and the outbox row
that says "this still has to reach the CRM" are written in one transaction: whatever happens to
Redis or a worker afterwards, the outbox reconciler finds the row and queues the task again.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .database import Database
from .models import AuditEntry, OutboxEntry

VOICEMAIL = "voicemail"
"""The outbox kind and the audit action."""


def keep_voicemail(db: Database, call_sid: str, detail: dict[str, str]) -> bool:
    """Log the voicemail (the callback's form fields) and owe its callback task; False when this
    call's task was already owed."""
    try:
        with db.session() as s:
            s.add(AuditEntry(action=VOICEMAIL, subject=call_sid, detail=dict(detail)))
            owed = s.scalar(select(OutboxEntry.id).where(OutboxEntry.kind == VOICEMAIL,
                                                         OutboxEntry.call_sid == call_sid))
            if owed is None:
                s.add(OutboxEntry(kind=VOICEMAIL, call_sid=call_sid, status="pending"))
            return owed is None
    except IntegrityError:  # another process owed it at the same moment; its audit line is kept
        db.audit(VOICEMAIL, call_sid, **detail)
        return False


def voicemail_detail(db: Database, call_sid: str) -> dict[str, Any] | None:
    """The latest voicemail logged for the call (Twilio may retry its callback)."""
    with db.session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == VOICEMAIL, AuditEntry.subject == call_sid)
                         .order_by(AuditEntry.id.desc()).limit(1))
        return dict(entry.detail or {}) if entry is not None else None
