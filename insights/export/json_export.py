"""JSON export: the map itself, validated against the published JSON Schema."""

from __future__ import annotations

import json
from typing import Any

from insights.export._common import filter_map
from insights.journeymap.model import JourneyMap

__all__ = ["render_json", "validate_map_data"]


def validate_map_data(data: Any) -> None:
    """Check `data` against `map.schema.json` (draft 2020-12).

    Raises:
        RuntimeError: The data does not match; a map loaded through the model
            always matches, so this is a bug to report.
    """
    import jsonschema

    from insights.journeymap.schema import published_schema

    validator = jsonschema.Draft202012Validator(published_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = error.json_path
        raise RuntimeError(
            f"exported map does not match map.schema.json at {where}: {error.message}; "
            "this is a bug, please report it"
        )


def render_json(journey_map: JourneyMap, *, accepted_only: bool = False) -> str:
    """The map as indented UTF-8 JSON text, schema-validated.

    Without `accepted_only` the whole map is kept (every status, so a later
    merge sees rejections); with it, only accepted proposals and personas.

    Example:
        >>> text = render_json(journey_map, accepted_only=True)  # doctest: +SKIP
    """
    selected = filter_map(journey_map, accepted_only=accepted_only, keep_rejected=True)
    data = selected.model_dump(mode="json")
    validate_map_data(data)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
