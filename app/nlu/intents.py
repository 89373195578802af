"""Build the configured call-type detector from flows and settings (embedded default, LLM optional)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Mapping, Sequence

from app.engine.understanding import IntentClassifier
from app.nlu.embedded import EmbeddedClassifier, build_embedded_classifier
from app.nlu.encoder import SentenceEncoder, load_sentence_encoder

log = logging.getLogger(__name__)


def model_cache_dir(settings) -> Path:
    """Exported model and cached example vectors live under the data folder, or in FRONTDESK_MODEL_CACHE
    (a folder several installs or test servers share: the export and the vectors are the same for all)."""
    shared = (getattr(settings, "extra", None) or {}).get("FRONTDESK_MODEL_CACHE")
    return Path(shared) if shared else Path(settings.data_dir) / "models"


def flows_examples(flows) -> dict[str, list[str]]:
    """call type -> examples, skipping call types switched off by the operator.

    A call type answered from the knowledge file also learns from the questions written there.
    """
    examples = {}
    for name, call_type in flows.call_types.items():
        if call_type.mode == "off":
            continue
        examples[name] = list(call_type.examples)
        if call_type.answer_from == "knowledge" and flows.knowledge is not None:
            examples[name] += [q for entry in flows.knowledge.entries for q in entry.questions if q not in examples[name]]
    return examples


def build_embedded_from_examples(examples: Mapping[str, Sequence[str]], cache_dir: Path | None,
                                 *, use_model: bool = True) -> EmbeddedClassifier:
    """The embedded detector, with sentence vectors when the packaged model can run here."""
    encoder: SentenceEncoder | None = load_sentence_encoder(cache_dir) if use_model and cache_dir else None
    return build_embedded_classifier(examples, encoder=encoder, cache_dir=cache_dir)


def build_configured_classifier(flows, settings) -> IntentClassifier:
    """Embedded detector, wrapped by the language-model one when FRONTDESK_INTENTS=openai and a key is set."""
    cache = model_cache_dir(settings)
    use_model = (settings.extra or {}).get("FRONTDESK_EMBEDDINGS", "minilm") != "none"
    embedded = build_embedded_from_examples(flows_examples(flows), cache, use_model=use_model)
    if settings.intent_backend == "openai" and settings.openai_api_key:
        from app.nlu.llm import LLMClassifier, load_prompt, openai_client

        client = openai_client(settings)
        model = (settings.extra or {}).get("FRONTDESK_OPENAI_MODEL", "gpt-4o-mini")
        return LLMClassifier(client, model, flows, fallback=embedded, prompt=load_prompt(settings.prompts_dir, "classify"),
                             timeout=settings.openai_timeout_seconds)
    return embedded
