"""Offline language detection (py3langid, model shipped in the package)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_LANGUAGES", "LanguageDetector"]

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
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            self._identifier.set_languages(list(self.languages))
        lang, prob = self._identifier.classify(text)
        return str(lang), float(prob)

    def _guesses(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        from insights.store import JsonCache, cached_per_text

        cache = None
        if self._cache_dir is not None:
            import importlib.metadata

            model = (
                f"py3langid-{importlib.metadata.version('py3langid')}:{','.join(self.languages)}"
            )
            cache = JsonCache(self._cache_dir, "languages", model)
        found = cached_per_text(cache, texts, lambda todo: [list(self.detect(t)) for t in todo])
        return [(str(lang), float(prob)) for lang, prob in found]

    def detect_all(self, texts: Sequence[str], *, default: str = "en") -> list[str]:
        """Detect each text's language, with the texts' majority for unsure ones.

        Args:
            texts: the records of one source.
            default: language used when no text is confidently detected.

        Returns:
            One language code per text.
        """
        guesses = self._guesses(texts)
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
