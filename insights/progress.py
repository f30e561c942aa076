"""A tiny progress interface the library reports to; the CLI draws it with rich."""

from __future__ import annotations

from typing import Protocol

__all__ = ["NullProgress", "Progress"]


class Progress(Protocol):
    """Receives progress from long library steps."""

    def start(self, step: str, total: int | None = None) -> None:
        """A step begins; `total` is its number of items when known."""
        ...

    def advance(self, n: int = 1) -> None:
        """`n` more items of the current step are done."""
        ...


class NullProgress:
    """Progress that shows nothing (library default, tests)."""

    def start(self, step: str, total: int | None = None) -> None:
        """Ignore a step start."""

    def advance(self, n: int = 1) -> None:
        """Ignore progress."""
