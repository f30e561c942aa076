"""`--profile`: seconds spent in each step of a run, read off the progress reports."""

from __future__ import annotations

import time
from collections.abc import Callable

from insights.progress import NullProgress, Progress

__all__ = ["StageTimer"]


class StageTimer:
    """A `Progress` that times each step and passes every report on to `inner`.

    A step lasts from its `start` to the next `start` (or `stop`); a step
    started twice adds up.

    Example:
        >>> timer = StageTimer(progress)
        >>> run_pipeline([Path("corpora/demo")], Path("out"), progress=timer)
        >>> timer.stop()
        >>> print("\\n".join(timer.lines()))
    """

    def __init__(
        self, inner: Progress | None = None, *, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        self._inner = inner or NullProgress()
        self._clock = clock
        self._current: str | None = None
        self._began = 0.0
        self._seconds: dict[str, float] = {}

    def start(self, step: str, total: int | None = None) -> None:
        """Close the running step's timer, open `step`'s, and report it to `inner`."""
        self.stop()
        self._current, self._began = step, self._clock()
        self._inner.start(step, total)

    def advance(self, n: int = 1) -> None:
        """Pass progress on to `inner`."""
        self._inner.advance(n)

    def stop(self) -> None:
        """Close the running step's timer (no-op when none runs)."""
        if self._current is not None:
            elapsed = self._clock() - self._began
            self._seconds[self._current] = self._seconds.get(self._current, 0.0) + elapsed
            self._current = None

    @property
    def seconds(self) -> dict[str, float]:
        """Seconds per finished step, in the order the steps first started."""
        return dict(self._seconds)

    def lines(self) -> list[str]:
        """One line per step and a total, for the terminal."""
        width = max((len(step) for step in self._seconds), default=0)
        rows = [f"  {step:<{width}}  {secs:8.2f} s" for step, secs in self._seconds.items()]
        total = sum(self._seconds.values())
        return ["profile (seconds per step):", *rows, f"  {'total':<{width}}  {total:8.2f} s"]
