"""The partition tasks every executor runs, and the models they use.

A task is a plain function whose first argument is a `Models`: the local
executor passes its own, a Dask worker passes the one its plugin built at setup.
Both executors cut the work into the same partitions in the same order (one
file; 512 distinct texts to embed; 512 units to score), so they compute the
same thing: USE's vectors depend slightly on which texts share a batch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from insights.ingest._types import IngestOptions
from insights.ingest.reader import InputFile, SourceUnits, read_units
from insights.taxonomies.model import Dimension, Taxonomy

if TYPE_CHECKING:
    from insights.analysis.analyse import Analyzer
    from insights.analysis.embed import Embedder
    from insights.ingest.language import LanguageDetector
    from insights.ingest.sentences import SentenceSplitter
    from insights.spacy_pipelines import SpacyPipelines

__all__ = [
    "BATCH_SIZE",
    "EMBED_BATCH_FACTOR",
    "EmbeddingPlan",
    "ModelSpec",
    "Models",
    "analyse_batch",
    "embed_batch",
    "plan_embedding",
    "read_file",
]

BATCH_SIZE = 512
# Embedding tasks take this many times `batch_size` distinct texts: an embedder sorts a
# task's texts by length, and over more texts it pads less and its two threads finish
# together more often (10,000 statements, int8 MiniLM: 14.7 s in tasks of 512, 12.3 s
# of 2,048, 12.1 s in one; the vectors are the same bits).
EMBED_BATCH_FACTOR = 4


@dataclass(frozen=True)
class ModelSpec:
    """What a process needs to build the run's models (small and picklable)."""

    embedder: str
    taxonomy: Taxonomy
    cache_dir: Path | None = None  # embedding cache of the models' own texts


class Models:
    """The models of one process, each built on first use from a `ModelSpec`.

    Example:
        >>> models = Models(ModelSpec("use-multilingual.v1", load_taxonomy("default")))
        >>> models.analyzer.embedder is models.embedder
        True
    """

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        self._splitter: SentenceSplitter | None = None
        self._spacy: SpacyPipelines | None = None
        self._detector: LanguageDetector | None = None
        self._embedder: Embedder | None = None
        self._analyzer: Analyzer | None = None

    @property
    def spacy(self) -> SpacyPipelines:
        """This process's spaCy pipelines (en, fr; each loads once, on first use).

        Shared by the sentence splitter, PII name finding and key phrases.
        """
        if self._spacy is None:
            from insights.spacy_pipelines import SpacyPipelines

            self._spacy = SpacyPipelines(cache_dir=self.spec.cache_dir)
        return self._spacy

    @property
    def splitter(self) -> SentenceSplitter:
        """The spaCy sentence splitter (on this process's shared `spacy` pipelines)."""
        if self._splitter is None:
            from insights.ingest.sentences import SentenceSplitter

            self._splitter = SentenceSplitter(cache_dir=self.spec.cache_dir, pipelines=self.spacy)
        return self._splitter

    @property
    def detector(self) -> LanguageDetector:
        """The language detector."""
        if self._detector is None:
            from insights.ingest.language import LanguageDetector

            self._detector = LanguageDetector(cache_dir=self.spec.cache_dir)
        return self._detector

    @property
    def embedder(self) -> Embedder:
        """The sentence embedder named in the spec."""
        if self._embedder is None:
            from insights.analysis.embed import make_embedder

            self._embedder = make_embedder(self.spec.embedder)
        return self._embedder

    @property
    def analyzer(self) -> Analyzer:
        """Sentiment, emotion, stage and touchpoint models over `embedder`."""
        if self._analyzer is None:
            from insights.analysis.analyse import Analyzer

            self._analyzer = Analyzer.make(
                self.spec.taxonomy, self.embedder, cache_dir=self.spec.cache_dir
            )
        return self._analyzer

    def load(self, *, everything: bool = False) -> None:
        """Build every model now (a Dask worker does this once, at plugin setup).

        One sentence is scored so that models the sentiment backend loads on
        first use are loaded here too, not in the first task. Its language is
        given, as the analysis gives every unit's: the head would otherwise load
        a language model of its own (0.5 s) that no task uses.

        Where the run cache holds that sentence's vectors, the scorer and the
        head's English model are not loaded by it (a run on unchanged input never
        needs them); `everything` loads them too, for a run loading ahead while
        new statements are parsed (a grown run: 0.5 s less in its scoring step).
        """
        _ = self.splitter, self.detector
        warm = ["ok"]
        analyzer = self.analyzer
        vectors = analyzer.scorer_vectors(warm, self.embedder.encode(warm))
        analyzer.sentiment.predict(warm, vectors, languages=["en"])
        if everything:
            english = getattr(analyzer.sentiment, "english_embedder", None)
            for model in (analyzer.scorer, english):
                if model is not None:
                    getattr(model, "inner", model).encode(warm)  # the model, not the cache


@dataclass(frozen=True)
class EmbeddingPlan:
    """The distinct texts to embed, in batches, and which one each unit uses."""

    batches: list[list[str]]
    index: np.ndarray

    def assemble(self, vectors: Sequence[np.ndarray], dim: int) -> np.ndarray:
        """One row per unit from the batches' vectors (in batch order)."""
        if not vectors:
            return np.zeros((len(self.index), dim), dtype=np.float32)
        return np.vstack(vectors).astype(np.float32, copy=False)[self.index]


def plan_embedding(texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> EmbeddingPlan:
    """Clean `texts` (`embedding_text`), keep each distinct one once, cut them into batches.

    A text never appears in two batches, so batches can run in any order, at the
    same time, against a shared cache, and still give the vectors a sequential run gives.
    """
    from insights.cluster.cache import embedding_text

    position: dict[str, int] = {}
    index = np.fromiter(
        (position.setdefault(embedding_text(t), len(position)) for t in texts),
        dtype=np.int64,
        count=len(texts),
    )
    unique = list(position)
    batches = [unique[i : i + batch_size] for i in range(0, len(unique), batch_size)]
    return EmbeddingPlan(batches, index)


def read_file(models: Models, file: InputFile, options: IngestOptions) -> SourceUnits | None:
    """Task: one input file to its unit rows (see `insights.ingest.reader.read_units`)."""
    return read_units(file, options, splitter=models.splitter, detector=models.detector)


def embed_batch(models: Models, texts: list[str], cache_dir: Path | None) -> np.ndarray:
    """Task: vectors of already-cleaned distinct `texts`, through the embedding cache."""
    from insights.cluster.cache import embed_cached

    return embed_cached(texts, models.embedder, cache_dir=cache_dir, clean=False)


def analyse_batch(
    models: Models,
    units: pd.DataFrame,
    vectors: np.ndarray,
    given: Mapping[Dimension, pd.Series],
) -> pd.DataFrame:
    """Task: sentiment, emotion, stage and touchpoint of a slice of units."""
    from insights.analysis.analyse import analyse

    return analyse(units, vectors, analyzer=models.analyzer, given=given)
