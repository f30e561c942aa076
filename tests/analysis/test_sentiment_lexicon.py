from __future__ import annotations

import json
import sys
from importlib import resources

import numpy as np
import pytest

from insights.analysis.sentiment_lexicon import LEXICON_FEATURES, LexiconFeatures, french_polarity
from insights.errors import InsightsError


@pytest.fixture(scope="module")
def lexicon() -> LexiconFeatures:
    return LexiconFeatures()


@pytest.fixture(scope="module")
def french() -> dict[str, float]:
    data = json.loads(
        (resources.files("insights.analysis") / "sentiment_lexicon_fr.json").read_text("utf-8")
    )
    return data["polarity"]


def test_shipped_french_lexicon_is_public_domain_and_sizeable(french: dict[str, float]) -> None:
    data = json.loads(
        (resources.files("insights.analysis") / "sentiment_lexicon_fr.json").read_text("utf-8")
    )
    assert data["licence"].startswith("PDDL")
    assert len(french) > 4000
    assert french["excellent"] > 0 > french["mauvais"]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Un film excellent, des acteurs formidables.", 1),
        ("Service médiocre et personnel désagréable.", -1),
        ("Ce n'est pas bon du tout.", -1),
        ("Pas mauvais, finalement.", 1),
        ("Le colis contient deux livres.", 0),
    ],
)
def test_french_polarity_reads_adjectives_and_negation(
    text: str, sign: int, french: dict[str, float]
) -> None:
    polarity, positive_share, negative_share = french_polarity(text, french)
    assert np.sign(polarity) == sign
    assert 0 <= positive_share <= 1 and 0 <= negative_share <= 1


def test_intensifier_strengthens_french_polarity(french: dict[str, float]) -> None:
    assert french_polarity("très bon", french)[0] > french_polarity("bon", french)[0] > 0


def test_features_use_the_lexicon_of_each_rows_language(lexicon: LexiconFeatures) -> None:
    texts = ["I love it, great service!", "Livraison rapide, produit excellent.", "Sehr gut!"]
    features = lexicon.transform(texts, ["en", "fr", "de"])
    assert features.shape == (3, len(LEXICON_FEATURES)) and features.dtype == np.float32
    assert features[0, 0] > 0.5 and not features[0, 3:].any()
    assert features[1, 3] > 0 and not features[1, :3].any()
    assert not features[2].any()


def test_english_negative_text_gets_a_negative_compound(lexicon: LexiconFeatures) -> None:
    features = lexicon.transform(["Terrible, rude staff and a horrible wait."], ["en"])
    assert features[0, 0] < -0.5 and features[0, 2] > 0


def test_missing_vader_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "vaderSentiment", None)
    monkeypatch.setitem(sys.modules, "vaderSentiment.vaderSentiment", None)
    with pytest.raises(InsightsError, match="pip install vaderSentiment"):
        LexiconFeatures()
