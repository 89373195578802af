"""Knowledge retrieval scores and the grounded-answer check."""
from __future__ import annotations

import pytest

from app.flows.loader import load_flows
from app.flows.schema import localize
from app.nlu.grounding import check_grounded
from app.nlu.knowledge import build_knowledge_retriever

THRESHOLD = 0.35


@pytest.fixture(scope="module")
def flows(flows_dir):
    return load_flows(flows_dir)


@pytest.fixture(scope="module")
def retriever(flows):
    return build_knowledge_retriever(flows.knowledge)


def best(retriever, text):
    matches = retriever.retrieve(text, "en")
    return matches[0] if matches else None


@pytest.mark.parametrize("text,entry", [
    ("how much is a cleaning", "prices"),
    ("what time do you open on saturday", "hours"),
    ("what is your address", "address"),
    ("do you take Cigna", "insurance"),
    ("¿cuánto cuesta una limpieza?", "prices"),
    ("is there parking at the office", "parking"),
])
def test_covered_questions_match_above_threshold(retriever, text, entry):
    match = best(retriever, text)
    assert match is not None and match.entry_id == entry and match.score >= THRESHOLD


@pytest.mark.parametrize("text", [
    "how much is a root canal",
    "what do you charge for a root canal",
    "do you do braces for adults",
    "hello",
    "",
])
def test_uncovered_questions_do_not_match_confidently(retriever, text):
    match = best(retriever, text)
    assert match is None or match.score < THRESHOLD


def test_scores_are_sorted_and_bounded(retriever):
    matches = retriever.retrieve("how much does whitening cost and do you take insurance", "en")
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


def test_empty_knowledge_is_an_error():
    class Empty:
        entries: list = []
    with pytest.raises(ValueError, match="no entries"):
        build_knowledge_retriever(Empty())


@pytest.fixture(scope="module")
def entry_texts(flows):
    return [localize(flows.knowledge.entry(i).answer, "en") for i in ("hours", "prices", "insurance")]


@pytest.mark.parametrize("candidate", [
    "Sure! We're open from 8 to 5 on Monday.",
    "A cleaning and exam costs $150 without insurance.",
    "Whitening in the office is four hundred fifty dollars.",
    "We work with Delta Dental and Cigna.",
    "Fillings start at 180 dollars, and on Wednesdays we stay open until 7.",
])
def test_grounded_rephrasings_pass(entry_texts, candidate):
    result = check_grounded(candidate, entry_texts)
    assert result.grounded, result.unsupported


@pytest.mark.parametrize("candidate,bad", [
    ("A cleaning is $120.", "120"),
    ("We're open on Sunday from 11.", "11"),
    ("Whitening is three hundred dollars.", "300.0"),
    ("We take Humana and Aetna.", "Humana"),
    ("Dr. Patel can see you at 8.", "Patel"),
    ("We close at 5:30 on Fridays.", "5:30"),
    ("We're open on Christmas.", "Christmas"),
])
def test_ungrounded_facts_are_rejected(entry_texts, candidate, bad):
    result = check_grounded(candidate, entry_texts)
    assert not result.grounded and bad in result.unsupported
