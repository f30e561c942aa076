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


def test_the_unpacked_model_builds_the_packaged_identifier(tmp_path, monkeypatch) -> None:
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from insights.ingest.language import load_identifier

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    written, read = load_identifier(), load_identifier()
    assert len(list(tmp_path.glob("insights/unpacked/py3langid-*-model-*.npz"))) == 1

    def same(a: object, b: object) -> bool:
        if isinstance(a, np.ndarray):
            return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
        if isinstance(a, tuple):
            return isinstance(b, tuple) and all(same(x, y) for x, y in zip(a, b, strict=True))
        return type(a) is type(b) and a == b

    slots = [s for cls in type(packaged).__mro__ for s in getattr(cls, "__slots__", ())]
    assert "tk_nextmove" in slots
    for identifier in (written, read):
        assert all(same(getattr(packaged, s), getattr(identifier, s)) for s in slots)
    texts = ["Bonjour tout le monde", "Where is my parcel?", "Das ist gut", "ok"]
    for languages in (["en", "fr"], ["en", "fr", "de", "es"]):
        packaged.set_languages(languages)
        read.set_languages(languages)
        assert [read.classify(t) for t in texts] == [packaged.classify(t) for t in texts]


def test_many_texts_are_classified_in_a_forked_process_while_meanwhile_runs_here(
    monkeypatch, tmp_path
) -> None:
    import os

    import insights.ingest.language as language
    from insights.forking import can_fork

    texts = [
        f"{s} ({i})"
        for i, s in enumerate(
            [
                "The delivery was two weeks late and nobody told me why.",
                "La livraison a pris trois semaines, c'est inadmissible.",
                "Der Kundendienst war sehr freundlich und hilfsbereit.",
                "Oui.",
            ]
            * 15
        )
    ]
    alone = language.LanguageDetector().detect_all(texts)
    monkeypatch.setattr(language, "ASIDE_FROM", 10)
    classified_in = tmp_path / "pids"
    real_detect = language.LanguageDetector.detect

    def detect(self, text):
        with classified_in.open("a") as f:  # a forked child's lists never reach the test
            f.write(f"{os.getpid()}\n")
        return real_detect(self, text)

    monkeypatch.setattr(language.LanguageDetector, "detect", detect)
    calls: list[tuple[int, list[str]]] = []
    detector = language.LanguageDetector()
    beside = detector.detect_all(
        texts, meanwhile=lambda sample: calls.append((os.getpid(), sample))
    )
    assert beside == alone
    if not can_fork():
        assert calls == [], "nothing to do beside: the texts are classified here"
        return
    ((pid, sample),) = calls
    assert pid == os.getpid(), "meanwhile ran here, while a forked process classified"
    pids = classified_in.read_text().split()
    assert pids.count(str(os.getpid())) < len(texts) <= len(pids) - pids.count(str(os.getpid()))
    assert 0 < len(sample) <= len(texts) and set(sample) == {"en", "fr", "de"}, "confident"
    assert language.LanguageDetector().detect_all(texts[:5], meanwhile=calls.append) == alone[:5]
    assert len(calls) == 1, "below ASIDE_FROM texts: classified here, nothing beside"


def test_a_failing_meanwhile_is_only_a_lost_head_start(monkeypatch) -> None:
    import insights.ingest.language as language

    def fails(sample: list[str]) -> None:
        raise RuntimeError("no pipeline")

    texts = [f"The delivery was late again, for the {i}th time." for i in range(30)]
    monkeypatch.setattr(language, "ASIDE_FROM", 10)
    assert language.LanguageDetector().detect_all(texts, meanwhile=fails) == ["en"] * 30
