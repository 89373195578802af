"""Load a flows folder into the Flows model (shape only; see validation for meaning)."""
from __future__ import annotations

from pathlib import Path

import yaml

from .schema import Flows


def read_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_flows(directory: str | Path, call_types_dir: str | Path | None = None) -> Flows:
    """Read business, staff, escalation, knowledge and call_types/*.yaml from a folder."""
    root = Path(directory)
    types_dir = Path(call_types_dir) if call_types_dir else root / "call_types"
    call_types = {}
    for path in sorted(types_dir.glob("*.yaml")):
        data = read_yaml(path)
        call_types[data["name"]] = data
    return Flows.model_validate(
        {
            "business": read_yaml(root / "business.yaml"),
            "staff": read_yaml(root / "staff.yaml"),
            "escalation": read_yaml(root / "escalation.yaml"),
            "knowledge": read_yaml(root / "knowledge.yaml"),
            "call_types": call_types,
        }
    )
