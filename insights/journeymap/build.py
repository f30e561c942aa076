"""Build the journey map (map.json) from a run's tables."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from insights.ingest import IngestResult

__all__ = ["SCHEMA_VERSION", "build_map"]

SCHEMA_VERSION = "0.1.0"


def build_map(ingested: IngestResult, *, params: dict[str, object]) -> dict[str, Any]:
    """Assemble the map: run parameters, sources with provenance, and counts."""
    units = ingested.units
    respondents = units[units["role"] == "respondent"]
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_by": "insights",
        "run": {"params": params},
        "sources": [asdict(s) for s in ingested.sources],
        "stats": {
            "units": len(units),
            "units_analysed": len(respondents),
            "respondents": int(respondents["respondent_id"].nunique()),
            "languages": {k: int(v) for k, v in respondents["lang"].value_counts().items()},
        },
    }
