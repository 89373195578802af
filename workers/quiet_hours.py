"""Quiet hours: contact people only between 8 am and 9 pm in their local time, from the number's region.

A message must land inside the window with a margin (5 minutes for a text, 15 for a call), so a text
due at 8:58 pm waits until 8 am. A number that maps to many zones (toll-free, non-geographic) uses
the business's zone; one that maps to a few must be inside the window in all of them.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.integrations.crm.phones import time_zones

START, END = time(8, 0), time(21, 0)
MARGIN = {"sms": timedelta(minutes=5), "call": timedelta(minutes=15)}
MAX_ZONES = 4


def recipient_zones(phone_e164: str, fallback: str) -> list[ZoneInfo]:
    zones = time_zones(phone_e164)
    if not zones or len(zones) > MAX_ZONES:
        zones = [fallback]
    return [ZoneInfo(z) for z in zones]


def _inside(at: datetime, zones: list[ZoneInfo], margin: timedelta) -> bool:
    for zone in zones:
        start, end = at.astimezone(zone), (at + margin).astimezone(zone)
        if start.time() < START or end.date() != start.date() or end.time() > END:
            return False
    return True


def next_allowed(at: datetime, phone_e164: str, fallback_zone: str, channel: str = "sms") -> datetime:
    """`at` itself when allowed, else the earliest 8 am (in some recipient zone) that is allowed everywhere."""
    margin = MARGIN.get(channel, MARGIN["sms"])
    zones = recipient_zones(phone_e164, fallback_zone)
    if _inside(at, zones, margin):
        return at
    candidates = []
    for zone in zones:
        local = at.astimezone(zone)
        for days in range(0, 3):
            day = local.date() + timedelta(days=days)
            candidates.append(datetime.combine(day, START, tzinfo=zone))
    for cand in sorted(c for c in candidates if c > at):
        if _inside(cand, zones, margin):
            return cand.astimezone(at.tzinfo)
    probe = at  # zones too far apart for an 8 am start to fit everywhere: scan in 15-minute steps
    for _ in range(4 * 48):
        probe += timedelta(minutes=15)
        if _inside(probe, zones, margin):
            return probe
    return at + timedelta(days=1)
