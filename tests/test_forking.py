from __future__ import annotations

import os

import numpy as np
import pytest

from insights import forking
from insights.forking import can_fork, side_by_side


def _fork_allowed_here() -> bool:
    return can_fork()


def test_a_daemonic_process_may_not_fork() -> None:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:  # pool workers are daemonic
        assert pool.apply(_fork_allowed_here) is False
    assert _fork_allowed_here() is (len(os.sched_getaffinity(0)) >= 2)


def test_calls_run_in_other_processes_and_results_come_back_in_order() -> None:
    here = os.getpid()
    big = np.arange(300_000, dtype=np.float64)  # inherited by the children, not pickled
    results = side_by_side([lambda: (os.getpid(), big[:3]), lambda: (os.getpid(), big[-3:] * 2)])
    (first_pid, first), (second_pid, second) = results
    assert first_pid == here and first.tolist() == [0.0, 1.0, 2.0]
    assert second.tolist() == [599_994.0, 599_996.0, 599_998.0]
    assert (second_pid != here) is can_fork()


def test_without_fork_the_calls_run_here_with_the_same_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = [lambda: sum(range(10)), lambda: "b", lambda: [1, 2]]
    forked = side_by_side(calls)
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    assert side_by_side(calls) == forked == [45, "b", [1, 2]]


def test_a_failure_in_a_child_is_raised_here() -> None:
    def fails() -> None:
        raise ValueError("bad input in the child")

    with pytest.raises(ValueError, match="bad input in the child"):
        side_by_side([lambda: 1, fails])


def test_the_call_of_a_child_that_dies_runs_here_and_a_failure_here_stops_the_children() -> None:
    if not can_fork():
        pytest.skip("this machine cannot fork workers (needs Linux and two cores)")
    here = os.getpid()

    def dies_unless_here() -> str:
        if os.getpid() != here:
            os._exit(3)  # as a runtime that forbids forking aborts the child
        return "ran here"

    assert side_by_side([lambda: 1, dies_unless_here]) == [1, "ran here"]

    def fails_here() -> None:
        raise KeyError("here")

    import time

    started = time.monotonic()
    with pytest.raises(KeyError):
        side_by_side([fails_here, lambda: time.sleep(60)])
    assert time.monotonic() - started < 30  # the sleeping child was terminated, not awaited


class _TwoArgumentError(Exception):
    def __init__(self, what: str, where: str) -> None:
        super().__init__(f"{what} at {where}")


def test_an_exception_that_cannot_be_rebuilt_here_still_says_what_happened() -> None:
    def fails() -> None:
        raise _TwoArgumentError("bad fit", "row 3")

    with pytest.raises((_TwoArgumentError, RuntimeError), match="bad fit at row 3"):
        side_by_side([lambda: 1, fails])


def test_a_result_that_cannot_be_sent_is_an_error_not_a_second_run() -> None:
    if not can_fork():
        pytest.skip("this machine cannot fork workers (needs Linux and two cores)")
    here = os.getpid()
    ran_in: list[int] = []

    def unpicklable() -> object:
        ran_in.append(os.getpid())
        return lambda: None  # a lambda cannot be pickled

    with pytest.raises(RuntimeError, match="could not send its result"):
        side_by_side([lambda: 1, unpicklable])
    assert here not in ran_in  # not silently run again here


def test_waiting_tasks_run_once_in_order_and_only_inside_the_block() -> None:
    from insights.forking import run_waiting_tasks, while_waiting

    done: list[str] = []
    run_waiting_tasks()  # outside any block: nothing to run
    with while_waiting(lambda: done.append("models"), lambda: done.append("umap")):
        run_waiting_tasks()
        run_waiting_tasks()  # a second wait finds nothing left
    assert done == ["models", "umap"]
    with while_waiting(lambda: done.append("never waited for")):
        pass
    run_waiting_tasks()
    assert done == ["models", "umap"], "tasks no wait came for are dropped with the block"


def test_a_failing_waiting_task_is_dropped_and_the_others_still_run() -> None:
    from insights.forking import run_waiting_tasks, while_waiting

    done: list[str] = []

    def broken() -> None:
        raise RuntimeError("model file missing")  # the step that needs it says so itself

    with while_waiting(broken, lambda: done.append("next")):
        run_waiting_tasks()
        run_waiting_tasks()
    assert done == ["next"]


def test_no_fork_from_a_thread_other_than_the_main_one():
    import threading

    seen: list[bool] = []
    worker = threading.Thread(target=lambda: seen.append(can_fork()))
    worker.start()
    worker.join()
    assert seen == [False]


def test_background_work_runs_in_a_child_until_the_block_ends(tmp_path) -> None:
    if not can_fork():
        pytest.skip("this machine cannot fork workers (needs Linux and two cores)")
    import time

    log = tmp_path / "log"

    def work(stop) -> None:
        log.write_text(f"{os.getpid()} started\n")
        while not stop():
            time.sleep(0.01)
        with log.open("a") as out:
            out.write(f"{os.nice(0)} stopped\n")

    with forking.in_the_background(work):
        for _ in range(500):  # the child starts
            if log.exists():
                break
            time.sleep(0.01)
        assert "stopped" not in log.read_text()
    pid, niceness = log.read_text().split()[0], log.read_text().split()[2]
    assert pid != str(os.getpid()) and int(niceness) >= 19 - 1, "a child, at the lowest priority"
    assert log.read_text().endswith("stopped\n"), "told to stop, then waited for"


def test_a_failure_in_the_block_stops_the_background_child_at_once(tmp_path) -> None:
    import time

    started = time.monotonic()
    with pytest.raises(ValueError, match="step failed"):
        with forking.in_the_background(lambda stop: time.sleep(30), grace=30):
            raise ValueError("step failed")
    assert time.monotonic() - started < 10, "terminated, not waited for"


def test_without_fork_the_block_runs_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    ran: list[object] = []
    with forking.in_the_background(ran.append):
        ran.append("block")
    assert ran == ["block"]
