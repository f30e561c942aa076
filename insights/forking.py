"""Work split over forked processes (Linux), which inherit loaded models and data.

`can_fork` says whether this machine and process may; `side_by_side` runs a few
independent calls at once, one here and each other in a forked child that sends
back only its result; `while_waiting` gives this process work to do meanwhile
when it only waits on forked workers (`insights.spacy_pipelines.extract_all`);
`in_the_background` gives a forked child a head start on later work while this
process runs a block.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

__all__ = [
    "can_fork",
    "in_the_background",
    "run_waiting_tasks",
    "side_by_side",
    "use_real_output",
    "while_waiting",
]

T = TypeVar("T")

_WAITING: ContextVar[list[Callable[[], object]] | None] = ContextVar("waiting", default=None)


def can_fork() -> bool:
    """Linux, two or more cores, the main thread of a process that is not daemonic.

    Daemonic processes may not have children; a fork from another thread (a Dask
    worker's task thread, say) copies locks that the process's other threads hold.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and (cores or 1) >= 2
        and not multiprocessing.current_process().daemon
        and threading.current_thread() is threading.main_thread()
    )


def use_real_output() -> None:
    """In a forked child: write to the process's real stdout and stderr.

    The parent may have replaced them with a console (rich's progress display)
    whose lock another thread held at the fork; writing there would block forever.
    """
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


@contextmanager
def while_waiting(*tasks: Callable[[], object]) -> Iterator[None]:
    """Inside this block, run `tasks` the first time this process waits on forked workers.

    For loading what a later step needs anyway (models, libraries): while two
    forked workers parse, this process is idle. The tasks run here, in this
    thread, once that wait's workers are forked, in order, once. They only fetch
    ahead: a task that fails is dropped (the step that needs what it loads loads
    it itself and reports its own error), and tasks no wait came for are dropped
    at the end of the block. Later forks (a second language's NER, key phrases,
    the side-by-side clustering) then happen after the loading, as they do
    without this block.

    Example:
        >>> with while_waiting(models.load):
        ...     redact(units)  # NER in forked workers; the models load meanwhile
    """
    token = _WAITING.set(list(tasks))
    try:
        yield
    finally:
        _WAITING.reset(token)


def run_waiting_tasks() -> None:
    """Run the pending tasks of `while_waiting` (none outside it); call right after forking."""
    pending = _WAITING.get()
    if not pending:
        return
    tasks, pending[:] = pending[:], []  # taken at once: a context shared by threads runs them once
    for task in tasks:
        try:
            task()
        except Exception:  # noqa: BLE001, S112 - a prefetch; the step that needs it loads it again
            continue


def side_by_side(calls: Sequence[Callable[[], T]]) -> list[T]:
    """The results of `calls`, in order; the first runs here, the others in forked children.

    For single-threaded work (UMAP's layout, HDBSCAN) that would leave cores idle
    one after the other. The calls are not pickled (children inherit them), only
    their results are. Where forking is not possible, or for one call, the calls
    run here one after the other, with the same results. An exception in a child
    is raised here; the call of a child that stops without a result (killed, or
    aborted by a library whose threads forbid forking, such as GNU OpenMP) runs
    here instead.
    """
    if len(calls) < 2 or not can_fork():
        return [call() for call in calls]
    context = multiprocessing.get_context("fork")
    children: list[tuple[Any, Any]] = []
    done = False
    try:
        for call in calls[1:]:
            receive, send = context.Pipe(duplex=False)
            readers = [r for _, r in children] + [receive]  # the child closes its copies
            child = context.Process(target=_child, args=(call, send, readers), daemon=True)
            child.start()
            send.close()
            children.append((child, receive))
        results = [calls[0]()]
        for call, (child, receive) in zip(calls[1:], children, strict=True):
            try:
                ok, value = receive.recv()
            except (EOFError, OSError):  # killed, or aborted by a runtime that forbids forking
                child.join()
                ok, value = True, call()  # so the same work runs here instead
            if not ok:
                raise value
            results.append(value)
        done = True
        return results
    finally:
        for child, receive in children:
            if not done:  # this process failed or was interrupted: stop the others now
                child.terminate()
            child.join()
            receive.close()


@contextmanager
def in_the_background(
    work: Callable[[Callable[[], bool]], object], *, grace: float = 10.0
) -> Iterator[None]:
    """Inside the block, ``work(stop)`` runs in a forked child, for a head start.

    For work a later step does anyway, done ahead on the core this process
    leaves idle (parsing into the run cache what a later step reads from it).
    `work` must check ``stop()`` often: it turns true when the block ends (or this
    process dies), and the child is then waited for, `grace` seconds at most,
    so that what it was storing is stored. Its result and its failures are
    dropped. If the block raises, the child is stopped at once. Where forking is
    not possible (`can_fork`), the block runs alone.
    """
    if not can_fork():
        yield
        return
    context = multiprocessing.get_context("fork")
    stopped = context.Event()
    child = context.Process(target=_background, args=(work, stopped, os.getpid()), daemon=True)
    child.start()
    finished = False
    try:
        yield
        finished = True
    finally:
        stopped.set()
        if finished:
            child.join(grace)
        if child.is_alive():
            child.terminate()
        child.join()


def _background(work: Callable[[Callable[[], bool]], object], stopped: Any, parent: int) -> None:
    use_real_output()
    try:
        os.nice(19)  # the idle core only: this process's threads come first
    except OSError:
        pass
    try:
        work(lambda: stopped.is_set() or os.getppid() != parent)
    except BaseException:  # noqa: BLE001, S110 - a head start; the later step does what is left
        pass


def _child(call: Callable[[], Any], send: Any, readers: Sequence[Any]) -> None:
    """Run `call` and send back (True, result) or (False, an exception the parent can rebuild).

    The child closes its copies of the read ends first, so that if the parent dies
    its write fails instead of blocking on a pipe only it still reads. Output goes
    to the process's real stdout and stderr (`use_real_output`).
    """
    for reader in readers:
        reader.close()
    use_real_output()
    try:
        message: tuple[bool, Any] = (True, call())
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        message = (False, _rebuildable(exc))
    try:
        try:
            send.send(message)
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
            failure = RuntimeError(f"a forked worker could not send its result: {exc!r}")
            send.send((False, failure))
    except OSError:  # the parent is gone: nobody to tell
        pass
    finally:
        send.close()


def _rebuildable(exc: BaseException) -> BaseException:
    """`exc` if it survives pickling, else a RuntimeError naming it and its message."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any exception pickle cannot round-trip
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
