"""Ingest: research files of every family into one units table."""

from insights.ingest._types import IngestOptions, Record, SourceResult
from insights.ingest.reader import IngestResult, SourceSummary, discover, ingest, read_source

__all__ = [
    "IngestOptions",
    "IngestResult",
    "Record",
    "SourceResult",
    "SourceSummary",
    "discover",
    "ingest",
    "read_source",
]
