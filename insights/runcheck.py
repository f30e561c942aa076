"""Is a run folder whole? The check behind the kill benchmark and tests.

A run writes its outputs through `insights.io.staged_outputs`, so after any
crash or SIGKILL the folder must hold either none of them or one complete,
consistent set. `check_run_folder` says which, or raises `CorruptRun` naming
what is wrong.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Literal

import jsonschema
import numpy as np
import pandas as pd

from insights.io import finish_outputs
from insights.journeymap.schema import map_schema
from insights.store import CACHE_FILE

__all__ = ["RUN_OUTPUTS", "CorruptRun", "check_cache", "check_run_folder"]

RUN_OUTPUTS = ("units.csv", "respondents.csv", "embeddings.npz", "map.json")


class CorruptRun(AssertionError):
    """A run folder or cache that a crash left inconsistent."""


def check_run_folder(out: Path) -> Literal["empty", "complete"]:
    """'empty' (no outputs), 'complete' (one consistent set), else raise `CorruptRun`.

    Like every reader, it first completes the moves of a run killed while moving
    its outputs into place (`insights.io.finish_outputs`). Hidden names (staging
    folders, temp files) are ignored: the next run removes them.

    Example:
        >>> check_run_folder(Path("out"))
        'complete'
    """
    if not out.exists():
        return "empty"
    finish_outputs(out)  # what every reader does first (see insights.io.staged_outputs)
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    outputs = [name for name in visible if name in RUN_OUTPUTS or name.endswith(".tmp")]
    if not outputs:
        return "empty"
    if sorted(outputs) != sorted(RUN_OUTPUTS):
        raise CorruptRun(f"partial set of outputs in {out}: {outputs}")
    try:
        units = pd.read_csv(out / "units.csv", dtype=str, keep_default_na=False)
        journey = json.loads((out / "map.json").read_text(encoding="utf-8"))
        jsonschema.validate(journey, map_schema())
        with np.load(out / "embeddings.npz", allow_pickle=False) as vectors:
            unit_ids = vectors["unit_id"].tolist()
    except (OSError, ValueError, jsonschema.ValidationError) as exc:
        raise CorruptRun(f"unreadable output in {out}: {exc}") from exc
    respondent = units[units["role"] == "respondent"]
    if journey["stats"]["units"] != len(units):
        raise CorruptRun(f"map.json and units.csv in {out} come from different runs")
    if unit_ids != respondent["unit_id"].tolist():
        raise CorruptRun(f"embeddings.npz and units.csv in {out} come from different runs")
    return "complete"


def check_cache(cache_dir: Path) -> None:
    """Raise `CorruptRun` unless the embedding cache passes SQLite's integrity check."""
    path = cache_dir / CACHE_FILE
    if not path.exists():
        return
    try:
        with closing(sqlite3.connect(path)) as db:
            (status,) = db.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CorruptRun(f"embedding cache {path} is unreadable: {exc}") from exc
    if status != "ok":
        raise CorruptRun(f"embedding cache {path} is corrupt: {status}")
