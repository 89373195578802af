"""What a test call starts with: caller ID, open or closed, and the call types the bot may handle.

Pure: the flows, the moment and the page's choices in, the stream's parameters out. By default a
test call gets what a real call would get at that moment (the routing in app.engine.routing);
the tester may pretend the office is open or closed, and may try call types that are still in
shadow mode or a pilot before they go live.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.engine.hours import local_time
from app.engine.routing import NO_CALL_TYPES, call_type_status, decide
from app.flows.schema import Flows
from app.integrations.crm.phones import to_e164

OFFICE_CHOICES = ("auto", "open", "closed")


@dataclass(frozen=True)
class CallSetup:
    """The `start` parameters the server decided, and notes for the tester about them."""

    parameters: dict[str, str]
    notes: tuple[str, ...] = ()


def live_call_types(flows: Flows, at: datetime, call_sid: str, after_hours: bool) -> tuple[str, ...]:
    """The call types a real call at `at` would let the bot handle, with opening hours as given."""
    local = local_time(flows.business, at)
    return tuple(name for name, call_type in flows.call_types.items()
                 if call_type_status(call_type, local, call_sid, after_hours) == "live")


def plan_call(flows: Flows, at: datetime, call_sid: str, given: dict[str, str]) -> CallSetup:
    """Always mode 'test'; nothing the page sends is passed on unchecked."""
    notes: list[str] = []
    raw_caller = (given.get("from") or "").strip()
    caller = to_e164(raw_caller, flows.business.holidays.country) if raw_caller else None
    if raw_caller and caller is None:
        notes.append(f"'{raw_caller[:40]}' is not a phone number; the call has no caller ID.")
    office = given.get("office") if given.get("office") in OFFICE_CHOICES else "auto"
    if office == "auto":
        decision = decide(flows, at, None, call_sid)
        after_hours, types = decision.after_hours, decision.live
        if decision.route != "bot":
            notes.append(f"A real call now would go to {decision.target} before Frontdesk answers "
                         f"({decision.reason}); this test call talks to Frontdesk anyway.")
    else:
        after_hours = office == "closed"
        types = live_call_types(flows, at, call_sid, after_hours)
    if given.get("call_types") == "all":
        types = tuple(name for name, call_type in flows.call_types.items() if call_type.mode != "off")
    parameters = {"mode": "test", "from": caller or "", "to": flows.business.phone or "",
                  "after_hours": "1" if after_hours else "0", "call_types": ",".join(types) or NO_CALL_TYPES}
    return CallSetup(parameters, tuple(notes))
