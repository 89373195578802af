"""The fixed sentences a flows folder makes the bot say: what warm_cache should render ahead of calls."""
from __future__ import annotations

import re
from typing import Any, Iterable

from app.flows.schema import localize

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _texts(value: Any) -> Iterable[Any]:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return list(value)


def fixed_prompts(flows: Any, languages: Iterable[str] | None = None) -> list[str]:
    """Every message, slot prompt, reprompt, reply and escalation line with no caller-specific part.

    {business} and {callback_within} are filled in; texts that still hold a placeholder (slot
    values in a confirmation) are left to be synthesized at call time.
    """
    business = flows.business
    codes = list(languages) if languages is not None else business.language_codes
    candidates: list[Any] = list(business.messages.model_dump().values())
    for call_type in flows.call_types.values():
        candidates += [call_type.reply]
        for slot in call_type.slots:
            candidates += [slot.prompt, slot.reprompt]
    for category in flows.escalation.categories.values():
        candidates += [category.say]
    out: list[str] = []
    for language in codes:
        fill = {"business": business.name, "callback_within": localize(business.callback_within, language) or ""}
        for candidate in candidates:
            text = localize(candidate, language) if candidate is not None else None
            if not text:
                continue
            for key, value in fill.items():
                text = text.replace("{" + key + "}", value)
            if not _PLACEHOLDER.search(text):
                out.append(text)
    return list(dict.fromkeys(out))
