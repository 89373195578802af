"""The built-in CRM's contacts as operators see them: search, edit (always audited), CSV import."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import IO, Any

from sqlalchemy import delete, func, or_, select

from app.integrations.crm.csv_import import ImportReport, import_contacts
from app.storage.consent import add_opt_out
from app.storage.database import Database
from app.storage.models import Contact, OptOut

from .paging import Page

EDITABLE = ("name", "email", "vip", "do_not_call", "preferred_language")


@dataclass(frozen=True)
class ContactChanges:
    """The fields an operator may edit on the contact page."""

    name: str | None
    email: str | None
    vip: bool
    do_not_call: bool
    preferred_language: str | None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_contacts(db: Database, q: str, page: int, per_page: int = 50) -> Page[Contact]:
    """Contacts whose name, email or phone contains `q` (digits of a phone match however it was typed)."""
    query = select(Contact)
    q = q.strip()[:100]
    if q:
        terms = [Contact.name.ilike(_like(q), escape="\\"), Contact.email.ilike(_like(q), escape="\\"),
                 Contact.phone_raw.ilike(_like(q), escape="\\")]
        digits = "".join(ch for ch in q if ch.isdigit())
        if len(digits) >= 3:
            terms.append(Contact.phone_e164.like(_like(digits), escape="\\"))
        query = query.where(or_(*terms))
    with db.session() as s:
        total = int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)
        result: Page[Contact] = Page([], min(page, max(1, -(-total // per_page))), per_page, total)
        result.items = list(s.scalars(query.order_by(Contact.name, Contact.id).offset(result.offset).limit(per_page)))
    return result


def get_contact(db: Database, contact_id: int) -> Contact | None:
    with db.session() as s:
        return s.get(Contact, contact_id)


def _sync_do_not_call(db: Database, phone_e164: str | None, on: bool) -> None:
    """Keep the opt-out list (which follow-ups check) in step with the contact's do-not-call flag."""
    if not phone_e164:
        return
    if on:
        add_opt_out(db, phone_e164, source="do_not_call")
        return
    with db.session() as s:
        removed = s.execute(delete(OptOut).where(OptOut.phone_e164 == phone_e164, OptOut.source == "do_not_call"))
    if removed.rowcount:
        db.audit("opt_out_removed", phone_e164, source="do_not_call")


def update_contact(db: Database, contact_id: int, changes: ContactChanges, actor: str) -> dict[str, list[Any]] | None:
    """Apply the edit; returns {field: [before, after]} for what changed (None: no such contact)."""
    wanted = asdict(changes)
    with db.session() as s:
        contact = s.get(Contact, contact_id)
        if contact is None:
            return None
        diff = {f: [getattr(contact, f), wanted[f]] for f in EDITABLE if getattr(contact, f) != wanted[f]}
        for name, (_, after) in diff.items():
            setattr(contact, name, after)
        phone = contact.phone_e164
    if diff:
        db.audit("contact_edited", f"contact:{contact_id}", by=actor, changes=diff)
        if "do_not_call" in diff:
            _sync_do_not_call(db, phone, changes.do_not_call)
    return diff


def import_upload(db: Database, handle: IO[str], actor: str, filename: str) -> ImportReport:
    """Run the CSV importer on an uploaded file and note who imported what."""
    report = import_contacts(db, handle)
    db.audit("contacts_imported", filename[:128] or "upload", by=actor, created=report.created,
             updated=report.updated, unparsed_phones=len(report.unparsed_phones), errors=len(report.errors))
    return report
