"""`insights merge RUN_DIR --into MAP`: fold a reviewed run into a journey map."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from insights.errors import InsightsError

__all__ = ["load_run_map", "register"]


def load_run_map(run_dir: Path) -> Any:
    """The run's map with its review decisions applied (the plain map.json without review)."""
    try:
        from insights.review import load_reviewed_map
    except ImportError:  # review not installed in this build: the run's map as written
        from insights.journeymap.mapfile import load_map

        return load_map(run_dir / "map.json")
    return load_reviewed_map(run_dir)


def _report(outcome: Any) -> None:
    result = outcome.result
    verb = "created" if outcome.created else "merged into" if outcome.written else "unchanged:"
    typer.echo(
        f"{verb} {outcome.path}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged, {result.kept} kept (not in this run)"
    )
    for note in result.notes:
        typer.echo(f"  {note}")
    if result.skipped:
        typer.echo(f"{result.skipped} proposals/personas not accepted were left out (see --all)")
    if outcome.backup is not None:
        typer.echo(f"previous version: {outcome.backup}")


def merge(
    run_dir: Annotated[
        Path, typer.Argument(metavar="RUN_DIR", help="A run folder written by `insights run`.")
    ],
    into: Annotated[
        Path,
        typer.Option("--into", metavar="MAP", help="The map file to update (created if missing)."),
    ],
    include_all: Annotated[
        bool,
        typer.Option("--all", help="Also merge proposals not reviewed yet (never rejected ones)."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of errors.")] = False,
) -> None:
    """Fold a run's accepted proposals into a journey map, keeping people's edits.

    Items keep their ids across runs, labels a person wrote are never
    overwritten, new items are marked new, and merging the same run twice
    changes nothing. The previous map is kept as MAP.bak.

    Example: insights merge out/q3 --into journey/map.json
    """
    from insights.journeymap.mapfile import merge_into

    try:
        outcome = merge_into(load_run_map(run_dir), into, accepted_only=not include_all)
    except InsightsError as exc:
        if debug:
            raise
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    _report(outcome)


def register(app: typer.Typer) -> None:
    """Add the `merge` command to `app`."""
    app.command("merge")(merge)
