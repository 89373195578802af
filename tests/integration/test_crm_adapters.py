"""CRM adapters over real sockets and SQL: lookup rules, budget, idempotent writes, signed webhooks, audit."""
from __future__ import annotations

import io
import json
import time
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner

from app.integrations.crm import CallSummary, CallbackTask, PermanentCrmError, lookup_caller
from app.integrations.crm.audit import audit_contacts
from app.integrations.crm.builtin import BuiltinCrm
from app.integrations.crm.csv_import import import_contacts
from app.integrations.crm.hubspot import HubSpotCrm
from app.integrations.crm.webhook import WebhookCrm, sign, verify
from app.storage import Database
from tests.standins.hubspot import HubSpotStandIn
from tests.standins.webhook_receiver import WebhookReceiver

CSV = """id,First Name,Last Name,Phone,Email,VIP,DNC,Language,Last Contacted,Visits
1,Ana,Diaz,(212) 555-0123,ana@example.com,yes,,es,2026-10-01,12
2,Ana,Díaz,212.555.0123,ana.d@example.com,,,en,2026-11-01,3
3,Bo,Li,+1 310 555 0142,bo@example.com,,yes,,2026-09-01,5
4,Cy,Ng,12,cy@example.com,,,,2026-08-01,1
"""


@pytest.fixture()
def db(tmp_path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'fd.sqlite3'}")


def test_csv_import_and_duplicate_rule(db: Database) -> None:
    report = import_contacts(db, io.StringIO(CSV))
    assert (report.created, report.unparsed_phones) == (4, [5])
    crm = BuiltinCrm(db)
    profile = lookup_caller(crm, "+1 212-555-0123", budget_seconds=2)
    # most recent interaction wins (record 2), flagged for staff, not merged
    assert profile.contact_id == "2" and profile.duplicate_records and profile.preferred_language == "en"
    assert profile.vip is False
    assert lookup_caller(crm, "+13105550142", 2).do_not_call is True
    assert lookup_caller(crm, "+14155550100", 2) is None  # a new caller
    assert lookup_caller(crm, None, 2) is None and lookup_caller(crm, "anonymous", 2) is None
    assert import_contacts(db, io.StringIO(CSV)).updated == 4  # external ids make re-imports updates


def test_builtin_writes_are_idempotent(db: Database) -> None:
    crm = BuiltinCrm(db)
    s = CallSummary(call_sid="CA9", phone="+12125550123", title="t", body="first")
    first = crm.upsert_call_summary(s)
    assert crm.upsert_call_summary(CallSummary(call_sid="CA9", phone=None, title="t", body="second")) == first
    task = CallbackTask(key="cb-CA9", phone="+12125550123", title="Call Dana back")
    assert crm.create_callback_task(task) == crm.create_callback_task(task)


def test_lookup_never_waits_past_its_budget() -> None:
    with HubSpotStandIn(token="tok") as hs:
        hs.add_contact(firstname="Ana", phone="+12125550123")
        hs.lookup_delay = 3.0
        crm = HubSpotCrm("tok", host=hs.url)
        assert lookup_caller(crm, "+12125550123", budget_seconds=0.2) is None
        hs.lookup_delay = 0
        assert lookup_caller(crm, "+12125550123", budget_seconds=5).name == "Ana"


def test_hubspot_lookup_flags_and_auth_errors() -> None:
    with HubSpotStandIn(token="tok") as hs:
        hs.add_contact(firstname="Ana", lastname="Diaz", phone="+12125550123", frontdesk_vip="true",
                       hs_language="es", notes_last_contacted="2026-10-01T00:00:00Z")
        hs.add_contact(firstname="Ana", phone="+12125550123", frontdesk_do_not_call="true")
        profile = lookup_caller(HubSpotCrm("tok", host=hs.url), "(212) 555-0123", budget_seconds=5)
        assert profile.name == "Ana Diaz" and profile.vip and profile.do_not_call and profile.duplicate_records
        with pytest.raises(PermanentCrmError):
            HubSpotCrm("wrong", host=hs.url).find_contacts("+12125550123")
        task = CallbackTask(key="cb-1", phone="+12125550123", title="Call back")
        crm = HubSpotCrm("tok", host=hs.url)
        assert crm.create_callback_task(task) == crm.create_callback_task(task)
        assert len(hs.objects["tasks"]) == 1


def test_signed_webhook_roundtrip_and_dedupe() -> None:
    secret = "s3cret-s3cret-s3cret"
    with WebhookReceiver(secret) as rx:
        crm = WebhookCrm(rx.url, secret)
        rx.contacts["+12125550123"] = [{"id": "c1", "name": "Ana", "vip": True},
                                       {"id": "c2", "name": "Ana D", "last_interaction_at": "2026-11-01T00:00:00Z"}]
        profile = lookup_caller(crm, "212-555-0123", budget_seconds=5)
        assert profile.contact_id == "c2" and profile.duplicate_records
        s = CallSummary(call_sid="CAW", phone="+12125550123", title="t", body="b",
                        ended_at=datetime(2026, 11, 24, tzinfo=timezone.utc))
        crm.upsert_call_summary(s)
        crm.upsert_call_summary(s)
        assert len([e for e in rx.received if e["event"] == "call.summary"]) == 2
        assert list(rx.events) == ["call.summary:CAW"]  # same idempotency key both times
        forged = WebhookCrm(rx.url, "another-secret-entirely")
        with pytest.raises(PermanentCrmError):
            forged.upsert_call_summary(s)
        assert rx.rejected == 1


def test_signature_verification_rules() -> None:
    body, now = b'{"event":"x"}', int(time.time())
    sig = sign("k" * 20, now, body)
    assert verify("k" * 20, body, str(now), sig)
    assert not verify("k" * 20, body + b" ", str(now), sig)
    assert not verify("k" * 20, body, str(now - 3600), sign("k" * 20, now - 3600, body))  # replayed
    assert not verify("k" * 20, body, None, sig)


def test_audit_checklist(db: Database, tmp_path, monkeypatch) -> None:
    import_contacts(db, io.StringIO(CSV))
    crm = BuiltinCrm(db)
    report = audit_contacts(crm.iter_contacts(), raw_phones=crm.raw_phones())
    checks = {c.name: c for c in report.checks}
    assert not report.passed
    assert checks["missing_email"].passed and checks["missing_last_interaction"].passed
    assert checks["duplicates_in_top_50"].detail == [["1", "2"]]
    assert checks["unparseable_numbers"].value == 1
    from app.cli.crm import crm as crm_cli

    monkeypatch.setenv("DATABASE_URL", db.url)
    result = CliRunner().invoke(crm_cli, ["audit", "--json"])
    assert result.exit_code == 1 and json.loads(result.output)["passed"] is False
    good = tmp_path / "good.csv"
    good.write_text("name,phone,email,last_interaction_at\nZoe,+12125550199,z@example.com,2026-01-01\n")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'clean.sqlite3'}")
    assert CliRunner().invoke(crm_cli, ["import", str(good)]).exit_code == 0
    result = CliRunner().invoke(crm_cli, ["audit"])
    assert result.exit_code == 0 and "result: PASS" in result.output
