"""Escalation phrases and patterns can be used as written: patterns compile and match selectively."""
from __future__ import annotations

import re
from typing import Any

from ..yaml_lines import YamlDoc
from .context import Parts, Sink


def check_escalation(parts: Parts, sink: Sink) -> None:
    """Compile every pattern in match and exclude; flag empty phrases and patterns that match anything."""
    policy = parts.escalation
    if policy is None:
        return
    doc = parts.doc("escalation")
    for name, category in policy.categories.items():
        for section in ("match", "exclude"):
            for language, phrase_set in getattr(category, section).items():
                base = ("categories", name, section, language)
                for index, phrase in enumerate(phrase_set.phrases):
                    if not phrase.strip():
                        sink.error(doc, base + ("phrases", index), "this phrase is empty and would match every utterance; remove it")
                for index, pattern in enumerate(phrase_set.patterns):
                    _check_pattern(doc, base + ("patterns", index), pattern, section, sink)


def _check_pattern(doc: YamlDoc, path: tuple[Any, ...], pattern: str, section: str, sink: Sink) -> None:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        sink.error(doc, path, f"pattern '{pattern}' is not a valid regular expression ({exc.msg} at position {exc.pos}); fix it, or put plain words under phrases instead")
        return
    if compiled.search("") is not None:
        effect = "escalate every call" if section == "match" else "cancel every match"
        sink.error(doc, path, f"pattern '{pattern}' also matches empty text, so it would {effect}; make it require at least one word")
