"""The Dask executor: partition tasks run on the workers of a Dask cluster.

Each worker builds the run's models once, when `ModelsPlugin` is registered
(its `setup`), and keeps them on the plugin; a task looks the plugin up by name
on the worker it runs on. With no scheduler address the executor starts a
`LocalCluster` of single-threaded worker processes and stops it when closed.

On a remote cluster, every worker needs ``insights`` (same version) installed,
the input files at the same paths, and a writable embedding cache folder at the
client's ``--cache-dir`` path (or run with ``--no-cache``).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar, cast

import pandas as pd
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from insights.errors import UsageError
from insights.executors.tasks import Models, ModelSpec
from insights.progress import Progress

__all__ = ["DaskExecutor", "ModelsPlugin", "default_workers", "start_dask"]

T = TypeVar("T")
CONNECT_TIMEOUT = 5.0
MAX_DEFAULT_WORKERS = 4


class ModelsPlugin(WorkerPlugin):
    """Builds the models of a `ModelSpec` once per worker, at setup."""

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        digest = hashlib.sha256(pickle.dumps(spec)).hexdigest()[:12]
        self.name = f"insights-models-{digest}"
        self.models: Models | None = None

    def setup(self, worker: Any) -> None:
        """Load every model on this worker."""
        models = Models(self.spec)
        models.load()
        self.models = models

    def teardown(self, worker: Any) -> None:
        """Drop the models."""
        self.models = None


def _run(plugin: str, task: Callable[..., T], *args: Any) -> T:
    """On a worker: call `task` with the models its plugin built."""
    models = cast(ModelsPlugin, get_worker().plugins[plugin]).models
    if models is None:
        raise UsageError(f"Dask worker has no {plugin} models; restart the worker and the run")
    return task(models, *args)


def default_workers() -> int:
    """Workers of a LocalCluster when --workers is not given: one per core, at most 4."""
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


class DaskExecutor:
    """Runs tasks on a Dask cluster; results come back in part order."""

    name = "dask"

    def __init__(self, client: Client, plugin: str, cluster: LocalCluster | None = None) -> None:
        self._client = client
        self._plugin = plugin
        self._cluster = cluster

    def map(
        self,
        task: Callable[..., T],
        parts: Sequence[tuple[Any, ...]],
        *,
        common: tuple[Any, ...] = (),
        sizes: Sequence[int] | None = None,
        progress: Progress,
    ) -> list[T]:
        """Return `task(models, *part, *common)` for each part, computed on the workers.

        Frames and arrays in `common` are sent to every worker once. The first
        task to fail cancels the others and its error is raised here.
        """
        shared = [self._share(value) for value in common]
        futures = [
            self._client.submit(_run, self._plugin, task, *part, *shared, pure=False)
            for part in parts
        ]
        size = {f.key: (sizes[i] if sizes is not None else 1) for i, f in enumerate(futures)}
        try:
            for future in as_completed(futures):
                if future.status == "error":
                    future.result()
                progress.advance(size[future.key])
            return [f.result() for f in futures]
        finally:
            self._client.cancel([f for f in futures if not f.done()])

    def _share(self, value: Any) -> Any:
        if isinstance(value, pd.DataFrame):
            return self._client.scatter(value, broadcast=True, hash=False)
        return value

    def load_models(self, *, everything: bool = False) -> None:
        """Nothing to do: each worker loaded its models when the plugin was registered."""

    def scoring_ahead(self, texts: Sequence[str]) -> AbstractContextManager[None]:
        """Nothing: the workers embed what their tasks score."""
        return contextlib.nullcontext()

    def close(self) -> None:
        """Disconnect; stop the LocalCluster if this executor started it."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def start_dask(
    spec: ModelSpec,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    timeout: float = CONNECT_TIMEOUT,
) -> DaskExecutor:
    """Connect to `scheduler` (or start a LocalCluster) and load the models on every worker.

    Args:
        spec: the models the workers build.
        scheduler: address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``.
        workers: worker processes of the LocalCluster (`default_workers()` when None).
        timeout: seconds to wait for the scheduler and for a first worker.

    Raises:
        UsageError: the scheduler does not answer or has no worker.
    """
    cluster = None
    if scheduler:
        client = _connect(scheduler, timeout)
    else:
        cluster = LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        )
        client = Client(cluster)
    plugin = ModelsPlugin(spec)
    try:
        client.register_plugin(plugin, name=plugin.name)
    except BaseException:
        client.close()
        if cluster is not None:
            cluster.close()
        raise
    return DaskExecutor(client, plugin.name, cluster)


def _connect(address: str, timeout: float) -> Client:
    try:
        client = Client(address, timeout=timeout)
    except ValueError as exc:
        raise UsageError(
            f"--scheduler {address!r} is not a Dask scheduler address ({_first_line(exc)}); "
            "give e.g. tcp://10.0.0.5:8786"
        ) from None
    except (OSError, TimeoutError):
        raise UsageError(
            f"Dask scheduler {address} did not answer within {timeout:g} s; "
            "start one with `dask scheduler` or check --scheduler"
        ) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        client.close()
        raise UsageError(
            f"Dask scheduler {address} has no worker after {timeout:g} s; "
            f"start one with `dask worker {address}`"
        ) from None
    return client


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
