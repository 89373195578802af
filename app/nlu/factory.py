"""Builds the detectors the call engine is handed, from the flows and the settings."""
from __future__ import annotations

from app.config import Settings
from app.engine.escalation import build_escalation_detector
from app.engine.language import WordEvidenceLanguageDetector
from app.engine.understanding import Understanding
from app.flows.schema import Flows
from app.nlu.sentiment import VaderSentimentScorer


def staff_names(flows: Flows) -> list[str]:
    """Full and first names of staff, so "can I speak with Maria" is heard as a request for a person."""
    names: list[str] = []
    for member in flows.staff.staff:
        clean = member.name.replace("Dr.", "").strip()
        names.append(clean)
        first = clean.split()[0] if clean.split() else ""
        if first and first not in names:
            names.append(first)
    return names


def ordinary_requests(flows: Flows, examples_of) -> list[str]:
    """What callers of this business ordinarily say: call-type examples, knowledge questions, generic asides."""
    from app.nlu.negatives import generic_negatives

    return [text for items in examples_of(flows).values() for text in items] + generic_negatives()


def build_understanding(flows: Flows, settings: Settings | None = None) -> Understanding:
    """Embedded detectors by default; a language model for call types when one is configured."""
    from app.nlu.encoder import load_sentence_encoder
    from app.nlu.intents import (
        build_configured_classifier,
        flows_examples,
        model_cache_dir,
    )
    from app.nlu.knowledge import build_knowledge_retriever
    from app.nlu.semantic_escalation import build_semantic_escalation

    settings = settings or Settings()
    encoder = load_sentence_encoder(model_cache_dir(settings))
    classifier = build_configured_classifier(flows, settings)
    embedded = getattr(classifier, "fallback", classifier)  # the language-model detector wraps the embedded one
    trained_on = getattr(embedded, "training_vectors", None)
    background, vectors = (embedded.training_texts, trained_on) if trained_on is not None \
        else (ordinary_requests(flows, flows_examples), None)
    return Understanding(
        classifier=classifier,
        escalation=build_semantic_escalation(
            build_escalation_detector(flows.escalation, people=staff_names(flows)), settings,
            background=background, background_vectors=vectors),
        sentiment=VaderSentimentScorer(),
        knowledge=build_knowledge_retriever(flows.knowledge, encoder=encoder),
        language=WordEvidenceLanguageDetector(),
        # knowledge scores are similarity x coverage: unrelated questions stay under 0.1, real ones above 0.28
        knowledge_threshold=0.25,
    )
