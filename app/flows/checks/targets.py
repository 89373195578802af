"""Every transfer target named anywhere exists, is made of real staff, and fallbacks end."""
from __future__ import annotations

import difflib
from typing import Any

from ..schema import ALWAYS_ESCALATE
from ..suggest import closest
from ..yaml_lines import YamlDoc
from .context import Parts, Sink

MESSAGE = "message"


def check_targets(parts: Parts, sink: Sink) -> None:
    """Run every target check the loaded parts allow."""
    if parts.staff is None:
        return
    _check_staff(parts, sink)
    if parts.escalation is not None:
        _check_escalation(parts, sink)
    for loaded in parts.call_types:
        if loaded.model.handoff is not None:
            _reference(parts, sink, loaded.doc, ("handoff",), loaded.model.handoff, "handoff")


def unknown_target(parts: Parts, name: str, allow_message: bool = False) -> str:
    """Explain an unknown target name, with the closest defined name if there is one."""
    names = parts.target_names + ([MESSAGE] if allow_message else [])
    guess = closest(name, names)
    staff_file = parts.doc("staff").file
    hint = f"did you mean '{guess}'? " if guess else ""
    return f"target '{name}' is not defined under targets in {staff_file}; {hint}use one of: {', '.join(names)} (or add it there)"


def _reference(parts: Parts, sink: Sink, doc: YamlDoc, path: tuple[Any, ...], name: str, what: str, allow_message: bool = False) -> None:
    if name in parts.target_names or (allow_message and name == MESSAGE):
        return
    sink.error(doc, path, f"{what}: {unknown_target(parts, name, allow_message)}")


def _check_staff(parts: Parts, sink: Sink) -> None:
    staff, doc = parts.staff, parts.doc("staff")
    assert staff is not None
    first_line: dict[str, int] = {}
    for index, member in enumerate(staff.staff):
        if member.id in first_line:
            sink.error(doc, ("staff", index, "id"), f"staff id '{member.id}' is used twice (first on line {first_line[member.id]}); give each person a different id")
        else:
            first_line[member.id] = doc.line(("staff", index, "id"))
    for name, target in staff.targets.items():
        if name == MESSAGE:
            sink.error(doc, ("targets", name), "a target cannot be called 'message' (that word means 'take a message'); rename it")
        seen: set[str] = set()
        for index, member in enumerate(target.members):
            if member in seen:
                sink.warning(doc, ("targets", name, "members", index), f"'{member}' is listed twice in target '{name}'; remove the repeat")
            seen.add(member)
            if member not in parts.staff_ids:
                guess = closest(member, parts.staff_ids)
                hint = f"did you mean '{guess}'? " if guess else ""
                sink.error(doc, ("targets", name, "members", index), f"member '{member}' of target '{name}' is not a staff id; {hint}use an id from the staff list: {', '.join(parts.staff_ids)}")
        if target.fallback is not None:
            if target.fallback == name:
                sink.error(doc, ("targets", name, "fallback"), f"target '{name}' falls back to itself; name another target or 'message'")
            else:
                _reference(parts, sink, doc, ("targets", name, "fallback"), target.fallback, "fallback", allow_message=True)
    _check_cycles(parts, sink)
    _check_named(parts, sink)


def _check_named(parts: Parts, sink: Sink) -> None:
    staff, doc = parts.staff, parts.doc("staff")
    assert staff is not None
    if staff.front_desk not in parts.target_names:
        where = ("front_desk",) if "front_desk" in (doc.data or {}) else ()
        sink.error(doc, where, f"front_desk (the target of last resort, used when nothing else is named) is '{staff.front_desk}', which is not a target; "
                   f"define a target '{staff.front_desk}' or set front_desk: to one of {', '.join(parts.target_names)}")
    for key in ("spanish_target", "on_call"):
        value = getattr(staff, key)
        if value is not None:
            _reference(parts, sink, doc, (key,), value, key)
    business = parts.business
    if business is not None and business.after_hours == "on_call" and staff.on_call is None:
        sink.error(parts.doc("business"), ("after_hours",), f"after_hours is 'on_call' but {doc.file} names no on_call target; add `on_call: <target>` there or set after_hours: message")
    if business is not None and "es" in business.language_codes and staff.spanish_target is None:
        sink.warning(doc, (), "the business speaks Spanish but no spanish_target is set, so Spanish callers who need a person reach front_desk; add `spanish_target: <target>`")


def _check_cycles(parts: Parts, sink: Sink) -> None:
    staff, doc = parts.staff, parts.doc("staff")
    assert staff is not None
    reported: set[frozenset[str]] = set()
    for start in staff.targets:
        chain, current = [start], staff.targets[start].fallback
        while current in staff.targets and current not in chain:
            chain.append(current)
            current = staff.targets[current].fallback
        if current == start and len(chain) > 1 and frozenset(chain) not in reported:
            reported.add(frozenset(chain))
            loop = " -> ".join(chain + [start])
            sink.error(doc, ("targets", chain[-1], "fallback"), f"fallbacks go round in a circle ({loop}), so an unanswered call would ring forever; end the chain with `fallback: message`")


def _check_escalation(parts: Parts, sink: Sink) -> None:
    policy, doc = parts.escalation, parts.doc("escalation")
    assert policy is not None
    for name, category in policy.categories.items():
        _reference(parts, sink, doc, ("categories", name, "target"), category.target, f"category {name}")
    for name, trigger in policy.triggers.items():
        _reference(parts, sink, doc, ("triggers", name, "target"), trigger.target, f"trigger {name}")
    written = doc.data.get("categories") if isinstance(doc.data, dict) else None
    misspelt = [str(k) for k in written if k not in ALWAYS_ESCALATE] if isinstance(written, dict) else []
    missing = [c for c in ALWAYS_ESCALATE if c not in policy.categories and not difflib.get_close_matches(c, misspelt, n=1)]
    for category in missing:
        choices = ", ".join(parts.target_names) or "your targets"
        sink.error(doc, ("categories",), f"always-escalate category '{category}' has no target; add `{category}:` under categories with `target: <one of {choices}>`")
