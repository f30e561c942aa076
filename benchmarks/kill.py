"""Kill trials: SIGKILL `insights run` at random moments and check nothing is corrupt.

Each trial starts ``insights run INPUT --out OUT`` (sharing one embedding cache
across trials, as a user's runs do) and sends SIGKILL after a random delay
between 0.3 s and the length of a full run. Afterwards:

- ``OUT`` holds either nothing, or one complete set of outputs from a single
  run: units.csv parses, map.json validates against the published schema,
  embeddings.npz loads, and their unit counts agree with each other;
- no temp or staging file is left visible (hidden leftovers are allowed; the
  next run removes them, which the next trial checks);
- the embedding cache passes SQLite's ``PRAGMA integrity_check``.

The first trial is a complete run, so every later trial kills a run over a
folder that already holds a good set: the folder must still hold a good set.

``--review`` kills `insights review` instead, as a person uses it at a terminal
(pexpect): each trial makes a random number of decisions (accept, reject, skip,
rename with text), each confirmed by the next prompt, then starts typing one
more and is SIGKILLed at a random moment — before, during or just after the
Enter key. The journal must replay with every confirmed decision and at most the
one in flight, and a torn last line may only cost that one.

Usage:
    python benchmarks/kill.py --trials 20 [--input corpora/demo] [--seed 0]
    python benchmarks/kill.py --review --trials 20
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from insights.runcheck import check_cache, check_run_folder


def run_command(inputs: Path, out: Path, cache: Path) -> list[str]:
    """The `insights run` command line of a trial."""
    return [
        sys.executable, "-c", "from insights.cli import main; main()",
        "run", str(inputs), "--out", str(out), "--cache-dir", str(cache),
    ]  # fmt: skip


def trial(command: list[str], delay: float | None) -> float:
    """Run `command`, SIGKILL it after `delay` seconds (None: let it finish); seconds run."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    elapsed = time.perf_counter() - start
    if delay is None and process.returncode != 0:
        raise SystemExit(f"full run failed: {process.stderr.read().decode()[-500:]}")
    return elapsed


PROMPT = r"(\d+)/(\d+) reviewed \| (\S+) > "
KEYS = ("a", "r", "k", "n Slow refunds", "n Livraison en retard, personne ne répond")


def review_trial(run: Path, rng: random.Random) -> tuple[int, int, int]:
    """One killed review session: (confirmed before, in the journal after, warnings)."""
    import pexpect

    from insights.review import read_journal

    journal = run / "review.jsonl"
    before = len(read_journal(journal).decisions) if journal.exists() else 0
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    entry = "from insights.cli import main; main()"
    child = pexpect.spawn(
        sys.executable, ["-c", entry, "review", str(run)], env=env, encoding="utf-8", timeout=120
    )
    child.expect(PROMPT)
    confirmed = before
    for _ in range(rng.randint(0, 5)):
        child.sendline(rng.choice(KEYS))
        child.expect(PROMPT)
        confirmed += 1
    line = rng.choice(KEYS)
    cut = rng.randint(0, len(line) + 1)  # len + 1: the Enter key was sent too
    child.send(line[:cut] + ("\n" if cut > len(line) else ""))
    time.sleep(rng.uniform(0.0, 0.05))
    os.kill(child.pid, signal.SIGKILL)
    child.close(force=True)
    read = read_journal(journal) if journal.exists() else None
    after = len(read.decisions) if read else 0
    return confirmed, after, len(read.warnings) if read else 0


def review_trials(trials: int, inputs: Path, rng: random.Random) -> None:
    """Kill `insights review` `trials` times on one run folder; check the journal each time."""
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp) / "run"
        trial(run_command(inputs, run, Path(tmp) / "cache"), None)
        for number in range(1, trials + 1):
            confirmed, after, warnings = review_trial(run, rng)
            assert after in (confirmed, confirmed + 1), (confirmed, after)
            print(
                f"trial {number:2d}: {confirmed} confirmed, {after} in the journal "
                f"({'in-flight kept' if after > confirmed else 'in-flight lost'}), "
                f"{warnings} warnings"
            )
        print(f"{trials} kills: no confirmed decision lost; journal replays cleanly")


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--input", type=Path, default=Path("corpora/demo"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--review", action="store_true", help="kill insights review instead")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.review:
        review_trials(args.trials, args.input, rng)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "out", Path(tmp) / "cache"
        command = run_command(args.input, out, cache)
        full = trial(command, None)
        print(f"full run: {full:.1f} s, outputs {check_run_folder(out)}")
        outcomes: dict[str, int] = {}
        for number in range(1, args.trials + 1):
            delay = rng.uniform(0.3, full)
            trial(command, delay)
            state = check_run_folder(out)
            check_cache(cache)
            outcomes[state] = outcomes.get(state, 0) + 1
            print(f"trial {number:2d}: killed after {delay:5.1f} s -> {state}, cache ok")
        print(f"{args.trials} kills: {outcomes}; no corrupt or partial output, cache intact")


if __name__ == "__main__":
    main()
