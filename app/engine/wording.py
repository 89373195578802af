"""Turning the flows' localised text into what the bot says, in the caller's language."""
from __future__ import annotations

import re
from typing import Mapping

from app.flows.schema import LocalizedText, has_language, localize

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class LanguageUnavailable(Exception):
    """The flows have no text in the caller's language: hand the call to a person who speaks it."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.language = language


def render(text: LocalizedText | None, language: str, values: Mapping[str, object] | None = None) -> str:
    """Localise and fill {placeholders}; unknown placeholders are left out rather than read aloud."""
    if text is None:
        return ""
    if language != "en" and not has_language(text, language):
        raise LanguageUnavailable(language)
    chosen = localize(text, language) or ""
    values = values or {}
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")).strip(), chosen).strip()


def join_sentences(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())
