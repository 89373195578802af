"""Recover a usable model from a file with shape errors, so its other parts still get meaning checks."""
from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .shape import misspellings
from .yaml_lines import data_path

M = TypeVar("M", bound=BaseModel)
MAX_ROUNDS = 6


def salvage(model: type[M], data: Any) -> M | None:
    """Fix misspelt keys and drop each offending value (walking up when a required key goes missing)
    until the rest validates.

    The result is only used to find more problems; flows with errors are never used to take calls.
    """
    try:
        return _salvage(model, data)
    except Exception:  # best effort only: a failure here must never hide the problems already found
        return None


def _salvage(model: type[M], data: Any) -> M | None:
    if not isinstance(data, dict):
        return None
    pruned = copy.deepcopy(data)
    for _ in range(MAX_ROUNDS):
        try:
            return model.model_validate(pruned)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        renames = misspellings(errors)
        for loc, name in renames.items():
            _rename(pruned, data_path(pruned, loc[:-1])[0], loc[-1], name)
        fixed = set(renames) | {loc[:-1] + (name,) for loc, name in renames.items()}
        paths = {data_path(pruned, e["loc"])[0] for e in errors if e["loc"] not in fixed}
        if () in paths:
            return None
        for path in sorted(paths, key=_deepest_first):
            _remove(pruned, path)
    return None


def _rename(data: Any, parent: tuple[Any, ...], old: Any, new: str) -> None:
    for part in parent:
        data = data[part]
    if isinstance(data, dict) and old in data and new not in data:
        data[new] = data.pop(old)


def _deepest_first(path: tuple[Any, ...]) -> tuple[Any, ...]:
    """Deeper paths first, and later list items before earlier ones, so indexes stay valid."""
    return (-len(path), tuple((0, -p) if isinstance(p, int) else (1, str(p)) for p in path))


def _remove(data: Any, path: tuple[Any, ...]) -> None:
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return  # already removed with an ancestor
    last = path[-1]
    if isinstance(parent, dict):
        parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
