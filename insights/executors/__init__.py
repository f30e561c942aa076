"""Where `insights run` computes ingest, embedding and analysis: here, or on a Dask cluster.

An executor maps a partition task (`insights.executors.tasks`) over partitions
and returns the results in partition order. The pipeline cuts the work the same
way for every executor, so they produce the same units and vectors; clustering
and the map are always computed in this process over the gathered results.

Names:
    ``local``  every task in this process, in order (the default).
    ``dask``   tasks on the workers of a Dask cluster given by its scheduler
               address, or of a `LocalCluster` started for the run
               (``pip install 'insights[dask]'``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol, TypeVar

from insights.errors import UsageError
from insights.executors.tasks import Models
from insights.progress import Progress

__all__ = ["EXECUTORS", "Executor", "check_executor_options", "open_executor"]

EXECUTORS = ("local", "dask")
T = TypeVar("T")


class Executor(Protocol):
    """Runs partition tasks and returns their results in order."""

    name: str

    def map(
        self,
        task: Callable[..., T],
        parts: Sequence[tuple[Any, ...]],
        *,
        common: tuple[Any, ...] = (),
        sizes: Sequence[int] | None = None,
        progress: Progress,
    ) -> list[T]:
        """Return `task(models, *part, *common)` for each part; advance `progress` by `sizes`."""
        ...

    def load_models(self, *, everything: bool = False) -> None:
        """Load the models the tasks use, before the first task (a no-op where loaded).

        A model whose warm-up vectors the run cache holds may be left to load in the
        first task that needs it (none, on unchanged input); with `everything` it
        loads now too (ahead of time, when new statements are coming).
        """
        ...

    def scoring_ahead(self, texts: Sequence[str]) -> AbstractContextManager[None]:
        """A block within which the scoring tasks of `texts` (in order) may prepare ahead."""
        ...

    def close(self) -> None:
        """Release workers and connections."""
        ...


def check_executor_options(executor: str, *, scheduler: str | None, workers: int | None) -> None:
    """Check the executor options of `insights run` together.

    Raises:
        UsageError: unknown executor, or options that do not go with it.
    """
    if executor not in EXECUTORS:
        raise UsageError(f"--executor {executor!r} is unknown; use one of {', '.join(EXECUTORS)}")
    if executor != "dask" and (scheduler or workers is not None):
        raise UsageError("--scheduler and --workers need --executor dask; add it or drop them")
    if scheduler and workers is not None:
        raise UsageError("--workers sizes a local Dask cluster; drop it when you give --scheduler")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers {workers} must be at least 1")


@contextmanager
def open_executor(
    name: str,
    models: Models,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Iterator[Executor]:
    """The executor called `name`, closed on exit.

    Args:
        name: ``local`` or ``dask``.
        models: this process's models (the local executor uses them; Dask
            workers build their own from ``models.spec``).
        scheduler: Dask scheduler address; None starts a LocalCluster.
        workers: worker processes of that LocalCluster.

    Raises:
        UsageError: unknown name, dask not installed, or scheduler unreachable.

    Example:
        >>> with open_executor("dask", models, workers=2) as executor:
        ...     executor.map(read_file, [(file,)], common=(options,), progress=NullProgress())
    """
    executor = _make(name, models, scheduler=scheduler, workers=workers)
    try:
        yield executor
    finally:
        executor.close()


def _make(name: str, models: Models, *, scheduler: str | None, workers: int | None) -> Executor:
    if name == "local":
        from insights.executors.local import LocalExecutor

        return LocalExecutor(models)
    check_executor_options(name, scheduler=scheduler, workers=workers)
    try:
        from insights.executors.dask_cluster import start_dask
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("dask", "distributed"):
            raise
        raise UsageError(
            "--executor dask needs dask.distributed; install it with: pip install 'insights[dask]'"
        ) from None
    return start_dask(models.spec, scheduler=scheduler, workers=workers)
