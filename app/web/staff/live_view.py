"""What the live board and the call page show, worked out from a call's JSON. No I/O; the time is passed in.

Every key of the call state is treated as optional: the state may come from a newer or older
runtime, from Redis mid-call, or from the SQL record of a finished call.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Mapping
from zoneinfo import ZoneInfo

WAITING = frozenset({"connecting", "ringing"})
"""Transfer statuses during which the caller is on hold waiting for a person."""
Names = Callable[[str | None], str]


def parse_time(value: Any) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def seconds_since(value: Any, now: datetime) -> int | None:
    start = parse_time(value)
    return None if start is None else max(0, int((now - start).total_seconds()))


def clock_label(value: Any, zone: ZoneInfo) -> str:
    moment = parse_time(value)
    return moment.astimezone(zone).strftime("%H:%M:%S") if moment else ""


def sentiment_label(score: Any) -> str:
    """VADER's conventional cut-offs (compound score)."""
    if not isinstance(score, (int, float)):
        return "unknown"
    return "negative" if score <= -0.05 else "positive" if score >= 0.05 else "neutral"


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def is_waiting(call: Mapping[str, Any]) -> bool:
    return _dict(call.get("transfer")).get("status") in WAITING


def is_live(call: Mapping[str, Any]) -> bool:
    """The bot is still on the line, or the caller is on hold for a person."""
    return is_waiting(call) or (not call.get("ended_at") and call.get("phase") != "ended")


def caller(call: Mapping[str, Any]) -> dict[str, Any]:
    profile = _dict(call.get("profile"))
    return {"number": call.get("caller") or "", "name": profile.get("name") or "",
            "vip": bool(profile.get("vip")), "known": bool(profile.get("name") or profile.get("contact_id"))}


def escalation(call: Mapping[str, Any]) -> dict[str, Any] | None:
    esc = _dict(call.get("escalation"))
    if not esc.get("reason"):
        return None
    return {"reason": esc.get("reason"), "evidence": esc.get("evidence") or "", "target": esc.get("target") or ""}


def transfer(call: Mapping[str, Any], now: datetime, names: Names) -> dict[str, Any] | None:
    data = _dict(call.get("transfer"))
    if not data:
        return None
    ringing = [m for m in data.get("ringing") or [] if isinstance(m, str)]
    tried = [m for m in data.get("tried") or [] if isinstance(m, str)]
    return {"status": str(data.get("status") or "connecting"), "target": data.get("target") or "",
            "ringing": [names(m) for m in ringing], "tried": [names(m) for m in tried],
            "accepted_by": names(data.get("accepted_by")) if data.get("accepted_by") else "",
            "waited_s": seconds_since(data.get("started_at"), now), "brief": data.get("brief") or "",
            "waiting": data.get("status") in WAITING}


def last_caller_words(call: Mapping[str, Any]) -> str:
    for turn in reversed(call.get("turns") or []):
        if isinstance(turn, dict) and turn.get("role") == "caller" and turn.get("text"):
            return str(turn["text"])
    return ""


def board_row(call: Mapping[str, Any], now: datetime, names: Names) -> dict[str, Any]:
    """One line of the live board."""
    return {"call_sid": call.get("call_sid") or "", "caller": caller(call), "call_type": call.get("call_type") or "",
            "phase": call.get("phase") or "", "mode": call.get("mode") or "live",
            "duration_s": seconds_since(call.get("started_at"), now),
            "sentiment": call.get("sentiment"), "sentiment_label": sentiment_label(call.get("sentiment")),
            "escalation": escalation(call), "transfer": transfer(call, now, names),
            "last_said": last_caller_words(call)}


def board(calls: list[Mapping[str, Any]], now: datetime, names: Names) -> dict[str, Any]:
    """Calls with the bot, and callers waiting for staff (longest wait first)."""
    live = [board_row(c, now, names) for c in calls if is_live(c)]
    waiting = sorted((r for r in live if r["transfer"] and r["transfer"]["waiting"]),
                     key=lambda r: -(r["transfer"]["waited_s"] or 0))
    in_progress = sorted((r for r in live if not (r["transfer"] and r["transfer"]["waiting"])),
                         key=lambda r: -(r["duration_s"] or 0))
    return {"at": now.isoformat(), "in_progress": in_progress, "waiting": waiting}


def transcript(call: Mapping[str, Any], zone: ZoneInfo) -> list[dict[str, Any]]:
    out = []
    for turn in call.get("turns") or []:
        if not isinstance(turn, dict) or not (turn.get("text") or turn.get("dtmf")):
            continue
        out.append({"role": turn.get("role") or "caller", "text": turn.get("text") or f"(pressed {turn.get('dtmf')})",
                     "at": clock_label(turn.get("at"), zone), "intent": turn.get("intent") or "",
                     "confidence": turn.get("confidence"), "escalate": turn.get("escalate") or ""})
    return out


def slots(call: Mapping[str, Any]) -> dict[str, str]:
    """What the caller gave, as read back to them when the runtime kept that wording."""
    shown = {str(k): str(v) for k, v in _dict(call.get("slot_display")).items() if v not in (None, "")}
    raw = {str(k): str(v) for k, v in _dict(call.get("slots")).items() if v not in (None, "") and k not in shown}
    return {**shown, **raw}


def call_detail(call: Mapping[str, Any], now: datetime, zone: ZoneInfo, names: Names) -> dict[str, Any]:
    """Everything the call page shows; the page's script redraws from this JSON while the call is live."""
    started, ended = parse_time(call.get("started_at")), parse_time(call.get("ended_at"))
    live = is_live(call)
    duration = int(((now if live or not ended else ended) - started).total_seconds()) if started else None
    row = board_row(call, now, names)
    return {**row, "live": live, "outcome": call.get("outcome") or "", "language": call.get("language") or "",
            "duration_s": max(0, duration) if duration is not None else None,
            "started": started.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if started else "",
            "ended": ended.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if ended else "",
            "slots": slots(call), "transcript": transcript(call, zone),
            "transcript_purged": bool(call.get("transcript_purged"))}
