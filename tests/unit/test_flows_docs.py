"""The YAML examples in docs/flows.md are valid, so operators can copy them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.flows.schema import Business, CallType, EscalationPolicy, Knowledge, Staff
from app.flows.shape import validate_doc
from app.flows.yaml_lines import parse_yaml

DOC = Path(__file__).resolve().parents[2] / "docs" / "flows.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
BUSINESS = {"name": "X", "timezone": "UTC", "hours": {"monday": ["08:00-17:00"]}}


def model_for(data: dict):
    if "examples" in data:
        return CallType, data
    if "staff" in data:
        return Staff, data
    if "categories" in data:
        return EscalationPolicy, data
    if "entries" in data:
        return Knowledge, data
    if "reply" in data:
        return CallType, {"name": "x", "description": "x", "examples": ["x"], **data}
    return Business, {**BUSINESS, **data}


def test_the_doc_has_examples():
    assert len(BLOCKS) >= 8


@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0][:30] for b in BLOCKS])
def test_example_is_valid(block: str):
    doc, problems = parse_yaml(block, "docs/flows.md")
    assert problems == [] and isinstance(doc.data, dict)
    model, data = model_for(doc.data)
    doc.data = data
    _, problems = validate_doc(model, doc)
    assert [str(p) for p in problems] == []
