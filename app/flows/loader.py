"""Load a flows folder: parse every file, check its shape, then its meaning; never crash on bad input."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .checks import LoadedCallType, Parts, check_meaning
from .errors import FlowProblem, FlowsError, sort_problems
from .salvage import salvage
from .schema import Business, CallType, EscalationPolicy, Flows, Knowledge, Staff
from .shape import validate_doc
from .yaml_lines import YamlDoc, read_yaml

log = logging.getLogger(__name__)

FILES: dict[str, type[BaseModel]] = {
    "business": Business, "staff": Staff, "escalation": EscalationPolicy, "knowledge": Knowledge,
}
OPTIONAL = {"knowledge"}


@dataclass
class FlowsReport:
    """The outcome of checking a folder: the flows when there are no errors, and every problem."""

    directory: str
    flows: Flows | None
    problems: list[FlowProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[FlowProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[FlowProblem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_flows(directory: str | Path, call_types_dir: str | Path | None = None) -> FlowsReport:
    """Read and check a flows folder, collecting every problem instead of stopping at the first.

    A file with shape errors is salvaged (bad values dropped) so the rest of it still gets meaning
    checks; the flows are only returned when there are no errors at all.
    """
    root = Path(directory)
    types_dir = Path(call_types_dir) if call_types_dir else root / "call_types"
    problems: list[FlowProblem] = []
    if not root.is_dir():
        problem = FlowProblem(str(root), 1, "is not a folder; give the folder that holds business.yaml, staff.yaml, escalation.yaml and call_types/")
        return FlowsReport(str(root), None, [problem])
    parts = Parts()
    for part, model in FILES.items():
        setattr(parts, part, _load_part(root, part, model, parts, problems))
    parts.call_types = _load_call_types(types_dir, problems)
    problems.extend(check_meaning(parts))
    problems = sort_problems(problems)
    flows = None
    if not any(p.is_error for p in problems):
        flows = Flows(
            business=parts.business, staff=parts.staff, escalation=parts.escalation,
            knowledge=parts.knowledge, call_types={c.model.name: c.model for c in parts.call_types},
        )
    return FlowsReport(str(root), flows, problems)


def load_flows(directory: str | Path, call_types_dir: str | Path | None = None) -> Flows:
    """Read business, staff, escalation, knowledge and call_types/*.yaml; FlowsError lists every problem."""
    report = check_flows(directory, call_types_dir)
    if report.flows is None:
        raise FlowsError(report.problems)
    if report.warnings:
        log.warning("the flows in %s have %d warning(s); run `frontdesk flows validate %s` to see them",
                    directory, len(report.warnings), directory)
        for warning in report.warnings:
            log.debug("%s", warning.render())
    return report.flows


def _load_part(root: Path, part: str, model: type[BaseModel], parts: Parts, problems: list[FlowProblem]) -> Any:
    path = root / f"{part}.yaml"
    display = str(path)
    if part in OPTIONAL and not path.exists():
        parts.docs[part] = YamlDoc(display, {})
        return model.model_validate({})
    doc, found = read_yaml(path, display)
    problems.extend(found)
    if doc is None:
        return None
    parts.docs[part] = doc
    if doc.data is None:
        if part in OPTIONAL:
            return model.model_validate({})
        problems.append(FlowProblem(display, 1, f"the file is empty; write the {part} settings in it (see docs/flows.md)"))
        return None
    instance, found = validate_doc(model, doc)
    problems.extend(found)
    return instance if instance is not None else salvage(model, doc.data)


def _load_call_types(types_dir: Path, problems: list[FlowProblem]) -> list[LoadedCallType]:
    if not types_dir.is_dir():
        problems.append(FlowProblem(str(types_dir), 1, "call types folder not found; create it with one <name>.yaml file per call type"))
        return []
    for stray in sorted(types_dir.glob("*.yml")):
        problems.append(FlowProblem(str(stray), 1, "ignored: call type files must end in .yaml; rename it", "warning"))
    paths = sorted(types_dir.glob("*.yaml"))
    if not paths:
        problems.append(FlowProblem(str(types_dir), 1, "there are no call types; add at least one <name>.yaml with name, description and examples"))
    loaded = []
    for path in paths:
        doc, found = read_yaml(path, str(path))
        problems.extend(found)
        if doc is None:
            continue
        if doc.data is None:
            problems.append(FlowProblem(doc.file, 1, "the file is empty; a call type needs at least name, description and examples"))
            continue
        model, found = validate_doc(CallType, doc)
        problems.extend(found)
        model = model if model is not None else salvage(CallType, doc.data)
        if model is not None:
            loaded.append(LoadedCallType(model, doc, path.stem))
    return loaded
