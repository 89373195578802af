"""Call-type detection by a language model, checked against the flows, with the embedded detector behind it.

The model only names a call type; anything not in the flows becomes out_of_scope, and any failure
(timeout, HTTP error, unparsable answer) hands the utterance to the embedded detector. Escalation is
decided elsewhere, before this runs, so nothing the model says can skip it.
"""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from string import Template
from typing import Mapping

from app.engine.understanding import OUT_OF_SCOPE, IntentClassifier, IntentPrediction

log = logging.getLogger(__name__)
_JSON = re.compile(r"\{.*\}", re.DOTALL)


class LLMAnswerError(ValueError):
    """The model's answer was not the JSON object the prompt asks for."""


def load_prompt(prompts_dir: str | Path, name: str) -> str:
    """prompts/<name>.md as text; a missing file is an error that names it."""
    path = Path(prompts_dir) / f"{name}.md"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; restore it from the repository's prompts/ folder")
    return path.read_text(encoding="utf-8")


def openai_client(settings):
    """The openai client for the configured key and base URL; retries are ours (none), the timeout is set per call."""
    from app.integrations.openai import build_client

    return build_client(settings.openai_api_key, settings.openai_base_url,
                        timeout=settings.openai_timeout_seconds, max_retries=0)


def describe_call_types(call_types: Mapping[str, object], examples_per_type: int = 3) -> str:
    lines = []
    for name, ct in call_types.items():
        shown = "; ".join(f'"{e}"' for e in list(getattr(ct, "examples", []))[:examples_per_type])
        lines.append(f"- {name}: {getattr(ct, 'description', '')}" + (f" (e.g. {shown})" if shown else ""))
    return "\n".join(lines)


def parse_answer(content: str | None, known: set[str]) -> tuple[str, float]:
    """(call type or out_of_scope, confidence) from the model's text; raises LLMAnswerError."""
    match = _JSON.search(content or "")
    if not match:
        raise LLMAnswerError(f"no JSON object in the answer: {content!r:.200}")
    try:
        data = json.loads(match.group(0))
    except json.JSONDecodeError as exc:
        raise LLMAnswerError(f"unparsable JSON in the answer: {exc}") from None
    name = str(data.get("call_type") or data.get("intent") or "").strip()
    if not name:
        raise LLMAnswerError("the answer names no call_type")
    try:
        confidence = min(1.0, max(0.0, float(data.get("confidence", 0.8))))
    except (TypeError, ValueError):
        confidence = 0.8
    if name not in known:
        if name != OUT_OF_SCOPE:
            log.info("language model named unknown call type %r; treating it as out of scope", name)
        return OUT_OF_SCOPE, confidence
    return name, confidence


class LLMClassifier:
    """IntentClassifier backed by chat completions; falls back to `fallback` on any failure."""

    def __init__(self, client, model: str, flows, *, fallback: IntentClassifier, prompt: str,
                 timeout: float = 4.0, call_types: Mapping[str, object] | None = None) -> None:
        types = call_types if call_types is not None else {
            n: ct for n, ct in flows.call_types.items() if getattr(ct, "mode", "live") != "off"}
        business = getattr(getattr(flows, "business", None), "name", "the business")
        self._system = Template(prompt).safe_substitute(business=business, call_types=describe_call_types(types))
        self._client, self._model, self._timeout = client, model, timeout
        self._known, self.fallback = set(types), fallback

    def classify(self, text: str) -> IntentPrediction:
        if not (text or "").strip():
            return self.fallback.classify(text)
        try:
            response = self._client.chat.completions.create(
                model=self._model, temperature=0, max_tokens=60, timeout=self._timeout,
                messages=[{"role": "system", "content": self._system}, {"role": "user", "content": text}],
            )
            name, confidence = parse_answer(response.choices[0].message.content, self._known)
        except Exception as exc:  # any failure of the service or its answer: the embedded detector decides
            log.warning("language-model classification failed (%s: %s); using the embedded detector",
                        type(exc).__name__, str(exc)[:200])
            return self.fallback.classify(text)
        return IntentPrediction(name, confidence, ((name, confidence),) if name != OUT_OF_SCOPE else (), "llm")
