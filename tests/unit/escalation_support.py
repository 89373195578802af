"""The demo flows' escalation detector, built once per test session, and the category it finds."""
from __future__ import annotations

import functools

from app.engine.escalation import build_escalation_detector
from app.flows.loader import load_flows
from app.nlu.factory import staff_names
from tests.conftest import FLOWS_DIR


@functools.cache
def demo_detector(with_staff_names: bool = False):
    """`with_staff_names`: the staff's names count as people to ask for, as on a live call."""
    flows = load_flows(FLOWS_DIR)
    if with_staff_names:
        return build_escalation_detector(flows.escalation, people=staff_names(flows))
    return build_escalation_detector(flows.escalation)


def category(detector, text: str, language: str = "en") -> str | None:
    hit = detector.detect(text, language)
    return hit.category if hit else None
