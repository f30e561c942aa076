"""Offline language detection (py3langid, model shipped in the package)."""

from __future__ import annotations

import lzma
import shutil
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import IO, Any, cast

import numpy as np

from insights.unpacked import from_copy

__all__ = ["ASIDE_FROM", "DEFAULT_LANGUAGES", "LanguageDetector", "load_identifier"]

# Texts to classify from which they are classified in a forked process. Here the
# sample costs ~0.04 s and the fork ~0.02 s; 1,000 new texts (a grown input) take
# ~0.17 s to classify, so from ~400 texts the aside pays.
ASIDE_FROM = 500
_SAMPLE = 200  # texts classified here first, whose languages `meanwhile` is given

DEFAULT_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt")
_MIN_CONFIDENCE = 0.6
_MIN_CHARS = 20


class LanguageDetector:
    """Detects the language of statements, falling back to the source's language.

    Short or ambiguous texts ("ok", "Velora Care") take the most common confident
    language of their source, so a French transcript's "Oui." stays French.
    """

    def __init__(
        self, languages: Sequence[str] = DEFAULT_LANGUAGES, *, cache_dir: Path | None = None
    ) -> None:
        """Detector of `languages`; `cache_dir` keeps each text's guess in the run cache.

        With the cache (by text hash), a re-run neither loads the model nor
        classifies a known text again.
        """
        self._identifier: Any = None  # loaded on the first text not in the cache
        self.languages = tuple(languages)
        self._cache_dir = cache_dir

    def detect(self, text: str) -> tuple[str, float]:
        """Return the most likely language code and its probability."""
        if self._identifier is None:
            self._identifier = load_identifier()
            self._identifier.set_languages(list(self.languages))
        lang, prob = self._identifier.classify(text)
        return str(lang), float(prob)

    def _guesses(
        self, texts: Sequence[str], meanwhile: Callable[[list[str]], object] | None = None
    ) -> list[tuple[str, float]]:
        from insights.store import JsonCache, cached_per_text

        cache = None
        if self._cache_dir is not None:
            import importlib.metadata

            model = (
                f"py3langid-{importlib.metadata.version('py3langid')}:{','.join(self.languages)}"
            )
            cache = JsonCache(self._cache_dir, "languages", model)
        found = cached_per_text(cache, texts, partial(self._classify, meanwhile=meanwhile))
        return [(str(lang), float(prob)) for lang, prob in found]

    def _classify(
        self, texts: list[str], *, meanwhile: Callable[[list[str]], object] | None
    ) -> list[list[Any]]:
        """[language, probability] of each text; from `ASIDE_FROM` texts, beside `meanwhile`.

        Where this process may fork (`insights.forking.side_by_side`), a sample is
        classified here first (which loads the model before the fork), then a
        forked process classifies every text while this one runs `meanwhile` on
        the sample's confident guesses. The results are the same either way.
        """
        from insights.forking import can_fork, side_by_side

        def classify() -> list[list[Any]]:
            return [list(self.detect(t)) for t in texts]

        if meanwhile is None or len(texts) < ASIDE_FROM or not can_fork():
            return classify()
        sample = [t for t in texts[:: max(1, len(texts) // _SAMPLE)] if len(t) >= _MIN_CHARS]
        guesses = [self.detect(t) for t in sample]
        confident = [lang for lang, prob in guesses if prob >= _MIN_CONFIDENCE]
        both: list[Callable[[], object]] = [partial(_head_start, meanwhile, confident), classify]
        _, found = side_by_side(both)
        return cast("list[list[Any]]", found)

    def detect_all(
        self,
        texts: Sequence[str],
        *,
        default: str = "en",
        meanwhile: Callable[[list[str]], object] | None = None,
    ) -> list[str]:
        """Detect each text's language, with the texts' majority for unsure ones.

        Args:
            texts: the records of one source.
            default: language used when no text is confidently detected.
            meanwhile: work for this process while a forked one classifies many
                texts (`ASIDE_FROM`), given the languages of a sample of them:
                the run loads the spaCy pipelines the sentence splitter will need.

        Returns:
            One language code per text.
        """
        guesses = self._guesses(texts, meanwhile)
        confident = [
            lang
            for (lang, prob), text in zip(guesses, texts, strict=True)
            if prob >= _MIN_CONFIDENCE and len(text) >= _MIN_CHARS
        ]
        majority = Counter(confident).most_common(1)[0][0] if confident else default
        return [
            lang if prob >= _MIN_CONFIDENCE and len(text) >= _MIN_CHARS else majority
            for (lang, prob), text in zip(guesses, texts, strict=True)
        ]


def _head_start(meanwhile: Callable[[list[str]], object], sample: list[str]) -> None:
    """`meanwhile(sample)`, whose failure is no failure: it only loads ahead."""
    try:
        meanwhile(sample)
    except Exception:  # noqa: BLE001, S110 - what it loads loads again where needed
        pass


def load_identifier() -> Any:
    """py3langid's identifier (probabilities normalised), its model read unpacked.

    The packaged model is an npz inside LZMA (0.35-0.45 s to load); the copy in
    `insights.unpacked` is that npz, uncompressed (0.1 s). Both build the same
    identifier (`tests/ingest/test_language.py`); if py3langid's layout ever
    differs, or anything fails, it reads its own file.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = MODEL_DIR / MODEL_FILE
    return from_copy(
        "py3langid",
        "model",
        source,
        partial(_decompressed, source),
        _identifier,
        partial(LanguageIdentifier.from_model_file, MODEL_FILE, norm_probs=True),
    )


def _identifier(arrays: dict[str, np.ndarray]) -> Any:
    """What py3langid's ``from_model_file`` builds, from its uncompressed npz's arrays."""
    from py3langid.langid import LanguageIdentifier

    return LanguageIdentifier(
        np.asarray(arrays["ptc"]),
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        _uint_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_uint_array(arrays["nextmove_row"]),
    )


def _decompressed(source: Path, out: IO[bytes]) -> None:
    with lzma.open(source) as packed:
        shutil.copyfileobj(packed, out, length=1 << 20)


def _uint_array(values: np.ndarray) -> array[int]:
    """An unsigned integer numpy array as the stdlib array py3langid walks."""
    typecode = {2: "H", 4: "I", 8: "L"}[values.dtype.itemsize]
    out = array(typecode)
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out
