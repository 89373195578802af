"""The data-hygiene checklist to run before go-live (`frontdesk crm audit`)."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from .base import CrmContact
from .phones import to_e164

MISSING_LIMIT = 0.10
TOP_ACCOUNTS = 50


@dataclass
class Check:
    name: str
    passed: bool
    value: Any
    limit: str
    detail: list[Any] = field(default_factory=list)


@dataclass
class AuditReport:
    """Checks and totals; `passed` is what the command's exit status reflects."""

    contacts: int
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {"contacts": self.contacts, "passed": self.passed, "checks": [asdict(c) for c in self.checks]}


def _name_key(name: str | None) -> str:
    return re.sub(r"[^a-z]", "", (name or "").lower())


def _duplicates(top: list[CrmContact], region: str) -> list[list[str]]:
    """Groups of contact ids among `top` that share a phone number, an email or a full name."""
    parent: dict[str, str] = {c.id: c.id for c in top}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: dict[tuple[str, str], str] = {}
    for c in top:
        keys = [("phone", to_e164(c.phone, region) or ""), ("email", (c.email or "").strip().lower()),
                ("name", _name_key(c.name))]
        for key in keys:
            if not key[1] or (key[0] == "name" and len(key[1]) < 6):
                continue
            if key in seen:
                parent[find(c.id)] = find(seen[key])
            else:
                seen[key] = c.id
    groups: dict[str, list[str]] = defaultdict(list)
    for c in top:
        groups[find(c.id)].append(c.id)
    return [g for g in groups.values() if len(g) > 1]


def audit_contacts(contacts: Iterable[CrmContact], region: str = "US",
                   raw_phones: Iterable[tuple[str, str | None]] | None = None) -> AuditReport:
    """Missing phone/email/last interaction (each under 10%), duplicates among the 50 most active, bad numbers."""
    items = list(contacts)
    total = len(items)
    checks: list[Check] = []
    for label, missing in (
        ("missing_phone", [c.id for c in items if not (c.phone or "").strip()]),
        ("missing_email", [c.id for c in items if not (c.email or "").strip()]),
        ("missing_last_interaction", [c.id for c in items if c.last_interaction_at is None]),
    ):
        share = len(missing) / total if total else 0.0
        checks.append(Check(label, share < MISSING_LIMIT, round(share, 4), f"< {MISSING_LIMIT:.0%}", missing[:20]))
    def activity(c: CrmContact) -> tuple:
        return (c.interactions, c.last_interaction_at.timestamp() if c.last_interaction_at else 0.0)

    top = sorted(items, key=activity, reverse=True)[:TOP_ACCOUNTS]
    dups = _duplicates(top, region)
    checks.append(Check("duplicates_in_top_50", not dups, len(dups), "0 groups", dups))
    phones = list(raw_phones) if raw_phones is not None else [(c.id, c.phone) for c in items]
    bad = [{"id": cid, "phone": raw} for cid, raw in phones if raw and to_e164(raw, region) is None]
    checks.append(Check("unparseable_numbers", not bad, len(bad), "0", bad[:20]))
    if total == 0:
        checks.append(Check("has_contacts", False, 0, "> 0", ["no contacts: import a CSV with `frontdesk crm import`"]))
    return AuditReport(total, checks)


def render_text(report: AuditReport) -> str:
    lines = [f"CRM audit: {report.contacts} contacts"]
    for c in report.checks:
        mark = "PASS" if c.passed else "FAIL"
        value = f"{c.value:.1%}" if isinstance(c.value, float) else str(c.value)
        lines.append(f"  [{mark}] {c.name}: {value} (limit {c.limit})")
        if not c.passed and c.detail:
            lines.append(f"         e.g. {c.detail[:5]}")
    lines.append("result: " + ("PASS" if report.passed else "FAIL"))
    return "\n".join(lines)
