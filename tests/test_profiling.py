from __future__ import annotations

from insights.profiling import StageTimer


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def start(self, step: str, total: int | None = None) -> None:
        self.calls.append(("start", step, total))

    def advance(self, n: int = 1) -> None:
        self.calls.append(("advance", n))


def test_each_start_closes_the_previous_step_and_reports_pass_through():
    ticks = iter([0.0, 1.5, 2.0, 6.0, 6.5, 7.0, 8.0, 8.5])
    inner = Recorder()
    timer = StageTimer(inner, clock=lambda: next(ticks))
    timer.start("Reading files", total=3)
    timer.advance(2)
    timer.start("Embedding statements")  # 1.5 s of reading
    timer.start("Reading files")  # 4 s of embedding; reading runs again
    timer.stop()  # 0.5 s more reading
    timer.start("Writing outputs")
    timer.stop()
    assert timer.seconds == {
        "Reading files": 2.0,
        "Embedding statements": 4.0,
        "Writing outputs": 0.5,
    }
    assert inner.calls[:2] == [("start", "Reading files", 3), ("advance", 2)]
    lines = timer.lines()
    assert lines[0] == "profile (seconds per step):"
    assert lines[-1].split() == ["total", "6.50", "s"]


def test_stop_without_a_step_does_nothing():
    timer = StageTimer()
    timer.stop()
    assert timer.seconds == {}
    assert timer.lines()[-1].split() == ["total", "0.00", "s"]
