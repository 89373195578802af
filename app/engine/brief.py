"""The brief staff hear (whisper) and read (text message, call page) before taking a transfer."""
from __future__ import annotations

from .session import CallSession

REASON_WORDS = {
    "human_request": "asked for a person",
    "safety": "possible urgent or safety issue",
    "minors": "a minor, custody or consent question",
    "mental_health": "caller may be in distress",
    "legal": "refund, complaint or legal matter",
    "out_of_scope": "a request the assistant does not handle",
    "low_confidence": "the assistant could not understand the caller",
    "repeated_no_match": "the assistant could not understand the caller",
    "negative_sentiment": "caller sounds upset",
    "vip": "VIP caller",
    "system_failure": "the assistant had a technical problem",
}


def sentiment_word(score: float | None) -> str:
    if score is None:
        return "neutral"
    if score <= -0.5:
        return "upset"
    if score < -0.05:
        return "somewhat negative"
    if score >= 0.3:
        return "positive"
    return "neutral"


def caller_label(session: CallSession) -> str:
    profile = session.profile or {}
    name = profile.get("name") or session.slots.get("patient_name")
    if name and profile.get("name"):
        dup = ", several CRM records" if profile.get("duplicate_records") else ""
        return f"{name}, known contact{dup}"
    if name:
        return f"{name}, not in the CRM"
    return "unknown caller"


def build_brief(session: CallSession, reason: str, evidence: str) -> str:
    """At most about 40 words (15 seconds spoken): who, why, what was tried, how they sound."""
    parts = [f"Call from {caller_label(session)}.", f"Reason: {REASON_WORDS.get(reason, reason)}"]
    if evidence:
        parts[-1] += f' ("{evidence[:80]}")'
    parts[-1] += "."
    if session.call_type:
        collected = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in session.slot_display.items())
        parts.append(f"Was handling {session.call_type.replace('_', ' ')}" + (f": {collected}." if collected else "."))
    if session.language != "en":
        parts.append(f"Speaks {'Spanish' if session.language == 'es' else session.language}.")
    parts.append(f"Caller sounds {sentiment_word(session.sentiment)}.")
    return " ".join(parts)
