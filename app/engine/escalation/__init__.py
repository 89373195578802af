"""The always-escalate policy as pure functions: built-in grammar plus the operator's YAML."""
from __future__ import annotations

from .detector import (
    PRIORITY,
    PolicyEscalationDetector,
    build_escalation_detector,
    builtin_rules,
)
from .normalize import Normalized, normalize, normalize_text

__all__ = [
    "PRIORITY", "Normalized", "PolicyEscalationDetector", "build_escalation_detector", "builtin_rules",
    "normalize", "normalize_text",
]
