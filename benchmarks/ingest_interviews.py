"""Read the ML-practitioner interview transcripts and print what the transcript reader found.

For each transcript: records, turns by role, the speakers and interviewers found,
the rule that found them, whether every record is an exact slice of the file,
and whether the question-density rule alone (labels renamed S1, S2…) picks one of
the labelled interviewers ("agree"), nobody ("abstain") or a respondent ("WRONG").

Usage:
    python benchmarks/ingest_interviews.py --data ../shared/eval
    python benchmarks/ingest_interviews.py --data ../shared/eval --show "Interview 5.txt" --turns 6
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from insights.ingest._types import IngestOptions, SourceResult
from insights.ingest.speakers import detect_interviewers
from insights.ingest.transcripts import read_transcript
from insights.schema import Role

FOLDER = "06_ml_practitioner_interviews/transcripts"


def _number(path: Path) -> int:
    found = re.search(r"\d+", path.stem)
    return int(found.group()) if found else 0


def _turns(result: SourceResult) -> list[tuple[str, str, Role]]:
    """(speaker, text, role) per turn: records "t3.2" continue turn "t3"."""
    turns: list[tuple[str, str, Role]] = []
    for record in result.records:
        if "." in record.record_id:
            speaker, text, role = turns[-1]
            turns[-1] = (speaker, f"{text} {record.text}", role)
        else:
            turns.append((record.speaker, record.text, record.role))
    return turns


def _density_check(turns: list[tuple[str, str, Role]], interviewers: list[str]) -> str:
    alias = {s: f"S{i}" for i, s in enumerate(dict.fromkeys(s for s, _, _ in turns), 1)}
    found, _ = detect_interviewers([(alias[s], text) for s, text, _ in turns])
    if not found:
        return "abstain"
    return "agree" if found[0] in {alias[s] for s in interviewers} else "WRONG"


def _exact(result: SourceResult, text: str) -> bool:
    return all(
        r.char_start is not None and text[r.char_start : r.char_start + len(r.text)] == r.text
        for r in result.records
    )


def report(folder: Path) -> None:
    """Print one row per transcript and the totals."""
    paths = sorted(folder.glob("*.txt"), key=_number)
    print(f"{'file':24} {'recs':>5} {'resp':>5} {'intv':>5} {'rule':>6} {'exact':>5}", end=" ")
    print(f"{'density':>8}  interviewers")
    resp_total, intv_total, missing = 0, 0, []
    density: Counter[str] = Counter()
    started = time.perf_counter()
    for path in paths:
        result = read_transcript(path, path.name, IngestOptions())
        turns = _turns(result)
        resp = sum(role is Role.RESPONDENT for _, _, role in turns)
        interviewers = sorted({s for s, _, role in turns if role is Role.INTERVIEWER})
        check = _density_check(turns, interviewers)
        exact = _exact(result, path.read_text(encoding="utf-8").replace("\r\n", "\n"))
        print(
            f"{path.name:24} {len(result.records):5d} {resp:5d} {len(turns) - resp:5d} "
            f"{result.notes['interviewer_rule']!s:>6} {exact!s:>5} {check:>8}  {interviewers}"
        )
        resp_total, intv_total = resp_total + resp, intv_total + len(turns) - resp
        density[check] += 1
        if not interviewers:
            missing.append(path.name)
    elapsed = time.perf_counter() - started
    print(
        f"\n{len(paths)} transcripts in {elapsed:.2f}s: {resp_total} respondent turns, "
        f"{intv_total} interviewer turns; interviewer not found in: {missing or 'none'}; "
        f"question-density rule alone: {dict(density)}"
    )


def show(folder: Path, name: str, turns: int) -> None:
    """Print the first records of one transcript, to compare against the file."""
    result = read_transcript(folder / name, name, IngestOptions())
    for record in result.records[:turns]:
        print(f"{record.record_id} {record.locator} {record.speaker} ({record.role.value})")
        print(f"    text: {record.text[:160]!r}")
        if record.question:
            print(f"    question: …{record.question[-100:]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--show", help="print the first records of this transcript")
    parser.add_argument("--turns", type=int, default=6)
    args = parser.parse_args()
    folder = args.data / FOLDER
    if args.show:
        show(folder, args.show, args.turns)
    else:
        report(folder)


if __name__ == "__main__":
    main()
