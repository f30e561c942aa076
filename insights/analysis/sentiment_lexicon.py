"""Lexicon polarity features for the sentiment head: VADER (English), Pattern's adjectives (French).

Six numbers per text, appended to its sentence embedding before the head's
logistic regression (`LEXICON_FEATURES` names them). A text gets the English
features if its language is ``en``, the French ones if it is ``fr``, zeros
otherwise, so neither lexicon misreads the other language.

- English: VADER's compound, pos and neg scores (``vaderSentiment``, MIT).
- French: the adjective polarities of Pattern's French lexicon (PDDL, shipped as
  ``sentiment_lexicon_fr.json``, built by ``models/build_lexicon_fr.py``), with
  negation ("pas", "jamais"...) and intensifiers ("très", "trop"...):
  squashed sum, share of positive and share of negative adjectives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np

from insights.errors import InsightsError

__all__ = ["LEXICON_FEATURES", "LexiconFeatures", "french_polarity"]

LEXICON_FEATURES: tuple[str, ...] = (
    "vader_compound",
    "vader_pos",
    "vader_neg",
    "fr_polarity",
    "fr_pos_share",
    "fr_neg_share",
)
_FRENCH_FILE = "sentiment_lexicon_fr.json"
_TOKEN = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœæ]+")
_NEGATORS = frozenset({"pas", "jamais", "aucun", "aucune", "ni", "guère", "rien", "sans", "plus"})
_INTENSIFIERS = {
    "très": 1.5,
    "trop": 1.3,
    "vraiment": 1.4,
    "super": 1.5,
    "si": 1.3,
    "tellement": 1.5,
    "assez": 0.8,
    "peu": 0.5,
}
_NEGATION_WINDOW = 3
_NEGATED = -0.6


def _load_french() -> dict[str, float]:
    source = resources.files(__package__) / _FRENCH_FILE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["polarity"].items()}
    except (OSError, KeyError, ValueError) as exc:
        raise InsightsError(
            f"French sentiment lexicon {_FRENCH_FILE} could not be read ({exc}); "
            "reinstall insights or rebuild it with models/build_lexicon_fr.py"
        ) from exc


def french_polarity(text: str, lexicon: dict[str, float]) -> tuple[float, float, float]:
    """Squashed polarity in (-1, 1), positive share and negative share of French adjectives.

    An adjective is flipped (and damped) when a negator precedes it within three
    words or "pas"/"jamais" follows it, and scaled by an intensifier just before it.

    Example:
        >>> lexicon = {"bon": 0.7, "mauvais": -0.7}
        >>> [round(v, 2) for v in french_polarity("pas très bon", lexicon)]
        [-0.42, 0.0, 1.0]
    """
    tokens = _TOKEN.findall(text.lower())
    values: list[float] = []
    for i, token in enumerate(tokens):
        value = lexicon.get(token, 0.0)
        if not value:
            continue
        if i and tokens[i - 1] in _INTENSIFIERS:
            value *= _INTENSIFIERS[tokens[i - 1]]
        before = tokens[max(0, i - _NEGATION_WINDOW) : i]
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if any(t in _NEGATORS for t in before) or after in ("pas", "jamais"):
            value *= _NEGATED
        values.append(value)
    if not values:
        return 0.0, 0.0, 0.0
    array = np.array(values)
    squashed = float(np.tanh(array.sum() / np.sqrt(len(array) + 1)))
    return squashed, float((array > 0).mean()), float((array < 0).mean())


class LexiconFeatures:
    """Computes `LEXICON_FEATURES` for texts whose language is known."""

    def __init__(self) -> None:
        try:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        except ImportError as exc:
            raise InsightsError(
                "the sentiment head needs the vaderSentiment package for English; "
                "install it with: pip install vaderSentiment"
            ) from exc
        self._vader: Any = SentimentIntensityAnalyzer()
        self._french = _load_french()

    def transform(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """Return a float32 array (len(texts), 6); rows of other languages are zero.

        Args:
            texts: normalised texts (see `insights.analysis.sentiment_text.normalise_text`).
            languages: one ISO 639-1 code per text.
        """
        features = np.zeros((len(texts), len(LEXICON_FEATURES)), dtype=np.float32)
        for row, (text, language) in enumerate(zip(texts, languages, strict=True)):
            if language == "en":
                scores = self._vader.polarity_scores(text)
                features[row, :3] = (scores["compound"], scores["pos"], scores["neg"])
            elif language == "fr":
                features[row, 3:] = french_polarity(text, self._french)
        return features
