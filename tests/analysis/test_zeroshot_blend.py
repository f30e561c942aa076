"""The stage blend: English statements also read by MiniLM, on the real models."""

from __future__ import annotations

import numpy as np
import pytest

from insights.analysis.embed import Embedder, make_embedder
from insights.analysis.zeroshot import PrototypeClassifier, prepare_text
from insights.analysis.zeroshot_blend import ENGLISH_EMBEDDER, ENGLISH_WEIGHT, EnglishBlend
from insights.errors import UsageError
from insights.taxonomies import load_taxonomy, none_examples

pytestmark = pytest.mark.slow

TEXTS = [
    "I have been on hold with customer service for an hour",
    "The parcel arrived two days late and the box was damaged",
    "J'ai attendu une heure au téléphone avant de parler à quelqu'un",
    "I'm cancelling my contract and moving to a cheaper provider",
]
LANGS = ["en", "en", "fr", "en"]


@pytest.fixture(scope="module")
def use() -> Embedder:
    return make_embedder("use-multilingual.v1")


@pytest.fixture(scope="module")
def minilm() -> Embedder:
    return make_embedder(ENGLISH_EMBEDDER)


class Factory:
    """Hands out the English model and counts how often it was asked for."""

    def __init__(self, model: Embedder) -> None:
        self.model = model
        self.calls = 0

    def __call__(self) -> Embedder:
        self.calls += 1
        return self.model


def _blend(
    use: Embedder, minilm: Embedder | Factory, weight: float = ENGLISH_WEIGHT
) -> EnglishBlend:
    stages = load_taxonomy("default").stages
    factory = minilm if isinstance(minilm, Factory) else Factory(minilm)
    return EnglishBlend.from_labels(
        stages, use, factory, none_examples=none_examples(), weight=weight
    )


def _english_vectors(minilm: Embedder) -> np.ndarray:
    return minilm.encode(
        [prepare_text(t) for t, lang in zip(TEXTS, LANGS, strict=True) if lang == "en"]
    )


def test_english_rows_mix_both_models_and_other_rows_keep_use(
    use: Embedder, minilm: Embedder
) -> None:
    blend = _blend(use, minilm)
    vectors = use.encode([prepare_text(t) for t in TEXTS])
    english = _english_vectors(minilm)
    result = blend.predict(vectors, languages=LANGS, english_vectors=english)

    texts, owners = blend.prototypes()
    on_minilm = PrototypeClassifier(
        blend.label_ids, minilm.encode(texts), owners, config=blend.main.config
    )
    scores = blend.main.similarities(vectors)
    rows = [0, 1, 3]
    scores[rows] = 0.8 * scores[rows] + 0.2 * on_minilm.similarities(english)
    expected = blend.main.decide(scores)
    np.testing.assert_allclose(result.matrix, expected.matrix, rtol=1e-6)
    assert result.labels.tolist() == expected.labels.tolist()
    alone = blend.main.predict(vectors)
    np.testing.assert_array_equal(result.matrix[2], alone.matrix[2])  # French: USE only
    assert not np.allclose(result.matrix[rows], alone.matrix[rows])
    assert result.labels.tolist() == ["support", "onboarding", "support", "retention"]


def test_weight_zero_or_no_languages_is_the_multilingual_classifier(
    use: Embedder, minilm: Embedder
) -> None:
    vectors = use.encode([prepare_text(t) for t in TEXTS])
    off = _blend(use, minilm, weight=0.0)
    alone = off.main.predict(vectors).matrix
    np.testing.assert_array_equal(off.predict(vectors, languages=LANGS).matrix, alone)
    blend = _blend(use, minilm)
    np.testing.assert_array_equal(blend.predict(vectors).matrix, alone)
    assert off.english_rows(LANGS).size == 0
    assert blend.english_rows(LANGS).tolist() == [0, 1, 3]


def test_the_english_model_is_asked_for_only_when_english_rows_come(
    use: Embedder, minilm: Embedder
) -> None:
    factory = Factory(minilm)
    blend = _blend(use, factory)
    blend.fingerprint()
    blend.classify(["Mon colis n'est jamais arrivé"], languages=["fr"])
    assert factory.calls == 0
    labels = blend.classify(TEXTS, languages=LANGS).labels.tolist()
    blend.classify(TEXTS, languages=LANGS)
    assert factory.calls == 1
    assert labels == ["support", "onboarding", "support", "retention"]


def test_english_rows_without_their_vectors_are_refused(use: Embedder, minilm: Embedder) -> None:
    blend = _blend(use, minilm)
    vectors = use.encode(TEXTS)
    with pytest.raises(UsageError, match="3 English statements need as many"):
        blend.predict(vectors, languages=LANGS)
    with pytest.raises(UsageError, match="3 English statements need as many"):
        blend.predict(vectors, languages=LANGS, english_vectors=_english_vectors(minilm)[:2])
    with pytest.raises(UsageError, match="expected 4 languages"):
        blend.predict(vectors, languages=LANGS[:3])
    with pytest.raises(UsageError, match=r"in \[0, 1\]"):
        _blend(use, minilm, weight=1.5)


def test_few_shot_examples_reach_both_models_and_the_fingerprint(
    use: Embedder, minilm: Embedder
) -> None:
    blend = _blend(use, minilm)
    text = "The gate agent gave my seat away to someone else"
    before = blend.fingerprint()
    blend.classify([text], languages=["en"])  # the English classifier exists from here
    blend.add_examples("advocacy", [text])
    assert blend.fingerprint() != before
    assert blend.n_prototypes == len(blend.prototypes()[0])
    assert blend.classify([text], languages=["en"]).labels.tolist() == ["advocacy"]
    assert blend._english().n_prototypes == blend.n_prototypes
    later = _blend(use, minilm)  # examples added before the English classifier is built
    later.add_examples("advocacy", [text])
    assert later.classify([text], languages=["en"]).labels.tolist() == ["advocacy"]
    assert later.fingerprint() == blend.fingerprint()
    assert _blend(use, minilm, weight=0.3).fingerprint() != _blend(use, minilm).fingerprint()
