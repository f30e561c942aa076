"""`insights run`: ingest → analyse → cluster → map, then write every output atomically."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from insights.errors import UsageError
from insights.ingest import IngestOptions, IngestResult, discover, ingest
from insights.io import write_frame, write_json
from insights.progress import NullProgress, Progress

__all__ = ["RunConfig", "RunResult", "run_pipeline"]

FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class RunConfig:
    """Everything a run depends on besides its inputs."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    fmt: str = "csv"
    embedder: str = "use-multilingual.v1"
    taxonomy: str = "default"
    seed: int = 0

    @classmethod
    def make(
        cls,
        *,
        ingest: IngestOptions,
        fmt: str = "csv",
        embedder: str | None = None,
        taxonomy: str | None = None,
        seed: int = 0,
    ) -> RunConfig:
        """Build a config from user options, checking them."""
        if fmt not in FORMATS:
            raise UsageError(f"--format {fmt!r} is not supported; use one of {', '.join(FORMATS)}")
        if fmt == "parquet":
            _require_parquet()
        return cls(
            ingest=ingest,
            fmt=fmt,
            embedder=embedder or cls.embedder,
            taxonomy=taxonomy or cls.taxonomy,
            seed=seed,
        )

    def params(self) -> dict[str, object]:
        """The run parameters recorded in map.json."""
        return {
            "text_cols": list(self.ingest.text_cols),
            "id_col": self.ingest.id_col,
            "interviewer": list(self.ingest.interviewer),
            "split": self.ingest.split,
            "skip_bad_records": self.ingest.skip_bad_records,
            "format": self.fmt,
            "embedder": self.embedder,
            "taxonomy": self.taxonomy,
            "seed": self.seed,
        }


def _require_parquet() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise UsageError(
            "--format parquet needs pyarrow; install it with: pip install pyarrow"
        ) from None


@dataclass
class RunResult:
    """What a run produced and where it wrote it."""

    units: pd.DataFrame
    outputs: list[Path]
    skipped_files: list[str]
    skipped_records: int

    def summary_lines(self) -> list[str]:
        """A few lines for the terminal."""
        units = self.units
        analysed = units[units["role"] == "respondent"]
        lines = [
            f"{len(units)} units from {units['source'].nunique()} sources, "
            f"{analysed['respondent_id'].nunique()} respondents",
        ]
        if self.skipped_records:
            lines.append(f"{self.skipped_records} malformed records skipped")
        return lines


def run_pipeline(
    paths: Sequence[Path],
    out: Path,
    *,
    config: RunConfig | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Run ingest → analysis → clustering → map on `paths` and write them to `out`.

    Nothing is written unless every step succeeds; each file is written atomically.

    Args:
        paths: input files and folders.
        out: output folder (created if needed).
        config: run options.
        progress: receives progress of each step.

    Returns:
        The units table and the paths written.

    Example:
        >>> run_pipeline([Path("corpora/demo")], Path("out/demo"))
    """
    config = config or RunConfig()
    progress = progress or NullProgress()
    ingested = _ingest(paths, config, progress)
    units = ingested.units
    map_data = _build_map(ingested, config)
    return _write(out, units, ingested, map_data, config)


def _ingest(paths: Sequence[Path], config: RunConfig, progress: Progress) -> IngestResult:
    files, _ = discover(paths)
    progress.start("Reading files", total=len(files))
    return ingest(paths, options=config.ingest, on_file=lambda _name: progress.advance())


def _build_map(ingested: IngestResult, config: RunConfig) -> dict[str, object]:
    from insights.journeymap.build import build_map

    return build_map(ingested, params=config.params())


def _write(
    out: Path,
    units: pd.DataFrame,
    ingested: IngestResult,
    map_data: dict[str, object],
    config: RunConfig,
) -> RunResult:
    units_path = out / f"units.{config.fmt}"
    respondents_path = out / f"respondents.{config.fmt}"
    map_path = out / "map.json"
    write_frame(units_path, units, fmt=config.fmt)
    write_frame(respondents_path, ingested.respondents, fmt=config.fmt)
    write_json(map_path, map_data)
    return RunResult(
        units=units,
        outputs=[units_path, respondents_path, map_path],
        skipped_files=ingested.skipped_files,
        skipped_records=ingested.skipped_records,
    )
