"""The call summary written to the CRM: structured by default, a language model's when one is configured."""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable

from app.integrations.crm.base import CallSummary
from app.storage.records import parse_time

from .redact import redact

log = logging.getLogger(__name__)
Summarizer = Callable[[dict[str, Any]], str]
"""Takes the redacted record, returns the summary text."""

NEXT_STEP = {
    "resolved": "No follow-up needed; the caller's request was handled.",
    "transferred": "Handed to {target}; they own the follow-up.",
    "message_taken": "Call back {who} at {number}.",
    "abandoned": "The caller hung up before finishing; consider calling back.",
}


def _next_step(rec: dict[str, Any]) -> str:
    from .callbacks import message_fields

    esc = rec.get("escalation") or {}
    name, number, _ = message_fields(rec)
    template = NEXT_STEP.get(rec.get("outcome") or "", "Review the call.")
    return template.format(target=esc.get("target") or "staff", who=name or "the caller",
                           number=number or rec.get("caller") or "the number on file")


def structured_text(rec: dict[str, Any]) -> str:
    """Plain text a person reads at a glance, transcript last."""
    profile, esc = rec.get("profile") or {}, rec.get("escalation") or {}
    lines = [f"Caller: {profile.get('name') or 'unknown'} ({rec.get('caller') or 'number withheld'})"]
    if profile.get("duplicate_records"):
        lines.append("Note: several CRM records share this number; check which one is right.")
    lines.append(f"Call type: {rec.get('call_type') or 'not identified'}")
    slots = {k: v for k, v in (rec.get("slots") or {}).items() if v not in (None, "")}
    if slots:
        lines.append("Details collected: " + "; ".join(f"{k}: {v}" for k, v in slots.items()))
    lines.append(f"Outcome: {rec.get('outcome') or 'unknown'}")
    if esc:
        lines.append(f"Escalation: {esc.get('reason')} (evidence: {esc.get('evidence') or 'n/a'})")
    from .callbacks import message_fields

    reason = message_fields(rec)[2]
    if reason:
        lines.append(f"Message: {reason}")
    if rec.get("sentiment") is not None:
        lines.append(f"Sentiment: {float(rec['sentiment']):+.2f}")
    lines.append(f"Next step: {_next_step(rec)}")
    turns = rec.get("turns") or []
    if rec.get("transcript_purged"):
        lines.append("Transcript: removed by the retention policy.")
    elif turns:
        lines.append("Transcript:")
        lines += [f"  {'Caller' if t.get('role') == 'caller' else 'Frontdesk'}: {t.get('text', '')}" for t in turns]
    return "\n".join(lines)


def build_summary(record: dict[str, Any], summarizer: Summarizer | None = None) -> CallSummary:
    """Redact first, then summarise; a failing language model falls back to the structured text."""
    rec = redact(record)
    body = None
    if summarizer is not None:
        try:
            body = redact(summarizer(rec))
        except Exception as exc:  # the summary must still be written
            log.warning("summary model failed for %s (%s); using the structured summary", rec.get("call_sid"), exc)
    body = body or structured_text(rec)
    profile = rec.get("profile") or {}
    title = f"Frontdesk call: {rec.get('call_type') or 'call'} ({rec.get('outcome') or 'unknown'})"
    return CallSummary(
        call_sid=rec["call_sid"], phone=rec.get("caller"), title=title, body=body,
        started_at=parse_time(rec.get("started_at")), ended_at=parse_time(rec.get("ended_at")),
        contact_id=profile.get("contact_id"), outcome=rec.get("outcome"),
        data={k: rec.get(k) for k in ("call_type", "outcome", "language", "slots", "escalation", "sentiment")},
    )


def openai_summarizer(settings: Any) -> Summarizer:
    """Summaries by the configured OpenAI-compatible model with prompts/summarize.md."""
    from app.integrations.openai import build_client

    client = build_client(settings.openai_api_key, settings.openai_base_url,
                          timeout=max(10.0, float(settings.openai_timeout_seconds)), max_retries=2)
    template = (Path(settings.prompts_dir) / "summarize.md").read_text(encoding="utf-8")
    model = (getattr(settings, "extra", {}) or {}).get("FRONTDESK_SUMMARY_MODEL", "gpt-4o-mini")

    def summarize(rec: dict[str, Any]) -> str:
        payload = {k: v for k, v in rec.items() if k not in ("actions", "timings")}
        prompt = template.replace("{{record}}", json.dumps(payload, ensure_ascii=False, default=str, indent=1))
        reply = client.chat.completions.create(model=model, temperature=0,
                                               messages=[{"role": "user", "content": prompt}])
        return (reply.choices[0].message.content or "").strip()

    return summarize
