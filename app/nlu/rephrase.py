"""Optional language-model rephrasing of a knowledge answer, accepted only when it is grounded.

The default reply is the entry's own text; a rephrasing replaces it only if the model answered in
time and every fact in the rephrasing appears in the retrieved entries (see grounding.py).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from string import Template
from typing import Sequence

from app.nlu.grounding import check_grounded

log = logging.getLogger(__name__)
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


@dataclass(frozen=True)
class Answer:
    text: str
    rephrased: bool
    rejected: tuple[str, ...] = ()


class GroundedRephraser:
    """Rephrase with the model, check, and fall back to the entry text on any doubt or failure."""

    def __init__(self, client, model: str, prompt: str, *, business: str, tone: str = "warm and brief",
                 timeout: float = 4.0) -> None:
        self._client, self._model, self._timeout = client, model, timeout
        self._template, self._business, self._tone = Template(prompt), business, tone

    def answer(self, question: str, entry_texts: Sequence[str], language: str = "en") -> Answer:
        default = entry_texts[0] if entry_texts else ""
        if not entry_texts:
            return Answer(default, False)
        system = self._template.safe_substitute(
            business=self._business, tone=self._tone, language=LANGUAGE_NAMES.get(language, language),
            facts="\n".join(f"- {t}" for t in entry_texts))
        try:
            response = self._client.chat.completions.create(
                model=self._model, temperature=0.2, max_tokens=120, timeout=self._timeout,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": question}])
            candidate = (response.choices[0].message.content or "").strip()
        except Exception as exc:  # the service failed: the entry's own words are always a safe answer
            log.warning("answer rephrasing failed (%s); using the knowledge text", type(exc).__name__)
            return Answer(default, False)
        if not candidate or "NO_ANSWER" in candidate:
            return Answer(default, False)
        result = check_grounded(candidate, entry_texts)
        if not result.grounded:
            log.info("rephrased answer rejected; unsupported facts: %s", result.unsupported)
            return Answer(default, False, tuple(result.unsupported))
        return Answer(candidate, True)
