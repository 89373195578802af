"""Meaning checks, run after every file has passed (or failed) its shape check."""
from __future__ import annotations

from ..errors import FlowProblem
from .business import check_business, phone_problem
from .call_types import check_call_types, check_knowledge, normalise
from .context import LoadedCallType, Parts, Sink
from .escalation import check_escalation
from .routing import check_routing
from .targets import check_targets
from .texts import KNOWN_VARIABLES, check_text, check_texts

CHECKS = (check_targets, check_business, check_escalation, check_knowledge, check_call_types, check_texts,
          check_routing)


def check_meaning(parts: Parts) -> list[FlowProblem]:
    """Run every meaning check on whatever parts loaded; each skips what it cannot see."""
    sink = Sink()
    for check in CHECKS:
        check(parts, sink)
    return sink.problems


__all__ = ["KNOWN_VARIABLES", "LoadedCallType", "Parts", "Sink", "check_meaning", "check_text", "normalise", "phone_problem"]
