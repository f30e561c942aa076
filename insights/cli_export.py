"""`insights export`: the reviewed map as JSON, CSV cards, Markdown, HTML or QDPX.

A thin command: it loads the map with the review decisions applied, calls
`insights.export.export_map`, and prints the path written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from insights.errors import InsightsError, UsageError

if TYPE_CHECKING:
    from insights.journeymap.model import JourneyMap

__all__ = ["register"]

_SUFFIXES = {
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".qdpx": "qdpx",
}
_RUN_FILES = (
    "map.json",
    "units.csv",
    "units.parquet",
    "respondents.csv",
    "respondents.parquet",
    "embeddings.npz",
    "review.jsonl",
)

RunDir = Annotated[Path, typer.Argument(help="Run folder written by `insights run --out`.")]
Format = Annotated[
    str | None,
    typer.Option("--format", "-f", help="json, csv, md, html or qdpx (default: from -o's suffix)."),
]
Out = Annotated[Path, typer.Option("--out", "-o", help="File to write.")]
AcceptedOnly = Annotated[
    bool,
    typer.Option("--accepted-only", help="Only accepted proposals and personas."),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of errors.")]


def _format(fmt: str | None, out: Path) -> str:
    from insights.export import FORMATS

    if fmt is not None:
        if fmt.lower() not in FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt.lower()
    if out.suffix.lower() in _SUFFIXES:
        return _SUFFIXES[out.suffix.lower()]
    raise UsageError(
        f"{out}: can't tell the format from the suffix; add --format json|csv|md|html|qdpx"
    )


def _check_out(run_dir: Path, out: Path) -> None:
    """Refuse to overwrite a file the run itself wrote."""
    if out.resolve().parent == run_dir.resolve() and out.name in _RUN_FILES:
        raise UsageError(f"{out}: is a file of the run itself; write the export elsewhere")


def _load_map(run_dir: Path) -> JourneyMap:
    """The run's map with its review decisions applied (one-line errors for a bad folder)."""
    from insights.review import load_reviewed_map  # imports pandas: not at `--help` time

    return load_reviewed_map(run_dir)


def export(
    run_dir: RunDir,
    out: Out,
    fmt: Format = None,
    accepted_only: AcceptedOnly = False,
    debug: Debug = False,
) -> None:
    """Export the reviewed map: JSON, CSV cards, Markdown summary, HTML report or QDPX project.

    JSON is the whole map, validated against its schema; CSV has one card per
    row for Miro or a spreadsheet; Markdown is a research summary; HTML is a
    self-contained journey-map report; QDPX is a REFI-QDA project for
    QualCoder, NVivo, ATLAS.ti and MAXQDA. Rejected proposals are left out of
    CSV, Markdown, HTML and QDPX; --accepted-only keeps accepted ones only.

    Example: insights export out/demo --format html -o report.html
    """
    from insights.export import export_map

    try:
        fmt_name = _format(fmt, out)
        _check_out(run_dir, out)
        journey_map = _load_map(run_dir)
        written = export_map(
            journey_map, fmt_name, out, accepted_only=accepted_only, run_dir=run_dir
        )
    except InsightsError as exc:
        if debug:
            raise
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {written}")


def register(app: typer.Typer) -> None:
    """Add the `export` command to `app`."""
    app.command("export")(export)
