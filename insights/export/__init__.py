"""Exports of a journey map: JSON, CSV cards, Markdown, HTML report, REFI-QDA project.

`export_map` writes one format atomically; each `render_*` function returns
the content so it can be inspected without a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from insights.errors import UsageError
from insights.export.cards import make_cards, neutralise, render_csv
from insights.export.html import render_html
from insights.export.json_export import render_json
from insights.export.markdown import render_markdown
from insights.export.qdpx import render_qdpx
from insights.journeymap.model import JourneyMap

__all__ = [
    "FORMATS",
    "export_map",
    "make_cards",
    "neutralise",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_qdpx",
]

FORMATS = ("json", "csv", "md", "html", "qdpx")


def _renderers(run_dir: Path | None) -> dict[str, Callable[..., str | bytes]]:
    return {
        "json": render_json,
        "csv": render_csv,
        "md": render_markdown,
        "html": render_html,
        "qdpx": lambda jm, **kw: render_qdpx(jm, run_dir=run_dir, **kw),
    }


def render(
    journey_map: JourneyMap, fmt: str, *, accepted_only: bool = False, run_dir: Path | None = None
) -> bytes:
    """The exported file's bytes in format `fmt` (one of `FORMATS`).

    Raises:
        UsageError: `fmt` is not a known format.
    """
    renderer = _renderers(run_dir).get(fmt)
    if renderer is None:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    content = renderer(journey_map, accepted_only=accepted_only)
    return content.encode("utf-8") if isinstance(content, str) else content


def export_map(
    journey_map: JourneyMap,
    fmt: str,
    out: Path,
    *,
    accepted_only: bool = False,
    run_dir: Path | None = None,
) -> Path:
    """Write `journey_map` as `fmt` to `out` atomically (temp file, fsync, rename).

    Args:
        journey_map: The map, with review decisions applied.
        fmt: One of `FORMATS`: json, csv, md, html, qdpx.
        out: The file to write.
        accepted_only: Export accepted proposals and personas only.
        run_dir: The run folder (QDPX rebuilds full source texts from its units table).

    Returns:
        The path written.

    Raises:
        UsageError: Unknown format, or `out` is a folder.

    Example:
        >>> export_map(journey_map, "html", Path("report.html"))  # doctest: +SKIP
    """
    from insights.io import atomic_write

    data = render(journey_map, fmt, accepted_only=accepted_only, run_dir=run_dir)
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; give a file name with -o, e.g. -o report.{fmt}")

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    atomic_write(out, write)
    return out
