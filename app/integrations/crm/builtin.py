"""The built-in CRM: contacts, call notes and tasks in Frontdesk's own SQL database."""
from __future__ import annotations

from typing import Iterator

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.storage.database import Database, as_utc
from app.storage.models import CallNote, Contact, Task

from .base import CallbackTask, CallSummary, CrmContact


def _contact(row: Contact) -> CrmContact:
    return CrmContact(
        id=str(row.id), name=row.name, phone=row.phone_e164 or row.phone_raw, email=row.email, vip=bool(row.vip),
        do_not_call=bool(row.do_not_call), preferred_language=row.preferred_language,
        last_interaction_at=as_utc(row.last_interaction_at), interactions=row.interactions or 0,
    )


class BuiltinCrm:
    """Default adapter; idempotency comes from unique keys (one note per call SID, one task per key)."""

    name = "builtin"

    def __init__(self, db: Database) -> None:
        self.db = db

    def find_contacts(self, phone_e164: str, timeout: float | None = None) -> list[CrmContact]:
        with self.db.session() as s:
            rows = s.scalars(select(Contact).where(Contact.phone_e164 == phone_e164).order_by(Contact.id))
            return [_contact(r) for r in rows]

    def upsert_call_summary(self, summary: CallSummary) -> str:
        for _ in range(2):  # a concurrent insert of the same call SID turns into an update on the second pass
            try:
                with self.db.session() as s:
                    note = s.scalar(select(CallNote).where(CallNote.call_sid == summary.call_sid))
                    if note is None:
                        note = CallNote(call_sid=summary.call_sid)
                        s.add(note)
                    note.contact_id = int(summary.contact_id) if (summary.contact_id or "").isdigit() else None
                    note.phone, note.title, note.body = summary.phone, summary.title, summary.body
                    note.data = dict(summary.data)
                    s.flush()
                    self._touch_contact(s, note.contact_id, summary)
                    return str(note.id)
            except IntegrityError:
                continue
        raise RuntimeError(f"could not store the note for call {summary.call_sid}")

    @staticmethod
    def _touch_contact(s, contact_id: int | None, summary: CallSummary) -> None:
        contact = s.get(Contact, contact_id) if contact_id else None
        if contact is not None and summary.ended_at:
            last = as_utc(contact.last_interaction_at)
            if last is None or last < summary.ended_at:
                contact.last_interaction_at = summary.ended_at
                contact.interactions = (contact.interactions or 0) + 1

    def create_callback_task(self, task: CallbackTask) -> str:
        try:
            with self.db.session() as s:
                existing = s.scalar(select(Task).where(Task.key == task.key))
                if existing is not None:
                    return str(existing.id)
                row = Task(key=task.key, phone=task.phone, title=task.title, body=task.body, due_at=task.due_at,
                           contact_id=int(task.contact_id) if (task.contact_id or "").isdigit() else None)
                s.add(row)
                s.flush()
                return str(row.id)
        except IntegrityError:
            with self.db.session() as s:
                return str(s.scalar(select(Task.id).where(Task.key == task.key)))

    def iter_contacts(self) -> Iterator[CrmContact]:
        with self.db.session() as s:
            rows = list(s.scalars(select(Contact).order_by(Contact.id)))
        for row in rows:
            yield _contact(row)

    def raw_phones(self) -> Iterator[tuple[str, str | None]]:
        """(contact id, phone as entered) for the audit's "does not parse" check."""
        with self.db.session() as s:
            for cid, raw in s.execute(select(Contact.id, Contact.phone_raw).order_by(Contact.id)):
                yield str(cid), raw
