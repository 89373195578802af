"""SQL storage: one record, its turns and one outbox row per call SID; unknown fields kept."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.storage import Database, RecordError, load_call, record_call
from app.storage import outbox
from app.storage.consent import latest_consent, opt_out_reason, record_consent, record_inbound_sms
from tests.standins.harness import sample_record
from workers.retention import purge


@pytest.fixture()
def db(tmp_path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'fd.sqlite3'}")


def test_record_call_is_idempotent_and_queues_one_outbox_row(db: Database) -> None:
    assert record_call(db, sample_record("CA100")) is True
    assert record_call(db, sample_record("CA100", outcome="resolved")) is False
    stored = load_call(db, "CA100")
    assert stored["outcome"] == "message_taken"
    assert len(stored["turns"]) == 3 and stored["turns"][0]["intent"] == "book_appointment"
    assert stored["future_field"] == {"kept": True}
    assert stored["started_at"].startswith("2026-11-24T15:00:00")
    entry = outbox.get_entry(db, "CA100")
    assert entry is not None and entry.status == "pending" and entry.attempts == 0


def test_bad_records_are_refused(db: Database) -> None:
    with pytest.raises(RecordError):
        record_call(db, {"caller": "+12125550123"})
    with pytest.raises(RecordError):
        record_call(db, {"call_sid": "CA1", "started_at": "yesterday-ish"})


def test_stop_and_start_keywords(db: Database) -> None:
    assert record_inbound_sms(db, "+12125550123", " stop ") == "opt_out"
    assert opt_out_reason(db, "+12125550123") == "sms_keyword:STOP"
    assert record_inbound_sms(db, "+12125550123", "see you tuesday") is None
    assert record_inbound_sms(db, "+12125550123", "START") == "opt_in"
    assert opt_out_reason(db, "+12125550123") is None


def test_consent_keeps_wording_and_latest_answer_wins(db: Database) -> None:
    assert latest_consent(db, "+12125550123", "sms")[0] is False
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    record_consent(db, "+12125550123", channel="sms", granted=True, wording="May we text you?", at=t0)
    record_consent(db, "+12125550123", channel="sms", granted=False, wording="May we text you?",
                   at=t0 + timedelta(days=1))
    assert latest_consent(db, "+12125550123", "sms")[0] is False
    with pytest.raises(ValueError):
        record_consent(db, "+12125550123", channel="sms", granted=True, wording=" ")


def test_retention_blanks_old_transcripts_and_keeps_audit(db: Database) -> None:
    record_call(db, sample_record("CAOLD"))
    record_call(db, sample_record("CANEW", ended_at="2027-06-01T00:00:00+00:00"))
    counts = purge(db, days=30, now=datetime(2027, 6, 2, tzinfo=timezone.utc))
    assert counts["calls"] == 1
    old, new = load_call(db, "CAOLD"), load_call(db, "CANEW")
    assert all(t["text"] == "" for t in old["turns"]) and old["transcript_purged"]
    assert "slots" not in old and old["outcome"] == "message_taken"
    assert new["turns"][0]["text"]
    from sqlalchemy import select

    from app.storage.models import AuditEntry
    with db.session() as s:
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "retention_purge")) is not None
