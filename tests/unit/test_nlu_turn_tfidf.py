"""The per-turn TF-IDF path gives exactly the rows scikit-learn's transform gives."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from app.nlu.text import fold
from app.nlu.tfidf import SMALL_BATCH, TurnTfidf

FIT = ["i need to book a cleaning next week", "what are your hours on saturday", "can i cancel my appointment",
       "do you take delta dental insurance", "my tooth is chipped and it hurts", "cuál es su horario el sábado"]
TURNS = ["book me a cleaning", "hours saturday??", "", "zzzz qqqq", "cancel cancel cancel my visit",
         "¿aceptan el seguro delta?", "I NEED TO BOOK A CLEANING NEXT WEEK"]


@pytest.mark.parametrize("vectorizer", [
    TfidfVectorizer(preprocessor=fold, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    TfidfVectorizer(preprocessor=fold, ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"),
    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), norm="l1", use_idf=False),
    TfidfVectorizer(binary=True, norm=None),
], ids=["chars", "words", "l1-no-idf", "binary-unnormalised"])
def test_rows_equal_scikit_learns(vectorizer: TfidfVectorizer) -> None:
    vectorizer.fit(FIT)
    fast = TurnTfidf(vectorizer)
    for text in TURNS:
        np.testing.assert_allclose(fast.transform([text]).toarray(), vectorizer.transform([text]).toarray(), atol=1e-12)
    together = fast.transform(TURNS[:3])
    assert together.shape == (3, len(vectorizer.vocabulary_))
    np.testing.assert_allclose(together.toarray(), vectorizer.transform(TURNS[:3]).toarray(), atol=1e-12)


def test_large_batches_go_through_scikit_learn() -> None:
    vectorizer = TfidfVectorizer().fit(FIT)
    calls: list[int] = []
    original = vectorizer.transform
    vectorizer.transform = lambda texts: calls.append(len(texts)) or original(texts)  # type: ignore[method-assign]
    TurnTfidf(vectorizer).transform(FIT * 2)
    assert calls == [len(FIT) * 2] and len(FIT) * 2 > SMALL_BATCH


def test_a_vectorizer_restored_from_its_vocabulary_gives_the_same_rows() -> None:
    from app.nlu.escalation_classifier import CharNgrams

    fitted = CharNgrams.fit(FIT, min_df=1)
    restored = CharNgrams.restore(fitted.terms, fitted.idf)
    for text in TURNS:
        np.testing.assert_allclose(restored.transform([text]).toarray(), fitted.transform([text]).toarray(), atol=1e-12)
        # float32 features: scikit-learn rounds before the idf product, this path after it
        np.testing.assert_allclose(fitted.transform([text]).toarray(), fitted._vectorizer.transform([text]).toarray(),
                                   rtol=1e-6, atol=1e-7)
