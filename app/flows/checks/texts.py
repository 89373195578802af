"""What the bot says can be filled in and exists in every language the business offers."""
from __future__ import annotations

import re
from typing import Any, Iterable

from ..schema import LocalizedText
from ..suggest import closest
from ..yaml_lines import YamlDoc
from .context import Parts, Sink

KNOWN_VARIABLES = ("business", "callback_within", "caller_name")
"""Placeholders the bot fills in anywhere; call types may also name their own slots."""

_BRACES = re.compile(r"\{([^{}]*)\}")
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_LANGUAGE_NAMES = {"es": "Spanish", "en": "English", "fr": "French", "pt": "Portuguese", "zh": "Chinese", "vi": "Vietnamese"}


def check_texts(parts: Parts, sink: Sink) -> None:
    """Placeholders and language coverage of the business messages and category replies."""
    languages = parts.business.language_codes if parts.business else ["en"]
    if parts.business is not None:
        doc = parts.doc("business")
        check_text(doc, ("callback_within",), parts.business.callback_within, (), languages, sink)
        for name in type(parts.business.messages).model_fields:
            check_text(doc, ("messages", name), getattr(parts.business.messages, name), (), languages, sink, defaulted=("messages", name) not in doc.lines)
    if parts.escalation is not None:
        doc = parts.doc("escalation")
        for name, category in parts.escalation.categories.items():
            check_text(doc, ("categories", name, "say"), category.say, (), languages, sink)
    if parts.knowledge is not None and "knowledge" in parts.docs:
        doc = parts.doc("knowledge")
        for index, entry in enumerate(parts.knowledge.entries):
            check_text(doc, ("entries", index, "answer"), entry.answer, (), languages, sink)


def check_text(doc: YamlDoc, path: tuple[Any, ...], text: LocalizedText | None, slots: Iterable[str],
               languages: Iterable[str], sink: Sink, defaulted: bool = False) -> None:
    """Every {placeholder} names something the bot can fill; every offered language has a version."""
    if text is None:
        return
    slots = list(dict.fromkeys(slots))
    allowed = slots + list(KNOWN_VARIABLES)
    versions = {"en": text} if isinstance(text, str) else text
    for language, words in versions.items():
        where = path if isinstance(text, str) else path + (language,)
        for placeholder in _BRACES.findall(words):
            problem = _placeholder_problem(placeholder, allowed, bool(slots))
            if problem:
                sink.error(doc, where, problem)
        if words.count("{") != words.count("}"):
            sink.warning(doc, where, "this text has an unmatched '{' or '}', which would be read aloud; remove it or complete the placeholder")
    if defaulted:
        return
    for language in dict.fromkeys(languages):
        if language != "en" and language not in versions:
            name = _LANGUAGE_NAMES.get(language, language)
            sink.warning(doc, path, f"no {name} ({language}) version of this text, so {name}-speaking callers are handed to a person here; write it as a map with `en:` and `{language}:` lines")


def _placeholder_problem(placeholder: str, allowed: list[str], has_slots: bool) -> str | None:
    if placeholder in allowed:
        return None
    choices = ", ".join("{" + a + "}" for a in allowed)
    if not _NAME.match(placeholder):
        return f"'{{{placeholder}}}' is not a placeholder the bot can fill (use lower_case_with_underscores names); use one of {choices}, or remove the braces"
    guess = closest(placeholder, allowed)
    hint = f"did you mean {{{guess}}}? " if guess else ""
    kind = "a slot of this call type or a known variable" if has_slots else "a known variable"
    return f"placeholder {{{placeholder}}} is not {kind}, so it would be left blank; {hint}use one of {choices}"
