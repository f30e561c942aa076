"""The `insights` command line: a thin layer over the library.

Each command parses options, calls one library function, prints, exits.
Library errors (`InsightsError`) become one line on stderr and exit code 1;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from insights.errors import InsightsError

app = typer.Typer(
    name="insights",
    help="Turn customer research into journey-map material: sentiment, stages, "
    "pain points, delights and personas, each backed by quotes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Inputs = Annotated[
    list[Path],
    typer.Argument(help="Files or folders: TXT, MD, VTT, SRT, DOCX, CSV, TSV, XLSX, JSON, JSONL."),
]
TextCol = Annotated[
    list[str] | None, typer.Option("--text-col", help="Column holding free text (repeatable).")
]
IdCol = Annotated[str | None, typer.Option("--id-col", help="Column holding the record id.")]
Interviewer = Annotated[
    list[str] | None,
    typer.Option("--interviewer", help="Speaker name to treat as interviewer (repeatable)."),
]
NoSplit = Annotated[
    bool, typer.Option("--no-split", help="Keep one unit per record (no sentence splitting).")
]
SkipBad = Annotated[
    bool,
    typer.Option("--skip-bad-records", help="Skip malformed records (JSON lines) and count them."),
]
MaxBytes = Annotated[
    str,
    typer.Option("--max-bytes", help="Refuse input files larger than this (e.g. 512M, 2G)."),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of errors.")]
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _size(text: str) -> int:
    """`512M` → bytes; one clear error for anything else."""
    from insights.errors import UsageError

    value = text.strip().lower().removesuffix("b").removesuffix("i")
    unit = value[-1:] if value[-1:] in _UNITS else ""
    number = value[: len(value) - len(unit)]
    try:
        size = int(float(number) * _UNITS[unit])
    except ValueError:
        raise UsageError(f"--max-bytes {text!r} is not a size; give e.g. 512M or 2G") from None
    if size <= 0:
        raise UsageError(f"--max-bytes {text!r} must be positive; give e.g. 512M or 2G")
    return size


@contextmanager
def _user_errors(debug: bool) -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 1."""
    try:
        yield
    except InsightsError as exc:
        if debug:
            raise
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _ingest_options(
    text_col: list[str] | None,
    id_col: str | None,
    interviewer: list[str] | None,
    no_split: bool,
    skip_bad_records: bool,
    max_bytes: str,
) -> Any:
    from insights.ingest import IngestOptions

    return IngestOptions(
        text_cols=tuple(text_col or ()),
        id_col=id_col,
        interviewer=tuple(interviewer or ()),
        split=not no_split,
        skip_bad_records=skip_bad_records,
        max_bytes=_size(max_bytes),
    )


@app.command()
def ingest(
    inputs: Inputs,
    text_col: TextCol = None,
    id_col: IdCol = None,
    interviewer: Interviewer = None,
    no_split: NoSplit = False,
    skip_bad_records: SkipBad = False,
    max_bytes: MaxBytes = "512M",
    debug: Debug = False,
) -> None:
    """Show what would be read: sources, speakers, detected columns, unit counts.

    Example: insights ingest corpora/demo
    """
    from insights.cli_show import show_ingest
    from insights.ingest import ingest as run_ingest

    with _user_errors(debug):
        options = _ingest_options(
            text_col, id_col, interviewer, no_split, skip_bad_records, max_bytes
        )
        result = run_ingest(inputs, options=options)
    show_ingest(result)


@app.command()
def run(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    text_col: TextCol = None,
    id_col: IdCol = None,
    interviewer: Interviewer = None,
    no_split: NoSplit = False,
    skip_bad_records: SkipBad = False,
    max_bytes: MaxBytes = "512M",
    fmt: Annotated[
        str, typer.Option("--format", help="Units table format: csv or parquet.")
    ] = "csv",
    embedder: Annotated[
        str | None, typer.Option("--embedder", help="Embedding model (see docs).")
    ] = None,
    taxonomy: Annotated[
        str | None, typer.Option("--taxonomy", help="Preset name or YAML file of stages.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Embedding cache folder.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Cache nothing (embeddings, clusterings...).")
    ] = False,
    refit: Annotated[
        bool,
        typer.Option(
            "--refit",
            help="Cluster from scratch; by default a grown input keeps the clusters of "
            "the earlier run and only places the new statements, and keeps its number "
            "of personas.",
        ),
    ] = False,
    executor: Annotated[
        str,
        typer.Option("--executor", help="Where ingest, embedding and analysis run: local or dask."),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Dask scheduler address (tcp://host:8786); without it, a local Dask cluster.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Worker processes of the local Dask cluster."),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", help="Statements per scoring task (embedding tasks: 4 times as many)."
        ),
    ] = 512,
    profile: Annotated[
        bool, typer.Option("--profile", help="Print the seconds spent in each step.")
    ] = False,
    redact_terms: Annotated[
        Path | None,
        typer.Option(
            "--redact-terms",
            help="File of extra terms to redact: one per line, `re:` for a regex, "
            "`keep:` for a word never to redact.",
        ),
    ] = None,
    no_redact: Annotated[
        bool,
        typer.Option("--no-redact", help="Keep personal data (recorded in map.json)."),
    ] = False,
    debug: Debug = False,
) -> None:
    """Run the whole pipeline and write units.csv and map.json to --out.

    With --executor dask, ingest, embedding and analysis run as tasks on the Dask
    cluster at --scheduler (or on local worker processes); clustering and the map
    are computed here. Needs the optional `dask` extra of insights.

    Example: insights run corpora/demo --out out/demo --executor dask --workers 2 --profile
    """
    from insights.cli_show import RichProgress, show_run
    from insights.pipeline import RunConfig, run_pipeline
    from insights.profiling import StageTimer

    with _user_errors(debug):
        options = _ingest_options(
            text_col, id_col, interviewer, no_split, skip_bad_records, max_bytes
        )
        config = RunConfig.make(
            ingest=options,
            fmt=fmt,
            embedder=embedder,
            taxonomy=taxonomy,
            seed=seed,
            cache_dir=cache_dir,
            no_cache=no_cache,
            refit=refit,
            executor=executor,
            scheduler=scheduler,
            workers=workers,
            batch_size=batch_size,
            redact=not no_redact,
            redact_terms=redact_terms,
        )
        with RichProgress() as progress:
            timer = StageTimer(progress)
            result = run_pipeline(inputs, out, config=config, progress=timer)
            timer.stop()
    show_run(result)
    if profile:
        typer.echo("\n".join(timer.lines()))


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) that map.json follows.

    Example: insights schema -o map.schema.json
    """
    from insights.io import write_text
    from insights.journeymap.schema import schema_text

    if out is None:
        typer.echo(schema_text(), nl=False)
    else:
        write_text(out, schema_text())


def _register_commands() -> None:
    """Commands that live in their own modules (each adds itself to `app`)."""
    from insights.cli_export import register as register_export
    from insights.cli_merge import register as register_merge
    from insights.cli_review import register as register_review

    register_review(app)
    register_export(app)
    register_merge(app)


_register_commands()


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":
    main()
