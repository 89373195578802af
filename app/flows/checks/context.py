"""What the meaning checks look at: the models that passed the shape check, their files, a sink."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import FlowProblem, Severity
from ..schema import Business, CallType, EscalationPolicy, Knowledge, Staff
from ..yaml_lines import YamlDoc


@dataclass
class LoadedCallType:
    """One call type file that passed the shape check."""

    model: CallType
    doc: YamlDoc
    stem: str


@dataclass
class Parts:
    """Each part is None when its file was missing or malformed; checks skip what they cannot see."""

    business: Business | None = None
    staff: Staff | None = None
    escalation: EscalationPolicy | None = None
    knowledge: Knowledge | None = None
    docs: dict[str, YamlDoc] = field(default_factory=dict)
    call_types: list[LoadedCallType] = field(default_factory=list)

    def doc(self, part: str) -> YamlDoc:
        return self.docs[part]

    @property
    def target_names(self) -> list[str]:
        """Targets as written, including any a shape error dropped (so they are not also 'unknown')."""
        raw = self._raw_staff("targets")
        if isinstance(raw, dict):
            return [name for name in raw if isinstance(name, str)]
        return list(self.staff.targets) if self.staff else []

    @property
    def staff_ids(self) -> list[str]:
        """Staff ids as written, for the same reason."""
        raw = self._raw_staff("staff")
        if isinstance(raw, list):
            return [item["id"] for item in raw if isinstance(item, dict) and isinstance(item.get("id"), str)]
        return [member.id for member in self.staff.staff] if self.staff else []

    def _raw_staff(self, key: str) -> Any:
        doc = self.docs.get("staff")
        return doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None


class Sink:
    """Collects problems, giving each the line of the path it is about."""

    def __init__(self) -> None:
        self.problems: list[FlowProblem] = []

    def add(self, doc: YamlDoc, path: tuple[Any, ...], message: str, severity: Severity = "error") -> None:
        self.problems.append(FlowProblem(doc.file, doc.line(path), message, severity))

    def error(self, doc: YamlDoc, path: tuple[Any, ...], message: str) -> None:
        self.add(doc, path, message, "error")

    def warning(self, doc: YamlDoc, path: tuple[Any, ...], message: str) -> None:
        self.add(doc, path, message, "warning")
