"""Sentence splitting with spaCy (en + fr pipelines from PyPI), as character spans."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from insights.spacy_ids import pipeline_id
from insights.spacy_pipelines import (
    PACKAGES,
    SpacyPipelines,
    extract_all,
    idle_components,
    import_spacy,
    load_installed,
)

if TYPE_CHECKING:
    from insights.store import JsonCache

__all__ = ["SentenceSplitter", "Span"]

Span = tuple[int, int]

_PIPELINES = PACKAGES
_EXCLUDE = [
    "tok2vec",
    "tagger",
    "morphologizer",
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "ner",
]
_MIN_WORDS = 3
PRELOAD_SHARE = 0.05  # share of a sample from which `preload` loads a language's pipeline
_RULES = "sentences.v2"  # cache version of the span rules below: bump when they change
_WORD = re.compile(r"\w+")


class SentenceSplitter:
    """Splits text into sentence spans; pipelines load on first use of a language.

    Fragments under three words ("Uh,", "Yes.", "Did it?") are merged into a
    neighbouring sentence, so every unit is a statement that can be analysed.
    Languages without a pipeline use spaCy's rule-based sentencizer.

    With a `cache_dir`, each text's spans are kept in the run cache by pipeline
    and text hash (offsets only, never the text), so a second run over the same
    material does not run spaCy again. With `pipelines` (the run's shared
    `SpacyPipelines`), en / fr texts go through their ``senter`` alone.
    """

    def __init__(
        self, *, cache_dir: Path | None = None, pipelines: SpacyPipelines | None = None
    ) -> None:
        self._nlp: dict[str, Any] = {}
        self._cache_dir = cache_dir
        self._shared = pipelines

    def split(self, text: str, lang: str) -> list[Span]:
        """Return (start, end) character spans of the sentences of `text`, trimmed."""
        return self.split_many([text], lang)[0]

    def split_many(self, texts: Sequence[str], lang: str) -> list[list[Span]]:
        """Split many texts of one language (batched through spaCy)."""
        from insights.store import cached_per_text

        def split(todo: list[str]) -> list[list[Span]]:  # loads spaCy only if called
            return self._split(lang, todo)

        found = cached_per_text(self._cache(lang), texts, split)
        return [[(int(a), int(b)) for a, b in spans] for spans in found]

    def preload_missing(self, texts: Sequence[str], lang: str) -> None:
        """Load `lang`'s pipeline now if the cache lacks the spans of some of `texts`.

        A head start for a language split next (`_record_spans` runs it while the
        forked workers split the language before). A pipeline that fails to load
        here reports its error when its texts are split.
        """
        cache = self._cache(lang)
        stored = cache.get(texts) if cache is not None else {}
        if any(text not in stored for text in texts):
            with contextlib.suppress(Exception):
                self._nlp_for(lang)

    def _cache(self, lang: str) -> JsonCache | None:
        """The run cache's table of `lang`'s spans (None without a cache folder)."""
        from insights.store import JsonCache

        if self._cache_dir is None:
            return None
        key = lang if lang in _PIPELINES else "xx"
        model = f"{key}:{pipeline_id(_PIPELINES.get(key, ()))}#{_RULES}"
        return JsonCache(self._cache_dir, "sentences", model)

    def _split(self, lang: str, texts: list[str]) -> list[list[Span]]:
        """Sentence spans of `texts`; 200+ texts with a shared pipeline in forked workers."""
        nlp, shared = self._nlp_for(lang)
        if shared:
            idle = idle_components(nlp, {"senter"})
            return extract_all(nlp, texts, _sentence_spans, disable=idle, batch_size=256)
        return [_sentence_spans(doc) for doc in nlp.pipe(texts)]

    def preload(self, sample: Sequence[str]) -> None:
        """Load the pipelines of the languages making `PRELOAD_SHARE` of `sample` or more.

        `sample` holds the detected languages of some of the texts about to be
        split (`LanguageDetector.detect_all`'s `meanwhile`). A head start only: a
        pipeline that fails to load here reports its error when its texts are split.
        """
        for lang, count in Counter(sample).items():
            if count >= PRELOAD_SHARE * len(sample):
                with contextlib.suppress(Exception):
                    self._nlp_for(lang)

    def _nlp_for(self, lang: str) -> tuple[Any, bool]:
        """The pipeline that splits `lang`'s texts (loaded now), and whether it is shared."""
        shared = self._shared
        if shared is not None and lang in shared and pipeline_id(_PIPELINES[lang]) != "none":
            return shared[lang], True
        return self._pipeline(lang), False

    def _pipeline(self, lang: str) -> Any:
        key = lang if lang in _PIPELINES else "xx"
        if key not in self._nlp:
            self._nlp[key] = _load(key)
        return self._nlp[key]


def _load(lang: str) -> Any:
    spacy = import_spacy()

    nlp = load_installed(_PIPELINES.get(lang, ()), lambda name: _EXCLUDE)
    if nlp is not None:
        nlp.enable_pipe("senter")
        return nlp
    nlp = spacy.blank(lang if lang != "xx" else "xx")
    nlp.add_pipe("sentencizer")
    return nlp


def _sentence_spans(doc: Any) -> list[Span]:
    """The merged sentence spans of a parsed text (spaCy keeps its text intact)."""
    return _merge_fragments(doc.text, _open_brackets_forward(doc.text, _spans(doc)))


def _open_brackets_forward(text: str, spans: list[Span]) -> list[Span]:
    """Give an opening bracket that ends a sentence to the next one.

    spaCy ends "Yeah. [" before "laughs] That was it.": the transcript's annotation
    belongs to the sentence it opens.
    """
    out: list[Span] = []
    carry: int | None = None
    for i, (start, end) in enumerate(spans):
        if carry is not None:
            start, carry = carry, None
        piece = text[start:end].rstrip()
        if piece.endswith(("[", "(")) and i + 1 < len(spans):
            carry = start + len(piece) - 1
            end = len(text[:carry].rstrip())
        if end > start:
            out.append((start, end))
    return out


def _spans(doc: Any) -> list[Span]:
    spans = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and doc.text[start].isspace():
            start += 1
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _merge_fragments(text: str, spans: list[Span]) -> list[Span]:
    """Merge spans with fewer than three words into their neighbour."""
    merged: list[Span] = []
    pending: Span | None = None
    for start, end in spans:
        if pending is not None:
            start, pending = pending[0], None
        if len(_WORD.findall(text[start:end])) < _MIN_WORDS:
            if merged and not _ends_question(text, merged[-1]):
                merged[-1] = (merged[-1][0], end)
            else:
                pending = (start, end)
            continue
        merged.append((start, end))
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], pending[1])
        else:
            merged.append(pending)
    return merged


def _ends_question(text: str, span: Span) -> bool:
    return text[span[0] : span[1]].rstrip().endswith("?")
