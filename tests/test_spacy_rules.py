from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from insights.spacy_pipelines import SpacyPipelines
from insights.spacy_rules import FastRules, deferred_rules

ATTRS = [POS, TAG, MORPH, LEMMA, DEP]
# Every kind of English rule: tag map, word exceptions, two-token runs ("gonna",
# "y'all", "ain't", "let's", "c'mon", "there is"), dependency rules, whitespace.
EN = [
    "I'm gonna call y'all tomorrow, ain't that right?",
    "Let's go. C'mon, there is no time and there's no refund.",
    "But I got it, and it gets worse: they do not answer, did they?",
    "The  agent\n\nsaid that which was promised had been shipped.",
    "Gotta love it when you have to wait 3 hours for a £40 refund!!",
    "It hurts. You told me it was fine; I didn't believe you.",
]
FR = [
    "Le colis est arrivé  abîmé, et personne ne m'a répondu.",
    "J'ai attendu une heure au téléphone.\n\nAucune réponse à mes mails !",
]


@pytest.fixture(scope="module")
def shared() -> SpacyPipelines:
    return SpacyPipelines()


def _without_ruler(nlp: Any, texts: list[str]) -> list[Any]:
    idle = [p for p in nlp.pipe_names if p in ("ner", "senter", "lemmatizer", "attribute_ruler")]
    return list(nlp.pipe(texts, disable=idle))


@pytest.mark.parametrize(("lang", "texts"), [("en", EN), ("fr", FR)])
def test_same_attributes_as_the_component(shared: SpacyPipelines, lang: str, texts: list[str]):
    nlp = shared[lang]
    ruler = nlp.get_pipe("attribute_ruler")
    rules = FastRules.of(ruler)
    assert rules is not None
    expected = [ruler(doc) for doc in _without_ruler(nlp, texts)]
    got = [rules(doc) for doc in _without_ruler(nlp, texts)]
    for want, have in zip(expected, got, strict=True):
        assert np.array_equal(want.to_array(ATTRS), have.to_array(ATTRS)), want.text
    changed = [t for doc in got for t in doc if t.lemma_ and t.lower_ in ("gon", "na", "ai")]
    assert lang == "fr" or {(t.lower_, t.lemma_) for t in changed} >= {("gon", "go"), ("na", "to")}


def test_later_rules_win_and_index_counts_from_the_end() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "refund"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["refund", "money"]}}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": "my"}, {"LOWER": {"REGEX": "^ref"}}]], {"NORM": "mine"}, index=-1)
    ruler.add([[{"IS_SPACE": True}]], {"LEMMA": "blank"})
    rules = FastRules.of(ruler)
    assert rules is not None
    texts = ["My refund,  my money.", "my refund"]
    expected = [ruler(nlp.make_doc(t)) for t in texts]
    got = [rules(nlp.make_doc(t)) for t in texts]
    for want, have in zip(expected, got, strict=True):
        assert [(t.lemma_, t.norm_) for t in want] == [(t.lemma_, t.norm_) for t in have]
    assert [t.lemma_ for t in got[0]][1:4] == ["second", "", "blank"]
    assert [t.norm_ for t in got[1]] == ["my", "mine"]


@pytest.mark.parametrize(
    ("patterns", "attrs", "index"),
    [
        ([[{"LOWER": "very", "OP": "+"}, {"LOWER": "slow"}]], {"LEMMA": "slow"}, 0),
        ([[{"IS_PUNCT": {"REGEX": "True"}}]], {"LEMMA": "punct"}, 0),  # a flag's text form
        ([[{"LOWER": "slow"}]], {"_": {"speed": "slow"}}, 0),  # extensions merge key by key
        ([[{"LOWER": "slow"}]], {"LEMMA": "slow"}, 1),  # no second token: the component's error
    ],
)
def test_patterns_beyond_plain_tests_keep_the_matcher(
    patterns: list[Any], attrs: dict[str, Any], index: int
) -> None:
    import spacy
    from spacy.tokens import Token

    if not Token.has_extension("speed"):
        Token.set_extension("speed", default=None)
    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add(patterns, attrs, index=index)
    assert FastRules.of(ruler) is None


def test_deferred_only_when_nothing_after_the_ruler_runs(shared: SpacyPipelines) -> None:
    nlp = shared["en"]
    assert deferred_rules(nlp, ["ner", "senter", "lemmatizer"]) is not None
    assert deferred_rules(nlp, ["ner", "senter"]) is None  # the lemmatizer reads its POS
    assert deferred_rules(nlp, ["attribute_ruler", "ner", "lemmatizer"]) is None
