"""`frontdesk classify`: one utterance per stdin line in, one JSON line out (call type, confidence, escalation)."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import click

from app.config import PROJECT_ROOT

log = logging.getLogger(__name__)
EscalationCheck = Callable[[str], "str | None"]
CHUNK = 512


def classify_lines(lines: Iterable[str], classifier, escalate: EscalationCheck | None = None) -> Iterator[dict]:
    """{"text", "intent", "confidence", "escalate"} per line, in order; classified in chunks for speed."""
    buffer: list[str] = []

    def flush() -> Iterator[dict]:
        batch = getattr(classifier, "classify_batch", None)
        predictions = batch(buffer) if batch else [classifier.classify(t) for t in buffer]
        for text, prediction in zip(buffer, predictions):
            yield {"text": text, "intent": prediction.intent, "confidence": round(float(prediction.confidence), 4),
                   "escalate": escalate(text) if escalate else None}
        buffer.clear()

    for line in lines:
        buffer.append(line.rstrip("\r\n"))
        if len(buffer) >= CHUNK:
            yield from flush()
    if buffer:
        yield from flush()


def escalation_check(understanding) -> EscalationCheck:
    """The always-escalate category (or None) the engine's detector finds in a line."""
    def check(text: str) -> str | None:
        language = understanding.language.detect(text) if text.strip() else "en"
        hit = understanding.escalation.detect(text, language)
        return hit.category if hit else None
    return check


def build_detectors(flows, settings, detector: EscalationCheck | None = None) -> tuple[object, EscalationCheck | None]:
    """The engine's own bundle when the factory is available; the call-type detector alone otherwise."""
    try:
        from app.nlu.factory import build_understanding
    except ImportError:
        build_understanding = None
    if build_understanding is not None:
        understanding = build_understanding(flows, settings)
        return understanding.classifier, detector or escalation_check(understanding)
    from app.nlu.intents import build_configured_classifier

    return build_configured_classifier(flows, settings), detector


@click.command()
@click.option("--flows", "flows_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A flows folder (default: the shipped demo flows).")
@click.option("--call-types", "call_types_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="A folder holding only call-type files; the rest comes from --flows.")
def classify(flows_dir: Path | None, call_types_dir: Path | None) -> None:
    """Read utterances (one a line) on stdin; write {"text","intent","confidence","escalate"} per line."""
    from app.config import Settings
    from app.flows.loader import load_flows

    try:
        flows = load_flows(flows_dir or PROJECT_ROOT / "flows", call_types_dir)
    except Exception as exc:  # shape errors, missing files, YAML errors: say which and stop
        raise click.ClickException(f"cannot load flows: {exc}") from None
    classifier, escalate = build_detectors(flows, Settings.from_env())
    out = sys.stdout
    if sys.stdin.isatty():
        for line in sys.stdin:
            for result in classify_lines([line], classifier, escalate):
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                out.flush()
        return
    for result in classify_lines(sys.stdin, classifier, escalate):
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
