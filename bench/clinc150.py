"""CLINC150 with its 150 intents as call types: in-scope accuracy and out-of-scope recall on validation.

Run: python -m bench.clinc150 [--ngrams-only]. Thresholds are tuned on the validation split only
(the published figures in the paper are on its test split, which is not used here).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench._clinc import (
    detector_packages, examples_by_intent, install_weight_mb, latency_ms, load_clinc, rates, tune_threshold,
)
from app.nlu.embedded import build_embedded_classifier
from app.nlu.encoder import load_sentence_encoder

CACHE = Path(__file__).resolve().parent.parent / "var" / "models"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ngrams-only", action="store_true", help="the light path without the sentence model")
    parser.add_argument("--no-ngrams", action="store_true", help="the sentence model's view alone")
    parser.add_argument("--with-oos-train", action="store_true", help="add CLINC's oos_train to the negatives")
    args = parser.parse_args()
    data = load_clinc()
    examples = examples_by_intent(data)
    start = time.perf_counter()
    encoder = None if args.ngrams_only else load_sentence_encoder(CACHE)
    model_load = time.perf_counter() - start
    start = time.perf_counter()
    clf = build_embedded_classifier(examples, encoder=encoder, cache_dir=CACHE,
                                    negatives=data.oos_train if args.with_oos_train else None,
                                    use_ngrams=not args.no_ngrams)
    build = time.perf_counter() - start
    texts_in, gold = [t for t, _ in data.val], [i for _, i in data.val]
    default = rates([p.intent for p in clf.classify_batch(texts_in)], gold,
                    [p.intent for p in clf.classify_batch(data.oos_val)])
    threshold, acc, rec = tune_threshold(clf, texts_in, gold, data.oos_val, 0.94)
    p50, p95 = latency_ms(clf.classify, texts_in[:300])
    weights = detector_packages(encoder is not None)
    print(f"CLINC150 validation: 150 call types x 100 examples; detector: {clf.description}")
    print(f"  model load {model_load:.2f} s, fit (examples, cached vectors when present) {build:.2f} s")
    print(f"  default threshold {clf.threshold:.2f}: in-scope accuracy {default[0]:.1%}, out-of-scope recall {default[1]:.1%}")
    print(f"  tuned on validation (accuracy >= 94%): threshold {threshold:.2f}: "
          f"in-scope accuracy {acc:.1%}, out-of-scope recall {rec:.1%}")
    print(f"  latency per utterance: p50 {p50:.1f} ms, p95 {p95:.1f} ms (one at a time)")
    print(f"  install weight: {install_weight_mb(weights)}")
    print("  published test-split figures: BERT 96.2/52.3, USE+MLP 93.4/49.1, Rasa 91.5/45.3, DialogFlow 91.7/14.0")


if __name__ == "__main__":
    main()
