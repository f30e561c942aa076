from __future__ import annotations


def test_cached_guesses_are_the_same_and_a_rerun_loads_no_model(tmp_path) -> None:
    from insights.ingest.language import LanguageDetector

    texts = [
        "The delivery was two weeks late and nobody told me why.",
        "La livraison a pris trois semaines, c'est inadmissible.",
        "Oui.",
        "Der Kundendienst war sehr freundlich und hilfsbereit.",
    ]
    fresh = LanguageDetector().detect_all(texts)
    first = LanguageDetector(cache_dir=tmp_path)
    assert first.detect_all(texts) == fresh
    again = LanguageDetector(cache_dir=tmp_path)
    assert again.detect_all(texts) == fresh
    assert again._identifier is None, "every guess came from the cache"
    again.detect_all(texts + ["Un texte nouveau, jamais vu auparavant."])
    assert again._identifier is not None
