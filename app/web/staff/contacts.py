"""Operators' view of the built-in CRM: search, open, edit (audited) and import contacts from CSV."""
from __future__ import annotations

import io
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .auth import role_required
from .blueprint import bp
from .call_data import recent_calls
from .contact_store import ContactChanges, get_contact, import_upload, search_contacts, update_contact
from .forms import ContactForm, ImportForm
from .paging import page_number
from .services import staff_services


def _languages(current: str | None) -> list[str]:
    """The business's languages, plus whatever the contact already has (an import may bring others)."""
    codes = list(dict.fromkeys(getattr(staff_services().flows.business, "language_codes", None) or ["en"]))
    return codes + [current] if current and current not in codes else codes


@bp.get("/contacts")
@role_required("operator")
def contacts() -> Any:
    q = (request.args.get("q") or "")[:100]
    page = search_contacts(staff_services().db, q, page_number(request.args))
    return render_template("staff/contacts.html", page=page, q=q, form=ImportForm())


def _contact_or_404(contact_id: int) -> Any:
    contact = get_contact(staff_services().db, contact_id)
    if contact is None:
        abort(404)
    return contact


@bp.route("/contacts/<int:contact_id>", methods=["GET", "POST"])
@role_required("operator")
def contact(contact_id: int) -> Any:
    svc = staff_services()
    row = _contact_or_404(contact_id)
    form = ContactForm(obj=row if request.method == "GET" else None).with_languages(_languages(row.preferred_language))
    if form.validate_on_submit():
        changes = ContactChanges(name=(form.name.data or "").strip() or None,
                                 email=(form.email.data or "").strip() or None, vip=bool(form.vip.data),
                                 do_not_call=bool(form.do_not_call.data),
                                 preferred_language=form.preferred_language.data or None)
        diff = update_contact(svc.db, contact_id, changes, current_user.email)
        flash(f"Saved ({', '.join(diff) if diff else 'nothing changed'}).")
        return redirect(url_for("staff.contact", contact_id=contact_id))
    status = 400 if request.method == "POST" else 200
    recent = recent_calls(svc, row.phone_e164 or row.phone_raw)
    return render_template("staff/contact.html", contact=row, form=form, recent=recent), status


@bp.post("/contacts/import")
@role_required("operator")
def contacts_import() -> Any:
    form = ImportForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash("Import failed: " + "; ".join(errors))
        return redirect(url_for("staff.contacts"))
    upload = form.file.data
    try:
        handle = io.TextIOWrapper(upload.stream, encoding="utf-8-sig", newline="")
        report = import_upload(staff_services().db, handle, current_user.email, upload.filename or "")
    except (ValueError, UnicodeDecodeError) as exc:
        flash(f"Import failed: {exc}")
        return redirect(url_for("staff.contacts"))
    flash(f"Imported {upload.filename}: {report.created} created, {report.updated} updated"
          + (f"; numbers that do not parse on lines {report.unparsed_phones[:20]}" if report.unparsed_phones else "")
          + (f"; {'; '.join(report.errors[:5])}" if report.errors else ""))
    return redirect(url_for("staff.contacts"))
