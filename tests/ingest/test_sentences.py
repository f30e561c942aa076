from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "The app crashed twice. Then I called support and waited an hour.",
            "en",
            ["The app crashed twice.", "Then I called support and waited an hour."],
        ),
        (
            "La livraison a pris trois semaines. Personne ne répondait au téléphone.",
            "fr",
            ["La livraison a pris trois semaines.", "Personne ne répondait au téléphone."],
        ),
        (
            "Uh, yeah. So the delivery was late again this month.",
            "en",
            ["Uh, yeah. So the delivery was late again this month."],
        ),
        (  # spaCy ends the first sentence with "[": the annotation opens the next one
            "Yeah, that was it. [laughs] That was kind of the decision made, really.",
            "en",
            ["Yeah, that was it.", "[laughs] That was kind of the decision made, really."],
        ),
        (
            "Je ne sais pas. [rires] C'est un point un peu sensible pour moi.",
            "fr",
            ["Je ne sais pas.", "[rires] C'est un point un peu sensible pour moi."],
        ),
    ],
)
def test_splits_into_sentences_and_merges_fragments(splitter, text, lang, expected):
    spans = splitter.split(text, lang)
    assert [text[a:b] for a, b in spans] == expected


def test_spans_are_exact_offsets(splitter):
    text = "  First sentence here.   Second one follows now.  "
    for start, end in splitter.split(text, "en"):
        assert text[start:end].strip() == text[start:end]
        assert text[start:end] in text


def test_language_without_pipeline_uses_rules(splitter):
    text = "Me gusta mucho la bicicleta nueva. Pero la entrega fue muy lenta."
    spans = splitter.split(text, "es")
    assert len(spans) == 2


def test_detects_english_and_french(detector):
    langs = detector.detect_all(
        ["The delivery was late and nobody called me back", "La livraison était en retard"]
    )
    assert langs == ["en", "fr"]


def test_short_texts_take_the_source_majority(detector):
    texts = [
        "Je trouve que le vélo est vraiment très agréable à conduire",
        "Oui.",
        "Le service client ne répond jamais au téléphone",
    ]
    assert detector.detect_all(texts) == ["fr", "fr", "fr"]


def test_spans_are_cached_across_runs_without_the_text(tmp_path):
    from insights.ingest.sentences import SentenceSplitter

    texts = [
        "Delivery was late. Nobody called me back.",
        "Le vélo est top. Merci beaucoup Sophie !",
    ]
    splitter = SentenceSplitter(cache_dir=tmp_path)
    first = [splitter.split(texts[0], "en"), splitter.split(texts[1], "fr")]
    again = SentenceSplitter(cache_dir=tmp_path)
    assert again.split(texts[0], "en") == first[0]
    assert again._nlp == {}  # answered from the cache: no spaCy pipeline loaded
    assert len(first[0]) == 2 and len(first[1]) == 2
    assert b"Sophie" not in (tmp_path / "embeddings.sqlite").read_bytes()


def test_large_batches_split_in_forked_workers_as_in_process(monkeypatch) -> None:
    import insights.spacy_pipelines as pipelines_module
    from insights.ingest.sentences import SentenceSplitter
    from insights.spacy_pipelines import PARALLEL_FROM, SpacyPipelines

    said = [
        "The bag never arrived. I called twice and nobody answered!",
        "Uh, yes. The app crashed when I paid, so I went to the shop instead.",
        "Great service",
    ]
    texts = [f"{said[i % 3]} Ticket {i}." for i in range(PARALLEL_FROM)]
    splitter = SentenceSplitter(pipelines=SpacyPipelines())
    forked = splitter.split_many(texts, "en")
    monkeypatch.setattr(pipelines_module, "can_fork", lambda: False)
    assert forked == splitter.split_many(texts, "en")
    assert forked[0] == [(0, 22), (23, len(texts[0]))]


def test_preload_loads_the_pipelines_of_the_languages_a_sample_holds_enough_of() -> None:
    from insights.ingest.sentences import SentenceSplitter
    from insights.spacy_pipelines import SpacyPipelines

    shared = SpacyPipelines()
    splitter = SentenceSplitter(pipelines=shared)
    splitter.preload(["en"] * 40 + ["fr"])  # French: 1 in 41, under 5 %
    assert set(shared._loaded) == {"en"}
    splitter.preload(["en"] * 9 + ["fr"] + ["de"])
    assert set(shared._loaded) == {"en", "fr"}
    assert "xx" in splitter._nlp, "German splits with the rules, loaded too"


def test_preload_missing_loads_a_pipeline_only_for_texts_the_cache_lacks(tmp_path) -> None:
    from insights.ingest.sentences import SentenceSplitter
    from insights.spacy_pipelines import SpacyPipelines

    french = ["Le vélo est top. Merci beaucoup !", "La livraison était en retard."]
    SentenceSplitter(cache_dir=tmp_path).split_many(french, "fr")  # now cached
    shared = SpacyPipelines()
    splitter = SentenceSplitter(cache_dir=tmp_path, pipelines=shared)
    splitter.preload_missing(french, "fr")
    assert shared._loaded == {}, "every text cached: nothing to load"
    splitter.preload_missing([*french, "Le SAV ne répond jamais."], "fr")
    assert set(shared._loaded) == {"fr"}


def test_later_languages_load_while_workers_split_the_one_before(monkeypatch) -> None:
    import insights.ingest.units as units
    from insights.forking import can_fork
    from insights.ingest._types import Record
    from insights.ingest.sentences import SentenceSplitter
    from insights.spacy_pipelines import PARALLEL_FROM, SpacyPipelines

    if not can_fork():
        pytest.skip("no forked workers on this platform: nothing to wait for")
    english = [f"The bag never arrived. Ticket {i} is still open." for i in range(PARALLEL_FROM)]
    french = ["La livraison était en retard. Le service client ne répond jamais."]
    records = [Record(str(i), "r", t, "") for i, t in enumerate(english + french)]
    langs = ["en"] * len(english) + ["fr"]
    shared = SpacyPipelines()
    loaded_during: dict[str, set[str]] = {}
    real = units.while_waiting

    def watched(*tasks):  # records what was loaded when each language's split began
        loaded_during[str(len(loaded_during))] = set(shared._loaded)
        return real(*tasks)

    monkeypatch.setattr(units, "while_waiting", watched)
    spans = units._record_spans(
        records, langs, splitter=SentenceSplitter(pipelines=shared), split=True
    )
    assert loaded_during == {"0": set(), "1": {"en", "fr"}}, "French loaded in the English split"
    assert spans[0] == [(0, 22), (23, len(english[0]))] and len(spans[-1]) == 2
