"""SIGKILL `insights run` at several moments: the folder never holds a partial or mixed set.

The kill benchmark (benchmarks/kill.py) does 20+ random trials; this runs a
few fixed ones on the demo interviews so CI catches a regression.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from insights.runcheck import check_cache, check_run_folder

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo" / "interviews"


def _run(out: Path, cache: Path, kill_after: float | None = None) -> float:
    """Run `insights run` on the demo interviews; SIGKILL it after `kill_after` seconds."""
    command = [sys.executable, "-c", "from insights.cli import main; main()", "run", str(DEMO),
               "--out", str(out), "--cache-dir", str(cache)]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        _, err = process.communicate(timeout=kill_after if kill_after else 600)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return time.perf_counter() - start
    assert process.returncode == 0, err.decode()[-800:]
    return time.perf_counter() - start


def test_killed_runs_leave_nothing_or_a_complete_set(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    full = _run(out, cache)
    assert check_run_folder(out) == "complete"

    fresh = tmp_path / "fresh"
    _run(fresh, tmp_path / "cache_fresh", kill_after=0.5 * full)
    assert check_run_folder(fresh) in ("empty", "complete")  # never a partial set
    check_cache(tmp_path / "cache_fresh")

    warm = _run(out, cache)  # embeddings cached: the kills below use its pace
    for fraction in (0.5, 0.8, 0.95):
        _run(out, cache, kill_after=fraction * warm)
        assert check_run_folder(out) == "complete"  # the previous set, untouched or replaced
        check_cache(cache)

    _run(out, cache)
    assert check_run_folder(out) == "complete"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # leftovers cleaned
