"""Run options: everything `insights run` depends on besides its inputs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from insights.errors import UsageError
from insights.executors import check_executor_options
from insights.executors.tasks import BATCH_SIZE
from insights.ingest import IngestOptions

__all__ = ["FORMATS", "RunConfig", "default_cache_dir"]

FORMATS = ("csv", "parquet")


def default_cache_dir() -> Path:
    """Where embeddings are cached: $XDG_CACHE_HOME/insights or ~/.cache/insights."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "insights"


@dataclass(frozen=True)
class RunConfig:
    """Everything a run depends on besides its inputs.

    `batch_size` is the number of statements per partition task (units scored
    together; embedding tasks take `EMBED_BATCH_FACTOR` times as many distinct
    texts); every executor uses the same cuts.
    """

    ingest: IngestOptions = field(default_factory=IngestOptions)
    fmt: str = "csv"
    embedder: str = "use-multilingual.v1"
    taxonomy: str = "default"
    seed: int = 0
    cache_dir: Path | None = None
    refit: bool = False
    executor: str = "local"
    scheduler: str | None = None
    workers: int | None = None
    batch_size: int = BATCH_SIZE
    redact: bool = True
    redact_terms: Path | None = None

    @classmethod
    def make(
        cls,
        *,
        ingest: IngestOptions,
        fmt: str = "csv",
        embedder: str | None = None,
        taxonomy: str | None = None,
        seed: int = 0,
        cache_dir: Path | None = None,
        no_cache: bool = False,
        refit: bool = False,
        executor: str = "local",
        scheduler: str | None = None,
        workers: int | None = None,
        batch_size: int = BATCH_SIZE,
        redact: bool = True,
        redact_terms: Path | None = None,
    ) -> RunConfig:
        """Build a config from user options, checking them."""
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r} is not supported; use one of {', '.join(FORMATS)}")
        if fmt == "parquet":
            _require_parquet()
        check_executor_options(executor, scheduler=scheduler, workers=workers)
        if batch_size < 1:
            raise UsageError(f"--batch-size {batch_size} must be at least 1")
        if not redact and redact_terms is not None:
            raise UsageError("--no-redact and --redact-terms contradict each other; give one")
        return cls(
            ingest=ingest,
            fmt=fmt,
            embedder=embedder or cls.embedder,
            taxonomy=taxonomy or cls.taxonomy,
            seed=seed,
            cache_dir=None if no_cache else (cache_dir or default_cache_dir()),
            refit=refit,
            executor=executor,
            scheduler=scheduler,
            workers=workers,
            batch_size=batch_size,
            redact=redact,
            redact_terms=redact_terms,
        )

    def params(self) -> dict[str, object]:
        """The run parameters recorded in map.json."""
        return {
            "text_cols": list(self.ingest.text_cols),
            "id_col": self.ingest.id_col,
            # names given with --interviewer are personal data: counted, not written
            "interviewer": len(self.ingest.interviewer)
            if self.redact
            else list(self.ingest.interviewer),
            "split": self.ingest.split,
            "skip_bad_records": self.ingest.skip_bad_records,
            "format": self.fmt,
            "embedder": self.embedder,
            "taxonomy": self.taxonomy,
            "seed": self.seed,
            "refit": self.refit,
            "executor": self.executor,
            "batch_size": self.batch_size,
            "redact": self.redact,
            # the file's name only: its content is personal data
            "redact_terms": self.redact_terms.name if self.redact_terms else None,
        }


def _require_parquet() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError(
            "--format parquet needs pyarrow; install it with: pip install pyarrow"
        ) from None
