"""knowledge.yaml: the only source of answers to office questions."""
from __future__ import annotations

from pydantic import Field

from .common import LocalizedText, StrictModel


class KnowledgeEntry(StrictModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    questions: list[str] = Field(min_length=1, description="ways callers ask for this")
    answer: LocalizedText
    keywords: list[str] = Field(default_factory=list)


class Knowledge(StrictModel):
    entries: list[KnowledgeEntry] = Field(default_factory=list, description="may be empty unless a call type answers from knowledge")

    def entry(self, entry_id: str) -> KnowledgeEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)
