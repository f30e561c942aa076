"""The researcher's review of proposals: a decisions journal replayed onto the map.

`load_reviewed_map` is the map the exports use: ``map.json`` with every decision
of ``review.jsonl`` applied. `replay_report` says which decisions a re-run left
without a proposal to apply to.
"""

from __future__ import annotations

from pathlib import Path

from insights.journeymap.model import JourneyMap
from insights.review.apply import MIN_OVERLAP, ReplayReport
from insights.review.decisions import Decision, DecisionType
from insights.review.journal import JOURNAL_NAME, append_decisions, read_journal
from insights.review.script import DecisionSpec, parse_flags, parse_script, read_script
from insights.review.state import ReviewState, load_state, progress, record, review_queue

__all__ = [
    "JOURNAL_NAME",
    "MIN_OVERLAP",
    "Decision",
    "DecisionSpec",
    "DecisionType",
    "ReplayReport",
    "ReviewState",
    "append_decisions",
    "load_reviewed_map",
    "load_state",
    "parse_flags",
    "parse_script",
    "progress",
    "read_journal",
    "read_script",
    "record",
    "replay_report",
    "review_queue",
]


def load_reviewed_map(run_dir: Path) -> JourneyMap:
    """The run's map.json with every decision of its review journal applied.

    With no journal it equals map.json.

    Example:
        >>> load_reviewed_map(Path("out/demo")).pain_points[0].label.text
    """
    return load_state(Path(run_dir)).reviewed


def replay_report(run_dir: Path) -> ReplayReport:
    """How the journal replays onto the current map.json: applied and unapplied decisions.

    Call it after `insights run` re-wrote map.json into a folder with a journal.

    Example:
        >>> for line in replay_report(Path("out/demo")).unapplied:
        ...     print(line)
    """
    return load_state(Path(run_dir)).report
