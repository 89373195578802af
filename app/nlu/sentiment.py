"""Caller sentiment per utterance with VADER, so an angry or distressed caller reaches a person."""
from __future__ import annotations

import unicodedata
from typing import Mapping

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# VADER's lexicon is English. These Spanish words (accents removed) carry valence on VADER's
# -4..+4 scale so that a furious or desperate Spanish-speaking caller is not scored as neutral.
SPANISH_LEXICON: Mapping[str, float] = {
    "furioso": -3.1, "furiosa": -3.1, "enojado": -2.5, "enojada": -2.5, "molesto": -2.0, "molesta": -2.0,
    "harto": -2.5, "harta": -2.5, "horrible": -2.5, "terrible": -2.5, "pesimo": -3.0, "pesima": -3.0,
    "odio": -3.0, "ridiculo": -2.0, "ridicula": -2.0, "inaceptable": -2.8, "verguenza": -2.3,
    "desesperado": -2.8, "desesperada": -2.8, "triste": -2.1, "mal": -1.8, "malo": -1.9, "mala": -1.9,
    "peor": -2.5, "dolor": -1.5, "grosero": -2.3, "grosera": -2.3, "inutil": -2.5, "estafa": -3.0,
    "fatal": -2.8, "asco": -2.8, "injusto": -2.2, "decepcionado": -2.2, "decepcionada": -2.2,
    "bien": 1.5, "bueno": 1.9, "buena": 1.9, "gracias": 1.8, "excelente": 3.0, "perfecto": 2.8,
    "genial": 2.8, "amable": 2.0, "contento": 2.2, "contenta": 2.2, "feliz": 2.6,
}

# Words that describe symptoms rather than feelings about the call. A dental caller in pain is
# the ordinary case (the safety policy handles urgency), so these barely move the score.
SYMPTOM_WORDS: Mapping[str, float] = {
    word: -0.3 for word in (
        "pain", "painful", "pains", "hurt", "hurts", "hurting", "ache", "aches", "aching", "sore", "killing",
        "kills", "bleeding", "bleed", "swollen", "swelling", "sensitive", "sensitivity", "throbbing", "cavity",
        "infection", "infected", "broken", "broke", "cracked", "chipped", "lost", "dolor", "duele", "muela",
    )
} | {"bad": -0.6, "worse": -0.6}

def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class VaderSentimentScorer:
    """Satisfies SentimentScorer: VADER's compound score in [-1, 1] (0.0 for empty text)."""

    def __init__(self, extra_lexicon: Mapping[str, float] | None = None) -> None:
        self._analyzer = SentimentIntensityAnalyzer()
        self._analyzer.lexicon.update(SPANISH_LEXICON)
        self._analyzer.lexicon.update(SYMPTOM_WORDS)
        if extra_lexicon:
            self._analyzer.lexicon.update({word.lower(): float(value) for word, value in extra_lexicon.items()})

    def score(self, text: str) -> float:
        """Compound sentiment of one utterance; bad input is neutral rather than an error."""
        if not isinstance(text, str) or not text.strip():
            return 0.0
        compound = self._analyzer.polarity_scores(_fold(text))["compound"]
        return max(-1.0, min(1.0, float(compound)))
