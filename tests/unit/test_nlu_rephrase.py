"""Grounded rephrasing with the real openai client against the local stand-in."""
from __future__ import annotations

import openai
import pytest

from app.config import PROJECT_ROOT
from app.nlu.llm import load_prompt
from app.nlu.rephrase import GroundedRephraser
from tests.standins.openai_chat import ChatStandin

ENTRY = ("Without insurance, a cleaning and exam is 150 dollars and a filling starts at 180 dollars.",)


@pytest.fixture()
def setup():
    with ChatStandin() as server:
        client = openai.OpenAI(api_key="k", base_url=server.base_url, max_retries=0)
        yield server, GroundedRephraser(client, "m", load_prompt(PROJECT_ROOT / "prompts", "answer"),
                                        business="Bright Smile Dental", timeout=0.5)


def test_grounded_rephrasing_is_used(setup):
    server, rephraser = setup
    server.script.content = "A cleaning with an exam is 150 dollars if you don't have insurance."
    answer = rephraser.answer("how much is a cleaning", ENTRY)
    assert answer.rephrased and "150" in answer.text
    assert "150 dollars" in server.script.requests[-1]["body"]["messages"][0]["content"]


def test_invented_price_is_rejected(setup):
    server, rephraser = setup
    server.script.content = "A cleaning is just 99 dollars this month!"
    answer = rephraser.answer("how much is a cleaning", ENTRY)
    assert answer.text == ENTRY[0] and not answer.rephrased and "99" in answer.rejected


@pytest.mark.parametrize("status,delay,content", [(500, 0.0, "x"), (200, 1.5, "x"), (200, 0.0, "NO_ANSWER")])
def test_failures_fall_back_to_the_entry(setup, status, delay, content):
    server, rephraser = setup
    server.script.status, server.script.delay, server.script.content = status, delay, content
    assert rephraser.answer("how much is a cleaning", ENTRY).text == ENTRY[0]
