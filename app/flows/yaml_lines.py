"""Read a YAML file while remembering the line of every key and item, so problems can name it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import FlowProblem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LEADING_TAB = re.compile(r"^( *)\t")
Path_ = tuple[Any, ...]


@dataclass
class YamlDoc:
    """A parsed file: its data plus the line of each path (a tuple of keys and list indexes)."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    nodes: dict[Path_, Node] = field(default_factory=dict)

    def line(self, path: Path_ = ()) -> int:
        """Line of the path, or of its nearest ancestor that exists in the file (1 if none)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def raw(self, path: Path_) -> str | None:
        """The scalar exactly as written (without quotes), to suggest quoting it."""
        node = self.nodes.get(tuple(path))
        return node.value if isinstance(node, ScalarNode) else None

    def quoted(self, path: Path_) -> bool:
        node = self.nodes.get(tuple(path))
        return isinstance(node, ScalarNode) and node.style in ("'", '"')


def read_yaml(path: Path, display: str) -> tuple[YamlDoc | None, list[FlowProblem]]:
    """Parse one file; never raises for bad content. Returns (doc or None, problems)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [FlowProblem(display, 1, "file not found; create it (see docs/flows.md for what goes in it)")]
    except UnicodeDecodeError as exc:
        return None, [FlowProblem(display, 1, f"is not UTF-8 text ({exc.reason}); save it as UTF-8")]
    except OSError as exc:
        return None, [FlowProblem(display, 1, f"cannot be read ({exc.strerror}); check that it is a readable file")]
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[YamlDoc | None, list[FlowProblem]]:
    """Parse YAML text into a YamlDoc, turning every syntax problem into a FlowProblem."""
    tabs = _tab_problems(text, display)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(display, None), []
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        problem = _syntax_problem(exc, display)
        return None, tabs if tabs and tabs[0].line <= problem.line else tabs + [problem]
    except yaml.YAMLError as exc:
        return None, tabs + [FlowProblem(display, 1, f"is not valid YAML ({exc}); check the file's syntax")]
    except (ValueError, TypeError, OverflowError) as exc:
        line = _failing_scalar_line(loader, node)
        return None, tabs + [FlowProblem(display, line, f"this value cannot be read ({exc}); put it in quotes to keep it as text")]
    doc = YamlDoc(display, data, {(): node.start_mark.line + 1})
    problems: list[FlowProblem] = []
    _walk(loader, node, (), doc, problems, set())
    loader.dispose()
    return doc, problems


def data_path(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], bool]:
    """Follow pydantic's location through the data, skipping union tags; True if the key itself is bad."""
    path: list[Any] = []
    cursor = data
    for part in loc:
        if part == "[key]":
            return tuple(path), True
        if isinstance(cursor, dict) and part not in cursor:  # pydantic names non-text keys (dates) by repr
            part = next((key for key in cursor if repr(key) == part), part)
        if isinstance(cursor, dict) and part in cursor:
            path.append(part)
            cursor = cursor[part]
        elif isinstance(cursor, list) and isinstance(part, int) and 0 <= part < len(cursor):
            path.append(part)
            cursor = cursor[part]
    return tuple(path), False


def _tab_problems(text: str, display: str) -> list[FlowProblem]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _LEADING_TAB.match(line):
            found.append(FlowProblem(display, number, "this line is indented with a tab; YAML only allows spaces, so replace the tab with spaces"))
    return found


# (text in PyYAML's or libyaml's message, what to tell the operator); "@" = point at where it began.
_HINTS = (
    ("cannot start any token", "a character here cannot start a value (often a tab used for indentation, or a stray ` or @); use spaces for indentation and quote values that start with ` or @"),
    ("mapping values are not allowed", "a ':' appears where YAML did not expect a key; either this line is indented more than the key above it "
     "(line it up with its siblings) or the value contains ': ' (put the value in quotes)"),
    ("while parsing a block collection: expected <block end>", "this line's indentation does not fit the list it is in; indent it like the other keys of its item, or start a new item with '- '"),
    ("expected <block end>", "this line's indentation does not match the lines around it; indent it with the same number of spaces as the other keys at its level"),
    ("did not find expected key", "this line's indentation does not match the lines around it; indent it with the same number of spaces as the other keys at its level"),
    ("did not find expected '-' indicator", "this line's indentation does not fit the list it is in; indent it like the other keys of its item, or start a new item with '- '"),
    ("but found '?'", "this line's indentation does not fit the list it is in; indent it like the other keys of its item, or start a new item with '- '"),
    ("@expected ',' or ']'", "a [ ... ] list is not closed; add the missing ']' (or quote a value containing commas or brackets)"),
    ("@expected ',' or '}'", "a { ... } mapping is not closed; add the missing '}'"),
    ("@found unexpected end of stream", "a quoted value is never closed; add the closing quote"),
    ("found unknown escape character", "a double-quoted value has a backslash escape YAML does not know; use single quotes or write \\\\"),
    ("expected a single document", "the file holds more than one YAML document (a second '---' line); keep one document per file"),
    ("found undefined alias", "an *alias names an &anchor that is not defined above it; define the anchor first or remove the alias"),
    ("could not determine a constructor", "a !tag is used that these files do not support; remove the tag"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> FlowProblem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    detail = f"{exc.context + ': ' if exc.context else ''}{exc.problem or ''}".strip()
    for needle, hint in _HINTS:
        if needle.lstrip("@") in detail:
            if needle.startswith("@") and exc.context_mark:
                line = exc.context_mark.line + 1
            return FlowProblem(display, line, f"YAML syntax error: {hint}")
    return FlowProblem(display, line, f"YAML syntax error ({detail}); check the indentation and quoting on this line")


def _failing_scalar_line(loader: Any, root: Node | None) -> int:
    """Find the first scalar that cannot be converted (e.g. the date 2026-13-45)."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop(0)
        if isinstance(node, ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except Exception:
                return node.start_mark.line + 1
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(v for pair in node.value for v in pair)
    return 1


def _key_of(loader: Any, node: Node) -> Any:
    if not isinstance(node, ScalarNode):
        return None
    try:
        return loader.construct_object(node, deep=True)
    except Exception:
        return node.value


def _walk(loader: Any, node: Node, path: Path_, doc: YamlDoc, problems: list[FlowProblem], active: set[int]) -> None:
    if id(node) in active:
        return
    doc.nodes[path] = node
    if isinstance(node, MappingNode):
        active.add(id(node))
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _key_of(loader, key_node)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
            except TypeError:
                continue
            if first is not None:
                problems.append(FlowProblem(doc.file, line, f"duplicate key '{key}' (first written on line {first}); YAML keeps only the last one, so merge the two or delete one"))
            else:
                seen[key] = line
            doc.lines[path + (key,)] = line
            _walk(loader, value_node, path + (key,), doc, problems, active)
        active.discard(id(node))
    elif isinstance(node, SequenceNode):
        active.add(id(node))
        for index, item in enumerate(node.value):
            doc.lines[path + (index,)] = item.start_mark.line + 1
            _walk(loader, item, path + (index,), doc, problems, active)
        active.discard(id(node))
