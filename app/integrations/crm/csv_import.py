"""Contacts into the built-in CRM from a CSV export (header names are matched loosely)."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy import select

from app.storage.database import Database
from app.storage.models import Contact
from app.storage.records import RecordError, parse_time

from .phones import to_e164

ALIASES = {
    "external_id": {"id", "external_id", "contact_id", "record_id"},
    "name": {"name", "full_name", "contact_name"},
    "first_name": {"first_name", "firstname", "given_name"},
    "last_name": {"last_name", "lastname", "surname", "family_name"},
    "phone": {"phone", "phone_number", "mobile", "mobilephone", "cell", "telephone"},
    "email": {"email", "email_address", "e_mail"},
    "vip": {"vip", "is_vip"},
    "do_not_call": {"do_not_call", "dnc", "donotcall"},
    "preferred_language": {"preferred_language", "language", "lang", "hs_language"},
    "last_interaction_at": {"last_interaction_at", "last_interaction", "last_contacted", "last_activity_date",
                            "notes_last_contacted", "last_visit"},
    "interactions": {"interactions", "num_interactions", "activity_count", "visits"},
    "notes": {"notes", "note", "comments"},
}
TRUE = {"1", "true", "yes", "y", "x", "vip"}


@dataclass
class ImportReport:
    """What an import did, row by row problems included."""

    created: int = 0
    updated: int = 0
    unparsed_phones: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _columns(header: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for col in header:
        norm = col.strip().lower().replace(" ", "_").replace("-", "_")
        for key, names in ALIASES.items():
            if norm in names and key not in found:
                found[key] = col
    return found


def import_contacts(db: Database, source: Path | IO[str], region: str = "US") -> ImportReport:
    """Insert new contacts, update those whose external id is known; duplicates are kept, never merged."""
    handle = open(source, newline="", encoding="utf-8-sig") if isinstance(source, (str, Path)) else source
    report = ImportReport()
    try:
        reader = csv.DictReader(handle)
        cols = _columns(reader.fieldnames or [])
        if "phone" not in cols and "email" not in cols:
            raise ValueError("the CSV needs a phone or an email column (e.g. a header row 'name,phone,email')")
        with db.session() as s:
            for line, row in enumerate(reader, start=2):
                get = lambda key: (row.get(cols[key]) or "").strip() if key in cols else ""  # noqa: E731
                name = get("name") or " ".join(p for p in (get("first_name"), get("last_name")) if p) or None
                try:
                    last = parse_time(get("last_interaction_at") or None)
                except RecordError as exc:
                    report.errors.append(f"line {line}: {exc}; left empty")
                    last = None
                ext = get("external_id") or None
                contact = s.scalar(select(Contact).where(Contact.external_id == ext)) if ext else None
                if contact is None:
                    contact = Contact(external_id=ext)
                    s.add(contact)
                    report.created += 1
                else:
                    report.updated += 1
                raw = get("phone") or None
                contact.name, contact.phone_raw, contact.phone_e164 = name, raw, to_e164(raw, region)
                if raw and contact.phone_e164 is None:
                    report.unparsed_phones.append(line)
                contact.email = get("email") or None
                contact.vip = get("vip").lower() in TRUE
                contact.do_not_call = get("do_not_call").lower() in TRUE
                contact.preferred_language = get("preferred_language") or None
                contact.last_interaction_at = last
                contact.interactions = int(get("interactions")) if get("interactions").isdigit() else 0
                contact.notes = get("notes") or None
                s.flush()
    finally:
        if handle is not source:
            handle.close()
    return report
