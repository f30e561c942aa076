"""The local executor: every partition task runs in this process, in order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from insights.executors.tasks import Models
from insights.progress import Progress

__all__ = ["LocalExecutor"]

T = TypeVar("T")


class LocalExecutor:
    """Runs tasks one after the other with this process's models.

    Example:
        >>> executor = LocalExecutor(Models(spec))
        >>> executor.map(read_file, [(file,)], common=(options,), progress=NullProgress())
    """

    name = "local"

    def __init__(self, models: Models) -> None:
        self.models = models

    def map(
        self,
        task: Callable[..., T],
        parts: Sequence[tuple[Any, ...]],
        *,
        common: tuple[Any, ...] = (),
        sizes: Sequence[int] | None = None,
        progress: Progress,
    ) -> list[T]:
        """Return `task(models, *part, *common)` for each part, in order.

        Args:
            task: a function of `insights.executors.tasks`.
            parts: the per-partition arguments.
            common: arguments every call gets after its own.
            sizes: items per part for `progress` (1 each when None).
            progress: advanced as each part completes.
        """
        results = []
        for i, part in enumerate(parts):
            results.append(task(self.models, *part, *common))
            progress.advance(sizes[i] if sizes is not None else 1)
        return results

    def load_models(self, *, everything: bool = False) -> None:
        """Load this process's models now rather than in the first task (`Models.load`)."""
        self.models.load(everything=everything)

    def scoring_ahead(self, texts: Sequence[str]) -> AbstractContextManager[None]:
        """Within the block, the scorer embeds `texts` ahead (`Analyzer.scoring_ahead`)."""
        return self.models.analyzer.scoring_ahead(texts)

    def close(self) -> None:
        """Nothing to release."""
