"""Read and write map.json files safely: clear errors, validation, backup, atomic replace.

`merge_into` is what `insights merge` calls: it creates the map file from the
run on a first merge, otherwise merges into it and, if anything changed,
copies the previous file to ``<name>.bak`` (one backup, the version before
the latest change) and replaces the map atomically. A merge that changes
nothing writes nothing, so an earlier backup is never lost to a repeat.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from insights.errors import InputNotFoundError, InsightsError
from insights.io import atomic_write, write_json
from insights.journeymap.merge import MergeResult, empty_like, merge_maps
from insights.journeymap.model import SCHEMA_VERSION, JourneyMap

__all__ = ["MapFileError", "MergeOutcome", "backup_path", "load_map", "merge_into", "save_map"]


class MapFileError(InsightsError):
    """A map file is not valid JSON, not a map, or from a newer insights."""


@dataclass(frozen=True)
class MergeOutcome:
    """What `merge_into` did.

    Attributes:
        result: The merge itself (merged map and counts).
        path: The map file.
        created: The file did not exist and was created from the run.
        written: The file was (re)written; false when the merge changed nothing.
        backup: Where the previous file was copied, if it was replaced.
    """

    result: MergeResult
    path: Path
    created: bool
    written: bool
    backup: Path | None


def backup_path(path: Path) -> Path:
    """Where the previous version of `path` is kept: ``map.json`` → ``map.json.bak``."""
    return path.with_name(path.name + ".bak")


def _major(version: object) -> int:
    head = str(version).split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def load_map(path: Path) -> JourneyMap:
    """Read and validate a map.json (any 1.x schema version).

    Raises:
        InputNotFoundError: There is no file at `path`.
        MapFileError: It is a folder, not JSON, not a map, or from a newer insights.
    """
    if path.is_dir():
        raise MapFileError(f"{path} is a folder: name the map file, e.g. {path / 'map.json'}")
    if not path.is_file():
        raise InputNotFoundError(f"{path} not found: give a map.json written by insights")
    backup = backup_path(path)
    restore = f"fix it or restore {backup.name}" if backup.is_file() else "fix it"
    try:
        data = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MapFileError(f"{path} is not valid JSON ({exc}): {restore}") from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if _major(version) > _major(SCHEMA_VERSION):
        raise MapFileError(
            f"{path} has schema version {version}, newer than this insights "
            f"({SCHEMA_VERSION}): upgrade insights"
        )
    try:
        return JourneyMap.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise MapFileError(
            f"{path} is not an insights map ({where}: {first['msg']}); {restore}"
        ) from None


def save_map(journey_map: JourneyMap, path: Path) -> Path | None:
    """Validate `journey_map` and write it to `path` atomically, backing up the old file.

    Returns:
        The backup's path, or None when there was no previous file.
    """
    data = journey_map.model_dump(mode="json")
    JourneyMap.model_validate(data)  # the model is the published schema (tests keep them equal)
    backup = None
    if path.is_file():
        old = path.read_bytes()
        backup = backup_path(path)

        def copy(handle: IO[bytes]) -> None:
            handle.write(old)

        atomic_write(backup, copy)
    write_json(path, data)
    return backup


def merge_into(incoming: JourneyMap, path: Path, *, accepted_only: bool = True) -> MergeOutcome:
    """Merge a run's map into the map file at `path` (created if missing).

    Args:
        incoming: The run's map, review decisions applied.
        path: The map file to update.
        accepted_only: Merge only accepted proposals and personas.

    Returns:
        The merge and what was written.

    Raises:
        MapFileError: The existing file is not a readable map.
        TaxonomyError: The map and the run use different stages.
    """
    created = not path.exists()
    existing = empty_like(incoming) if created else load_map(path)
    result = merge_maps(existing, incoming, accepted_only=accepted_only)
    written = created or result.map != existing
    backup = save_map(result.map, path) if written else None
    return MergeOutcome(result=result, path=path, created=created, written=written, backup=backup)
