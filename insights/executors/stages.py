"""The partitioned steps of a run: read, embed, analyse; the same cuts for every executor."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from insights.analysis.given import input_given
from insights.executors import Executor
from insights.executors.tasks import (
    BATCH_SIZE,
    EMBED_BATCH_FACTOR,
    analyse_batch,
    embed_batch,
    plan_embedding,
    read_file,
)
from insights.ingest._types import IngestOptions
from insights.ingest.reader import IngestResult, combine_units, discover
from insights.progress import Progress
from insights.schema import Col, Role
from insights.taxonomies.model import Taxonomy

__all__ = ["analyse_units", "embed_units", "read_inputs"]


def read_inputs(
    paths: Sequence[Path], executor: Executor, *, options: IngestOptions, progress: Progress
) -> IngestResult:
    """Ingest `paths` with one task per file (see `insights.ingest.ingest`).

    Raises:
        InsightsError: a path is missing, a file cannot be read, or nothing was found.
    """
    files, skipped = discover(paths)
    progress.start("Reading files", total=len(files))
    parts = executor.map(read_file, [(f,) for f in files], common=(options,), progress=progress)
    return combine_units(paths, files, parts, skipped)


def embed_units(
    units: pd.DataFrame,
    executor: Executor,
    *,
    dim: int,
    cache_dir: Path | None,
    batch_size: int = BATCH_SIZE,
    progress: Progress,
) -> np.ndarray:
    """One L2-normalised float32 row per unit, each distinct text embedded once.

    The distinct (cleaned) texts are embedded in batches of `batch_size` x
    `EMBED_BATCH_FACTOR`, in order of first appearance, through the cache in `cache_dir`.
    """
    texts = units[Col.TEXT.value].astype(str).tolist()
    plan = plan_embedding(texts, batch_size=batch_size * EMBED_BATCH_FACTOR)
    progress.start("Embedding statements", total=sum(map(len, plan.batches)))
    vectors = executor.map(
        embed_batch,
        [(batch,) for batch in plan.batches],
        common=(cache_dir,),
        sizes=[len(batch) for batch in plan.batches],
        progress=progress,
    )
    return plan.assemble(vectors, dim)


def analyse_units(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    respondents: pd.DataFrame,
    executor: Executor,
    *,
    taxonomy: Taxonomy,
    batch_size: int = BATCH_SIZE,
    progress: Progress,
) -> pd.DataFrame:
    """`insights.analysis.analyse` over slices of `batch_size` units; a new frame, same order.

    The labels the input gives (`input_given`) are found once, here, for all slices.
    """
    respondent = (units[Col.ROLE.value] == Role.RESPONDENT.value).to_numpy()
    slices = [slice(i, i + batch_size) for i in range(0, len(units), batch_size)]
    progress.start("Scoring statements", total=int(respondent.sum()))
    with executor.scoring_ahead(units.loc[respondent, Col.TEXT.value].astype(str).tolist()):
        frames = executor.map(
            analyse_batch,
            [(units.iloc[s], embeddings[s]) for s in slices],
            common=(input_given(respondents, taxonomy),),
            sizes=[int(respondent[s].sum()) for s in slices],
            progress=progress,
        )
    return pd.concat(frames) if frames else units.copy()
