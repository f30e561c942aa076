"""Work split over forked processes (Linux), which inherit loaded models and data.

`can_fork` says whether this machine and process may; `side_by_side` runs a few
independent calls at once, one here and each other in a forked child that sends
back only its result.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["can_fork", "side_by_side"]

T = TypeVar("T")


def can_fork() -> bool:
    """Linux, two or more cores, and not a daemonic process (those may not have children)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and (cores or 1) >= 2
        and not multiprocessing.current_process().daemon
    )


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
    children = []
    done = False
    try:
        for call in calls[1:]:
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(call, send), daemon=True)
            child.start()
            send.close()
            children.append((child, receive))
        results = [calls[0]()]
        for call, (child, receive) in zip(calls[1:], children, strict=True):
            try:
                ok, value = receive.recv()
            except EOFError:  # killed, or aborted by a runtime that forbids forking
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


def _child(call: Callable[[], Any], send: Any) -> None:
    try:
        message: tuple[bool, Any] = (True, call())
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        message = (False, exc)
    try:
        send.send(message)
    except (pickle.PicklingError, TypeError, AttributeError):
        send.send((False, RuntimeError(f"{type(message[1]).__name__}: {message[1]}")))
    finally:
        send.close()
