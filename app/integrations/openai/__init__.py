"""The one place an openai client is built, so every OpenAI-compatible service is configured alike."""
from __future__ import annotations

from typing import Any


def build_client(api_key: str | None, base_url: str | None, *, timeout: float, max_retries: int) -> Any:
    """An `openai.OpenAI` for a key and base URL; with no key, the openai package reads OPENAI_API_KEY.

    Callers choose the timeout and retries: a call in progress cannot wait as long as a background job.
    """
    from openai import OpenAI

    return OpenAI(api_key=api_key, base_url=base_url, timeout=timeout, max_retries=max_retries)
