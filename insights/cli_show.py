"""Rich rendering for the CLI (kept out of the library)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as _RichProgress
from rich.table import Table

__all__ = ["RichProgress", "show_ingest", "show_run"]


class RichProgress:
    """The library's `Progress`, drawn as rich bars on stderr (one per step, with ETA)."""

    def __init__(self) -> None:
        self._bars = _RichProgress(
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        self._bars.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._finish()
        self._bars.stop()

    def start(self, step: str, total: int | None = None) -> None:
        """Begin a new bar for `step`."""
        self._finish()
        self._task = self._bars.add_task(step, total=total)

    def advance(self, n: int = 1) -> None:
        """Advance the current bar."""
        if self._task is not None:
            self._bars.advance(self._task, n)

    def _finish(self) -> None:
        if self._task is not None:
            task = self._bars.tasks[-1]
            total = task.total if task.total is not None else task.completed
            self._bars.update(self._task, total=total, completed=total)
            self._task = None


_SHOWN_NOTES = (
    "speakers",
    "interviewers",
    "text_columns",
    "id_column",
    "shape",
    "delimiter",
    "encoding",
    "sheet",
)


def _notes_text(notes: dict[str, Any]) -> str:
    parts = []
    for key, value in notes.items():
        if key not in _SHOWN_NOTES or value in (None, "", [], {}):
            continue
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            value = ", ".join(map(str, value))
        parts.append(f"{key}: {value}")
    return "\n".join(parts)


def _counts(values: Any) -> str:
    return ", ".join(f"{k} {int(v)}" for k, v in values.value_counts().items())


def show_ingest(result: Any) -> None:
    """Print one row per source: kind, records, units, respondents, what was detected."""
    table = Table(title="What insights read", show_lines=True, expand=True)
    for col in ("source", "kind", "records", "units", "respondents", "detected"):
        table.add_column(col, overflow="fold")
    for s in result.sources:
        table.add_row(
            s.source, s.kind, str(s.records), str(s.units), str(s.respondents), _notes_text(s.notes)
        )
    console = Console()
    console.print(table)
    units = result.units
    analysed = int((units["role"] == "respondent").sum())
    console.print(
        f"{len(units)} units ({analysed} to analyse, {len(units) - analysed} interviewer context), "
        f"languages: {_counts(units['lang'])}"
    )
    if result.skipped_records:
        console.print(f"[yellow]{result.skipped_records} malformed records skipped[/yellow]")
    for path in result.skipped_files:
        console.print(f"[yellow]skipped (unsupported or empty): {path}[/yellow]")


def show_run(result: Any) -> None:
    """Print where the outputs are and a short summary."""
    console = Console()
    for line in result.summary_lines():
        console.print(line)
    for path in result.skipped_files:
        console.print(f"[yellow]skipped (unsupported or empty): {path}[/yellow]")
    console.print("Outputs:")
    for path in result.outputs:
        console.print(f"  {path}")
