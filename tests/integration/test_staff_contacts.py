"""Contacts of the built-in CRM for operators: search, audited edits, do-not-call, CSV import."""
from __future__ import annotations

import io

from sqlalchemy import select

from app.storage.consent import opt_out_reason
from app.storage.models import AuditEntry, Contact
from app.storage.records import record_call
from tests.integration.staff_support import signed_in, staff, token_of
from tests.standins.harness import sample_record

__all__ = ["staff"]


def add_contact(svc, **fields) -> int:
    with svc.db.session() as s:
        row = Contact(**{"name": "Dana Ruiz", "phone_raw": "(212) 555-0123", "phone_e164": "+12125550123",
                         "email": "dana@example.com", **fields})
        s.add(row)
        s.flush()
        return row.id


def audits(svc, action: str) -> list[AuditEntry]:
    with svc.db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def test_search_by_name_email_or_phone_digits(staff) -> None:
    app, svc = staff
    add_contact(svc)
    add_contact(svc, name="Eli 100%_Smith", phone_raw="+1 646 555 0188", phone_e164="+16465550188", email=None)
    client = signed_in(app, svc, "operator")
    assert "Dana Ruiz" in client.get("/staff/contacts?q=dana").get_data(as_text=True)
    by_phone = client.get("/staff/contacts?q=646-555").get_data(as_text=True)
    assert "Eli 100%_Smith" in by_phone and "Dana Ruiz" not in by_phone
    assert "Dana Ruiz" not in client.get("/staff/contacts?q=%25").get_data(as_text=True)  # % is literal
    assert "No contact matches" in client.get("/staff/contacts?q=zzz").get_data(as_text=True)


def test_edit_is_saved_and_audited_with_who_and_what(staff) -> None:
    app, svc = staff
    cid = add_contact(svc)
    record_call(svc.db, sample_record("CA" + "5" * 32))
    client = signed_in(app, svc, "operator")
    page = client.get(f"/staff/contacts/{cid}").get_data(as_text=True)
    assert "dana@example.com" in page and f"/staff/calls/{'CA' + '5' * 32}" in page
    form = {"csrf_token": token_of(client), "name": "Dana R. Ruiz", "email": "dana@example.com", "vip": "y",
            "preferred_language": "es"}
    assert client.post(f"/staff/contacts/{cid}", data=form).status_code == 302
    with svc.db.session() as s:
        row = s.get(Contact, cid)
        assert (row.name, row.vip, row.do_not_call, row.preferred_language) == ("Dana R. Ruiz", True, False, "es")
    [entry] = audits(svc, "contact_edited")
    assert entry.subject == f"contact:{cid}" and entry.detail["by"] == client.email
    assert entry.detail["changes"] == {"name": ["Dana Ruiz", "Dana R. Ruiz"], "vip": [False, True],
                                       "preferred_language": [None, "es"]}
    assert client.post(f"/staff/contacts/{cid}", data=form).status_code == 302
    assert len(audits(svc, "contact_edited")) == 1  # saving without changes writes nothing


def test_do_not_call_follows_the_flag_onto_the_opt_out_list(staff) -> None:
    app, svc = staff
    cid = add_contact(svc)
    client = signed_in(app, svc, "operator")
    base = {"csrf_token": token_of(client), "name": "Dana Ruiz", "email": "dana@example.com"}
    client.post(f"/staff/contacts/{cid}", data={**base, "do_not_call": "y"})
    assert opt_out_reason(svc.db, "+12125550123") == "do_not_call"
    client.post(f"/staff/contacts/{cid}", data=base)
    assert opt_out_reason(svc.db, "+12125550123") is None
    assert [e.detail["changes"]["do_not_call"] for e in audits(svc, "contact_edited")] == [[False, True], [True, False]]


def test_bad_edits_are_refused_and_change_nothing(staff) -> None:
    app, svc = staff
    cid = add_contact(svc)
    client = signed_in(app, svc, "operator")
    bad = client.post(f"/staff/contacts/{cid}", data={"csrf_token": token_of(client), "email": "not-an-email",
                                                      "preferred_language": "klingon"})
    assert bad.status_code == 400 and "not an email address" in bad.get_data(as_text=True)
    assert client.get("/staff/contacts/999999").status_code == 404
    assert not audits(svc, "contact_edited")


def test_csv_import_through_the_page_uses_the_importer_and_is_audited(staff) -> None:
    app, svc = staff
    client = signed_in(app, svc, "operator")
    upload = "id,name,phone,email,vip\nx1,Fay Wong,(212) 555-0177,fay@example.com,yes\nx2,No Phone,,np@example.com,\n"
    answer = client.post("/staff/contacts/import", data={"csrf_token": token_of(client),
                                                         "file": (io.BytesIO(upload.encode()), "clinic.csv")},
                         content_type="multipart/form-data", follow_redirects=True)
    assert "2 created, 0 updated" in answer.get_data(as_text=True)
    with svc.db.session() as s:
        fay = s.scalar(select(Contact).where(Contact.external_id == "x1"))
        assert (fay.phone_e164, fay.vip) == ("+12125550177", True)
    [entry] = audits(svc, "contacts_imported")
    assert entry.subject == "clinic.csv" and entry.detail["created"] == 2 and entry.detail["by"] == client.email
    wrong = client.post("/staff/contacts/import", data={"csrf_token": token_of(client),
                                                        "file": (io.BytesIO(b"colour,size\nred,4\n"), "x.csv")},
                        content_type="multipart/form-data", follow_redirects=True)
    assert "needs a phone or an email column" in wrong.get_data(as_text=True)
    binary = client.post("/staff/contacts/import", data={"csrf_token": token_of(client),
                                                         "file": (io.BytesIO(b"\xff\xfe\x00bad"), "y.csv")},
                         content_type="multipart/form-data", follow_redirects=True)
    assert binary.status_code == 200 and "Import failed" in binary.get_data(as_text=True)
