"""The scenario file format (kept stable: other tools read and write it)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal, Optional, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Reasons = Union[str, list[str]]


class TurnExpect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: Optional[str] = None
    escalate: Optional[Reasons] = None
    say_contains: list[str] = Field(default_factory=list)
    say_not_contains: list[str] = Field(default_factory=list)


class ScenarioTurn(BaseModel):
    """One caller turn: words, keypad digits, or an event (silence, a transfer nobody accepts, hang-up)."""

    model_config = ConfigDict(extra="forbid")

    caller: Optional[str] = None
    dtmf: Optional[str] = None
    event: Optional[Literal["silence", "transfer_failed", "hangup", "abandoned_on_hold"]] = None
    confidence: float = Field(default=0.95, ge=0.0, le=1.0)
    expect: TurnExpect = TurnExpect()

    @model_validator(mode="after")
    def _one_input(self) -> "ScenarioTurn":
        given = [x for x in (self.caller, self.dtmf, self.event) if x is not None]
        if len(given) != 1:
            raise ValueError("each turn needs exactly one of `caller`, `dtmf` or `event`")
        return self


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Optional[str] = None
    vip: bool = False
    preferred_language: Optional[str] = None
    duplicate_records: bool = False


class ScenarioExpect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Optional[Literal["resolved", "transferred", "message_taken", "abandoned"]] = None
    escalate: Optional[Reasons] = None
    greeting_contains: list[str] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list, description="action types that must occur, e.g. run_action")


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    caller: Optional[str] = None
    at: Optional[datetime] = None
    profile: Optional[Profile] = None
    turns: list[ScenarioTurn] = Field(default_factory=list)
    expect: ScenarioExpect = ScenarioExpect()


class ScenarioFileError(Exception):
    """A scenario file that cannot be read; the message names the file and the problem."""


def load_scenarios(path: Path) -> list[Scenario]:
    """A file holds one scenario, or a YAML list of them, or several YAML documents."""
    try:
        documents = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]
    except yaml.YAMLError as exc:
        raise ScenarioFileError(f"{path}: not valid YAML: {exc}") from None
    items: list[object] = []
    for doc in documents:
        items.extend(doc if isinstance(doc, list) else [doc])
    scenarios = []
    for index, item in enumerate(items):
        try:
            scenarios.append(Scenario.model_validate(item))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise ScenarioFileError(f"{path}: scenario {index + 1}: {problems}") from None
    return scenarios


def find_scenario_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files
