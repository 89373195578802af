"""Consent and opt-outs: what a caller agreed to (with time and wording) and who said STOP."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from .database import Database, as_utc
from .models import ConsentRecord, OptOut

# The carrier-standard keywords (CTIA; the same set Twilio honours) and their common Spanish
# equivalents, matched on the whole message.
OPT_OUT_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
                              "OPT OUT", "STOP ALL", "ALTO", "PARAR", "BAJA", "CANCELAR"})
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP", "YES", "OPTIN", "OPT IN"})


def _keyword(body: str) -> str:
    return " ".join(body.strip().strip(".!").upper().split())


def record_inbound_sms(db: Database, phone_e164: str, body: str, at: datetime | None = None) -> str | None:
    """Apply STOP/START from an incoming text; returns 'opt_out', 'opt_in' or None."""
    word = _keyword(body or "")
    if word in OPT_OUT_KEYWORDS:
        add_opt_out(db, phone_e164, source="sms_keyword", keyword=word, at=at)
        return "opt_out"
    if word in OPT_IN_KEYWORDS:
        with db.session() as s:
            s.execute(delete(OptOut).where(OptOut.phone_e164 == phone_e164, OptOut.source == "sms_keyword"))
        db.audit("opt_in", phone_e164, keyword=word)
        return "opt_in"
    return None


def add_opt_out(db: Database, phone_e164: str, *, source: str, keyword: str | None = None,
                at: datetime | None = None) -> None:
    with db.session() as s:
        if s.scalar(select(OptOut.id).where(OptOut.phone_e164 == phone_e164)) is None:
            s.add(OptOut(phone_e164=phone_e164, source=source, keyword=keyword, **({"at": at} if at else {})))
    db.audit("opt_out", phone_e164, source=source, keyword=keyword)


def opt_out_reason(db: Database, phone_e164: str) -> str | None:
    """'sms_keyword:STOP', 'do_not_call', ... when the number must not be contacted, else None."""
    with db.session() as s:
        row = s.scalar(select(OptOut).where(OptOut.phone_e164 == phone_e164))
        if row is None:
            return None
        return f"{row.source}:{row.keyword}" if row.keyword else row.source


def record_consent(db: Database, phone_e164: str, *, channel: str, granted: bool, wording: str,
                   call_sid: str | None = None, written: bool = False, at: datetime | None = None) -> None:
    """Keep the caller's answer with the exact question asked; the latest answer wins."""
    if channel not in {"sms", "voice_ai"}:
        raise ValueError(f"consent channel {channel!r} must be 'sms' or 'voice_ai'")
    if not wording.strip():
        raise ValueError("consent needs the wording the caller was asked")
    with db.session() as s:
        s.add(ConsentRecord(phone_e164=phone_e164, channel=channel, granted=granted, wording=wording,
                            call_sid=call_sid, written=written, **({"at": at} if at else {})))
    db.audit("consent", phone_e164, channel=channel, granted=granted, written=written, call_sid=call_sid)


def latest_consent(db: Database, phone_e164: str, channel: str) -> tuple[bool, bool, datetime | None]:
    """(granted, written, when) of the most recent answer; (False, False, None) when never asked."""
    with db.session() as s:
        row = s.scalar(select(ConsentRecord).where(ConsentRecord.phone_e164 == phone_e164,
                                                   ConsentRecord.channel == channel)
                       .order_by(ConsentRecord.at.desc(), ConsentRecord.id.desc()).limit(1))
        if row is None:
            return False, False, None
        return row.granted, row.written, as_utc(row.at)
