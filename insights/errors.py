"""Errors the library raises; the CLI turns them into one line and exit code 1.

Every message says what went wrong, where, and what to do next.
"""

from __future__ import annotations

__all__ = [
    "BadRecordError",
    "ColumnError",
    "DecodeError",
    "EmptyInputError",
    "InputNotFoundError",
    "InsightsError",
    "TaxonomyError",
    "UnsupportedFormatError",
    "UsageError",
]


class InsightsError(Exception):
    """Base class of every error a user can fix (bad input, bad usage)."""


class UsageError(InsightsError):
    """An option or argument is wrong."""


class InputNotFoundError(InsightsError):
    """An input path does not exist."""


class UnsupportedFormatError(InsightsError):
    """A file's format is not one `insights` reads."""


class EmptyInputError(InsightsError):
    """A file (or every file given) holds no statement to analyse."""


class DecodeError(InsightsError):
    """A file's bytes are not text in any encoding we recognise."""


class ColumnError(InsightsError):
    """A named column is missing, or no text column could be found."""


class BadRecordError(InsightsError):
    """A record (JSON line, row) is malformed."""


class TaxonomyError(InsightsError):
    """A taxonomy file is invalid."""
