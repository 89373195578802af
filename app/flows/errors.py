"""Problems found in an operator's flows, each naming the file, the line and the fix."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class FlowProblem:
    """One thing wrong with the flows; `line` is 1-based and points at the offending key or value."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def render(self) -> str:
        """`file:line: message` for errors, `file:line: warning: message` for warnings."""
        prefix = "" if self.is_error else "warning: "
        return f"{self.file}:{max(self.line, 1)}: {prefix}{self.message}"

    def __str__(self) -> str:
        return self.render()


def sort_problems(problems: Iterable[FlowProblem]) -> list[FlowProblem]:
    """Stable order for reports: by file, then line; duplicates removed."""
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.file, p.line))


class FlowsError(Exception):
    """The flows cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[FlowProblem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__(self.render())

    @property
    def errors(self) -> list[FlowProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[FlowProblem]:
        return [p for p in self.problems if not p.is_error]

    def render(self) -> str:
        count = len(self.errors)
        head = f"the flows have {count} error{'s' if count != 1 else ''}:"
        return "\n".join([head, *(p.render() for p in self.problems)])
