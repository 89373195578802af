"""Types shared by every flows file: localised text, languages, strict models."""
from __future__ import annotations

from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Field

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
"""Two-letter language code used as the key of localised text ("en", "es")."""

LocalizedText = Union[str, dict[LanguageCode, str]]
"""Either one string (used for every language) or a map from language code to text."""


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo in an operator's YAML must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def localize(text: LocalizedText | None, language: str, fallback: str = "en") -> str | None:
    """Pick the text for a language, falling back to English, then to any language given."""
    if text is None or isinstance(text, str):
        return text
    return text.get(language) or text.get(fallback) or next(iter(text.values()), None)


def has_language(text: LocalizedText | None, language: str) -> bool:
    """True when the text was written for this language (a plain string counts as English only)."""
    if text is None:
        return False
    if isinstance(text, str):
        return language == "en"
    return language in text
