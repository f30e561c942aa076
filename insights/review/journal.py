"""The review journal: ``RUN_DIR/review.jsonl``, one decision per line, append-only.

Durability rule: each decision is written as one ``write`` of its JSON line and
newline, then fsynced, before the review moves on; a crash or kill therefore
loses at most the decision being typed.

Reading rule: every line that is a valid decision counts, in file order. A line
that is not (a *torn* last line left by a kill or power cut mid-write, or a line
edited by hand) is skipped with a warning, never an error. A last line with no
newline after it counts only if it is exactly a line the journal writes (the
decision's canonical JSON): a torn line can still parse as JSON, e.g. cut right
after a field and followed by a stray ``}``, and then lacks the fields it lost.
Before appending, a torn last line is cut off (it holds no complete decision),
so new decisions always start on a line of their own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from insights.io import fsync_folder
from insights.review.decisions import Decision

__all__ = ["JOURNAL_NAME", "JournalRead", "append_decisions", "journal_path", "read_journal"]

JOURNAL_NAME = "review.jsonl"


@dataclass(frozen=True)
class JournalRead:
    """The decisions a journal holds, and warnings about lines that were skipped."""

    decisions: list[Decision]
    warnings: list[str]


def journal_path(run_dir: Path) -> Path:
    """Where a run folder keeps its review journal."""
    return Path(run_dir) / JOURNAL_NAME


def _parse(line: bytes) -> Decision | None:
    try:
        return Decision.model_validate(json.loads(line.decode("utf-8")))
    except (ValueError, ValidationError, UnicodeDecodeError, RecursionError):
        return None


def _parse_tail(line: bytes) -> Decision | None:
    """The decision of a last line without newline, if it is one the journal wrote whole."""
    decision = _parse(line)
    if decision is None or decision.model_dump_json().encode("utf-8") != line.strip():
        return None
    return decision


def read_journal(path: Path) -> JournalRead:
    """Read every decision of a journal; a missing file is an empty journal.

    Example:
        >>> read_journal(Path("out/demo/review.jsonl")).decisions[:1]
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return JournalRead([], [])
    lines = data.split(b"\n")
    decisions: list[Decision] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        torn = number == len(lines)  # no newline after it
        decision = _parse_tail(line) if torn else _parse(line)
        if decision is None or decision.id in seen:
            warnings.append(_skip_warning(path, number, torn, duplicate=decision is not None))
            continue
        seen.add(decision.id)
        decisions.append(decision)
    return JournalRead(decisions, warnings)


def _skip_warning(path: Path, number: int, torn: bool, *, duplicate: bool) -> str:
    if duplicate:
        return f"{path.name} line {number} repeats an earlier decision id; ignored"
    if torn:
        return (
            f"{path.name} line {number} is incomplete (the review stopped while writing it); "
            "ignored"
        )
    return f"{path.name} line {number} is not a valid decision (edited by hand?); ignored"


def append_decisions(path: Path, decisions: Sequence[Decision]) -> None:
    """Append decisions to the journal, one fsynced line each.

    A torn last line (no newline, not a decision) is cut off first.

    Args:
        path: the journal file (created when missing).
        decisions: decisions to append, in order.
    """
    created = not path.exists()
    _repair_tail(path)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        for decision in decisions:
            line = decision.model_dump_json() + "\n"
            _write_all(fd, line.encode("utf-8"))
            os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_folder(path.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _repair_tail(path: Path) -> None:
    """Make the journal end with a newline: keep a complete last decision, cut a torn one."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with path.open("r+b") as handle:
        data = handle.read()
        if data.endswith(b"\n"):
            return
        cut = data.rfind(b"\n") + 1
        if _parse_tail(data[cut:]) is not None:
            handle.seek(0, os.SEEK_END)
            handle.write(b"\n")
        else:
            handle.truncate(cut)
        handle.flush()
        os.fsync(handle.fileno())
