"""The embedded call-type detector: in-scope paraphrases, out-of-scope requests, Spanish, bad input."""
from __future__ import annotations

import pytest

from app.engine.understanding import OUT_OF_SCOPE
from app.flows.loader import load_flows
from app.nlu.embedded import build_embedded_classifier
from app.nlu.intents import flows_examples

EXAMPLES = {
    "order_pizza": ["I want to order a pizza", "can I get a large pepperoni", "I'd like a pizza delivered",
                    "order a margherita for pickup", "quiero pedir una pizza"],
    "store_hours": ["what time do you open", "are you open on sunday", "when do you close tonight",
                    "what are your hours", "a qué hora abren"],
}


@pytest.fixture(scope="module")
def ngram_classifier():
    return build_embedded_classifier(EXAMPLES, encoder=None)


@pytest.fixture(scope="module")
def demo_classifier(flows_dir):
    return build_embedded_classifier(flows_examples(load_flows(flows_dir)), encoder=None)


def test_in_scope_paraphrases(ngram_classifier):
    assert ngram_classifier.classify("could I order a pepperoni pizza please").intent == "order_pizza"
    assert ngram_classifier.classify("until what time are you open today").intent == "store_hours"


def test_unrelated_request_is_out_of_scope(ngram_classifier):
    prediction = ngram_classifier.classify("my credit card was stolen and I need to freeze it")
    assert prediction.intent == OUT_OF_SCOPE
    assert 0.0 <= prediction.confidence <= 1.0


def test_prediction_carries_ranking_and_source(ngram_classifier):
    prediction = ngram_classifier.classify("I want to order a pizza")
    assert prediction.ranking[0][0] == "order_pizza"
    assert all(name in EXAMPLES for name, _ in prediction.ranking)
    assert prediction.source == "embedded"
    assert prediction.confidence >= 0.5


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_or_missing_text_is_out_of_scope(ngram_classifier, text):
    assert ngram_classifier.classify(text).intent == OUT_OF_SCOPE


def test_batch_matches_single(ngram_classifier):
    texts = ["order a pizza", "are you open sunday", "tell me a joke"]
    assert [p.intent for p in ngram_classifier.classify_batch(texts)] == \
        [ngram_classifier.classify(t).intent for t in texts]


def test_no_examples_is_a_clear_error():
    with pytest.raises(ValueError, match="example"):
        build_embedded_classifier({"a": ["", " "]}, encoder=None)


@pytest.mark.parametrize("text,intent", [
    ("I'd like to make an appointment for a cleaning", "book_appointment"),
    ("I need to cancel my appointment on Friday", "cancel_appointment"),
    ("can I move my appointment to next week", "reschedule_appointment"),
    ("I'm stuck in traffic, I'll be fifteen minutes late", "running_late"),
    ("do you take Delta Dental", "office_question"),
    ("quiero cancelar mi cita", "cancel_appointment"),
    ("what's the weather in Chicago tomorrow", OUT_OF_SCOPE),
    ("I want to order a pizza", OUT_OF_SCOPE),
])
def test_demo_flows_light_path(demo_classifier, text, intent):
    assert demo_classifier.classify(text).intent == intent


def test_generic_negative_that_the_flows_cover_stays_in_scope():
    examples = {"weather": ["what's the weather tomorrow", "is it going to rain", "will it be sunny today",
                            "weather forecast for the weekend"],
                "pizza": ["order a pizza", "I want a pizza delivered"]}
    clf = build_embedded_classifier(examples, encoder=None)
    assert clf.classify("what's the weather going to be like tomorrow").intent == "weather"


def test_scope_score_counts_half_the_runner_up():
    from app.nlu.embedded import scope_score

    assert scope_score([0.4, 0.3, 0.1]) == pytest.approx(0.55)
    assert scope_score([0.7]) == pytest.approx(0.7)
    assert scope_score([]) == 0.0


def test_utterance_split_between_two_call_types_stays_in_scope():
    import numpy as np

    clf = build_embedded_classifier(EXAMPLES, encoder=WordHashEncoder(), calibrate=False)  # the runner-up rule
    assert clf.combiner is None
    columns = {name: i for i, name in enumerate(clf.classes)}
    split, lone = np.zeros(len(columns)), np.zeros(len(columns))
    split[columns["order_pizza"]], split[columns["store_hours"]], split[columns["__other__"]] = 0.4, 0.35, 0.25
    lone[columns["order_pizza"]], lone[columns["store_hours"]], lone[columns["__other__"]] = 0.4, 0.05, 0.35
    assert clf.decide(split, 0.5).intent == "order_pizza"  # 0.4 + 0.35 / 2 clears 0.5
    assert clf.decide(lone, 0.5).intent == OUT_OF_SCOPE  # 0.4 + 0.05 / 2 does not
    assert clf.decide(lone, 0.5).confidence == pytest.approx(1 - 0.425)


class WordHashEncoder:
    """A stand-in sentence encoder (hashed words, unit length) so two views exist without the model."""

    name = "word hashes"

    def encode(self, texts):
        import zlib

        import numpy as np

        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode()) % 64] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


@pytest.fixture(scope="module")
def two_view_classifier():
    return build_embedded_classifier(EXAMPLES, encoder=WordHashEncoder())


def test_light_path_has_nothing_to_combine(ngram_classifier):
    assert ngram_classifier.combiner is None


def test_combined_scope_counts_every_call_type(two_view_classifier):
    import numpy as np

    clf = two_view_classifier
    assert clf.combiner is not None
    columns = {name: i for i, name in enumerate(clf.classes)}
    split, lone = np.zeros(len(columns)), np.zeros(len(columns))
    split[columns["order_pizza"]], split[columns["store_hours"]], split[columns["__other__"]] = 0.35, 0.3, 0.35
    lone[columns["order_pizza"]], lone[columns["store_hours"]], lone[columns["__other__"]] = 0.5, 0.05, 0.45
    assert clf.decide(split, 0.6).intent == "order_pizza"  # 0.35 + 0.3 clears 0.6
    assert clf.decide(lone, 0.6).intent == OUT_OF_SCOPE  # 0.5 + 0.05 does not
    assert clf.decide(lone, 0.6).confidence == pytest.approx(0.45)


def test_combined_threshold_asks_more_of_a_business_with_more_call_types():
    from app.nlu.embedded import IN_SCOPE_ODDS, combined_threshold

    assert combined_threshold(5) == pytest.approx(5 * IN_SCOPE_ODDS / (5 * IN_SCOPE_ODDS + 1))
    steps = [combined_threshold(k) for k in (1, 2, 3, 5, 10, 15)]
    assert steps == sorted(steps) and len(set(steps)) == len(steps)
    assert 0.0 < steps[0] and steps[-1] < 1.0


def test_default_scope_threshold_follows_the_number_of_call_types(two_view_classifier):
    import numpy as np

    from app.nlu.embedded import combined_threshold

    clf = two_view_classifier
    assert clf.threshold == pytest.approx(combined_threshold(len(EXAMPLES)))
    columns = {name: i for i, name in enumerate(clf.classes)}
    row = np.zeros(len(columns))
    row[columns["order_pizza"]], row[columns["__other__"]] = 0.8, 0.2  # in-scope odds of 4
    assert clf.decide(row).intent == "order_pizza"  # 2 call types ask for lower odds
    assert clf.decide(row, combined_threshold(10)).intent == OUT_OF_SCOPE  # 10 ask for higher ones


def test_combined_rows_are_probabilities_that_route_like_the_views(two_view_classifier):
    import numpy as np

    clf = two_view_classifier
    texts = ["can I get a large pepperoni delivered", "are you open on sunday", "tell me a joke"]
    rows = clf.probabilities(texts)
    assert np.allclose(rows.sum(axis=1), 1.0, atol=1e-5)
    mixed = sum(v.weight * v.model.predict_proba(v.featurize(texts)) for v in clf.views)
    types = [i for i, name in enumerate(clf.classes) if name != "__other__"]
    assert list(rows[:, types].argmax(axis=1)) == list(mixed[:, types].argmax(axis=1))


def test_combined_scope_ranks_paraphrases_above_strangers(two_view_classifier):
    clf = two_view_classifier
    other = clf.classes.index("__other__")
    rows = clf.probabilities(["could I order a pepperoni pizza please", "what time do you open on sunday",
                              "my credit card was stolen and I need to freeze it", "tell me a joke"])
    in_scope = 1.0 - rows[:, other]
    assert min(in_scope[:2]) > max(in_scope[2:])


def test_too_few_examples_keep_the_runner_up_rule():
    clf = build_embedded_classifier({"a": ["order a pizza", "a large pepperoni"], "b": ["what are your hours"]},
                                    encoder=WordHashEncoder())
    assert clf.combiner is None
    assert clf.classify("order a pizza").intent == "a"


def test_a_shared_model_cache_replaces_the_data_folder(tmp_path) -> None:
    from app.config import Settings
    from app.nlu.intents import model_cache_dir
    from app.nlu.semantic_escalation import cache_dir_of

    settings = Settings(data_dir=tmp_path / "data", extra={"FRONTDESK_MODEL_CACHE": str(tmp_path / "shared")})
    assert model_cache_dir(settings) == cache_dir_of(settings) == tmp_path / "shared"
    assert model_cache_dir(Settings(data_dir=tmp_path / "data")) == tmp_path / "data" / "models"
