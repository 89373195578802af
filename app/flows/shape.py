"""Check a parsed file against its pydantic model and explain each mismatch at its YAML line."""
from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from .errors import FlowProblem
from .suggest import closest
from .yaml_lines import YamlDoc, data_path

M = TypeVar("M", bound=BaseModel)

_KINDS = {
    "string_type": "text", "dict_type": "a mapping of keys (key: value)", "list_type": "a list",
    "model_type": "a mapping of keys (key: value)", "model_attributes_type": "a mapping of keys (key: value)",
    "int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "bool_type": "true or false",
    "bool_parsing": "true or false", "date_type": "a date like 2026-12-24", "date_parsing": "a date like 2026-12-24",
    "date_from_datetime_parsing": "a date like 2026-12-24", "literal_error": "one of the allowed words",
}
_LIMITS = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most", "less_than": "less than"}
_PATTERNS = {
    r"^[a-z][a-z0-9_]*$": "use lower-case letters, digits and underscores, starting with a letter (e.g. book_appointment)",
    r"^[a-z0-9_]+$": "use lower-case letters, digits and underscores only (e.g. dr_patel)",
    r"^[a-z]{2}$": "use a two-letter lower-case language code such as en or es",
}


def validate_doc(model: type[M], doc: YamlDoc) -> tuple[M | None, list[FlowProblem]]:
    """Validate one file's data; on failure return one problem per distinct mistake."""
    if not isinstance(doc.data, dict):
        got = describe(doc.data)
        return None, [FlowProblem(doc.file, doc.line(), f"should be a mapping of keys at the top, but it is {got}; write it as `key: value` lines (docs/flows.md lists this file's keys)")]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, explain(model, doc, exc.errors(include_url=False))


def explain(model: type[BaseModel], doc: YamlDoc, errors: list[dict[str, Any]]) -> list[FlowProblem]:
    """Turn pydantic errors into problems, merging the alternatives of one union field."""
    grouped: dict[tuple[Any, ...], list[tuple[dict[str, Any], bool]]] = {}
    for error in _drop_misspelt_missing(errors):
        path, on_key = data_path(doc.data, error["loc"])
        grouped.setdefault(path + (("[key]",) if on_key else ()), []).append((error, on_key))
    # A union reports every alternative; when one alternative got deeper, the shallow ones are noise.
    deepest = {p for p in grouped if not any(q != p and q[: len(p)] == p for q in grouped)}
    problems = []
    for key, items in grouped.items():
        if key not in deepest and all(_via_union(e["loc"], key) for e, _ in items):
            continue
        path = key[:-1] if key[-1:] == ("[key]",) else key
        problems.append(FlowProblem(doc.file, doc.line(path), _message(model, doc, path, items)))
    return problems


def misspellings(errors: list[dict[str, Any]]) -> dict[tuple[Any, ...], str]:
    """Unknown keys that are typos of missing required keys: location of the typo -> intended key."""
    missing = [e["loc"] for e in errors if e["type"] == "missing"]
    found = {}
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        parent, key = error["loc"][:-1], str(error["loc"][-1])
        near = difflib.get_close_matches(key, [str(m[-1]) for m in missing if m[:-1] == parent], n=1, cutoff=0.6)
        if near:
            found[error["loc"]] = near[0]
    return found


def _drop_misspelt_missing(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """'timezon' unknown and 'timezone' missing are one mistake: keep only the 'did you mean'."""
    intended = {loc[:-1] + (name,) for loc, name in misspellings(errors).items()}
    return [e for e in errors if not (e["type"] == "missing" and e["loc"] in intended)]


def describe(value: Any) -> str:
    """Words for what the operator wrote: 'a list', 'the number 5', 'nothing'."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def _via_union(loc: tuple[Any, ...], key: tuple[Any, ...]) -> bool:
    return len(loc) > len(key) and any(isinstance(p, str) and ("[" in p or p in ("str", "int", "float", "bool")) for p in loc)


def _message(model: type[BaseModel], doc: YamlDoc, path: tuple[Any, ...], items: list[tuple[dict[str, Any], bool]]) -> str:
    where = _dotted(path)
    if len(items) > 1 and all(e["type"] in _KINDS for e, _ in items):
        kinds = list(dict.fromkeys(_KINDS[e["type"]] for e, _ in items))
        return f"{where} should be {' or '.join(kinds)}, but it is {describe(items[0][0]['input'])}{_quote_hint(doc, path, items[0][0])}"
    error, on_key = items[0]
    kind, ctx, value = error["type"], error.get("ctx") or {}, error["input"]
    if kind == "missing":
        field = str(error["loc"][-1])
        inside = f" under {where}" if path else ""
        return f"missing required key '{field}'{inside}; add a line `{field}: ...`{_field_help(model, error['loc'])}"
    if kind == "extra_forbidden":
        return _unknown_key(model, error["loc"], path)
    if on_key:
        return _bad_key(where, path, kind, ctx, error["msg"])
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        guess = closest(str(value), options)
        hint = f"did you mean '{guess}'? " if guess else ""
        return f"{where} is {describe(value)}, which is not allowed; {hint}use one of: {', '.join(options)}"
    if kind == "string_pattern_mismatch":
        advice = _PATTERNS.get(str(ctx.get("pattern")), f"it must match the pattern {ctx.get('pattern')}")
        return f"{where} is {describe(value)}; {advice}"
    if kind == "value_error":
        return f"{where}: {str(error['msg']).removeprefix('Value error, ')}"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return f"{where} needs at least {need} item{'s' if need != 1 else ''}; add {'one' if need == 1 else 'more'}"
    if kind in _LIMITS:
        return f"{where} is {describe(value)}; it must be {_LIMITS[kind]} {next(iter(ctx.values()), '?')}"
    if kind == "list_type" and isinstance(value, str):
        return f"{where} should be a list, but it is {describe(value)}; write it as a list: [{value}]"
    if kind in _KINDS:
        return f"{where} should be {_KINDS[kind]}, but it is {describe(value)}{_quote_hint(doc, path, error)}"
    return f"{where}: {error['msg']} (it is {describe(value)}); correct the value"


def _dotted(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"'{text}'" if text else "the file"


def _quote_hint(doc: YamlDoc, path: tuple[Any, ...], error: dict[str, Any]) -> str:
    raw, value = doc.raw(path), error["input"]
    if value is None and raw in ("", "~", None):
        return "; write a value after the colon (or remove the line if the key is optional)"
    if error["type"] == "string_type" and raw is not None and not doc.quoted(path) and not isinstance(value, str):
        return f'; YAML read `{raw}` as {describe(value)}, so put it in quotes: "{raw}"'
    return "; correct the value"


def _bad_key(where: str, path: tuple[Any, ...], kind: str, ctx: dict[str, Any], msg: str) -> str:
    key = path[-1] if path else "?"
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        guess = closest(str(key), options)
        hint = f"did you mean '{guess}'? " if guess else ""
        return f"'{key}' is not allowed as a key here; {hint}use one of: {', '.join(options)}"
    if kind == "string_pattern_mismatch":
        return f"the key '{key}' is not valid; {_PATTERNS.get(str(ctx.get('pattern')), msg)}"
    return f"the key '{key}' is not valid: {msg}"


def _unknown_key(model: type[BaseModel], loc: tuple[Any, ...], path: tuple[Any, ...]) -> str:
    key = str(loc[-1])
    allowed = _fields_at(model, loc[:-1])
    guess = closest(key, allowed)
    if guess:
        return f"unknown key '{key}'; did you mean '{guess}'?"
    listing = f"; the keys allowed here are: {', '.join(allowed)}" if allowed else ""
    return f"unknown key '{key}'; remove it or fix its spelling{listing}"


def _field_help(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    owner = _type_at(model, loc[:-1])
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        info = owner.model_fields.get(str(loc[-1]))
        if info and info.description:
            return f" ({info.description})"
    return ""


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    owner = _type_at(model, loc)
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        return list(owner.model_fields)
    return []


def _type_at(tp: Any, loc: tuple[Any, ...]) -> Any:
    """The declared type at a pydantic location (used to list the keys a model allows)."""
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if part in tp.model_fields:
                tp = tp.model_fields[part].annotation
            continue
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (list, tuple, set) and args and isinstance(part, int):
            tp = args[0]
        elif origin is dict and len(args) == 2:
            tp = args[1]
    return _unwrap(tp)


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else members[0]
        else:
            return tp
