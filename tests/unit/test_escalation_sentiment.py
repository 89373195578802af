"""VADER sentiment per utterance, and the escalation package staying free of I/O."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.engine.escalation import normalize
from app.nlu.sentiment import VaderSentimentScorer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scorer():
    return VaderSentimentScorer()


def test_angry_caller_is_below_the_shipped_threshold(scorer):
    assert scorer.score("This is ridiculous, I'm furious and I hate this stupid system") <= -0.6


def test_spanish_anger_is_not_neutral(scorer):
    assert scorer.score("Estoy harto, es un servicio pésimo") <= -0.6


def test_pain_is_a_symptom_not_anger(scorer):
    assert scorer.score("my tooth hurts so bad, the pain is killing me") > -0.6


@pytest.mark.parametrize("text", ["", "   ", None, 42])
def test_bad_input_is_neutral(scorer, text):
    assert scorer.score(text) == 0.0  # type: ignore[arg-type]


def test_scores_are_bounded(scorer):
    for text in ["thank you so much, wonderful", "horrible horrible horrible awful", "ok"]:
        assert -1.0 <= scorer.score(text) <= 1.0


def test_operator_lexicon_extension():
    assert VaderSentimentScorer({"ripoff": -3.5}).score("total ripoff") < VaderSentimentScorer().score("total ripoff")


@pytest.mark.parametrize("raw,expected", [
    ("I wanna talk to a REAL PERSONA!", "i want to talk to a real person"),
    ("Páseme con la recepción", "paseme con la recepcion"),
    ("I can't, it won't, she isn't", "i can not it will not she is not"),
    ("um, the operater", "the operator"),
    ("represent a tive", "representative"),
])
def test_normalisation(raw, expected):
    assert normalize(raw).text == expected


def test_escalation_package_does_no_io():
    forbidden = {"flask", "redis", "requests", "httpx", "openai", "socket", "urllib", "subprocess"}
    for path in (ROOT / "app/engine/escalation").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open":
                pytest.fail(f"{path.name} opens a file")
