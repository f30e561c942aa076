"""A run folder under review: its map, its journal, the replayed map, the review queue.

The queue holds the proposals still to review (status ``proposed``): first the
proposals the review itself created (the result of a merge, the parts of a
split; most recent first), then pain points, then delights, each by decreasing
severity; proposals the researcher skipped go to the end, in the order they
were skipped. The queue depends only on map.json and the journal, so a review
that stopped resumes at the same proposal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from insights.errors import UsageError
from insights.io import finish_outputs
from insights.journeymap.model import JourneyMap, Proposal, Status
from insights.review.apply import Replayer, ReplayReport, replay
from insights.review.decisions import Decision
from insights.review.journal import append_decisions, journal_path, read_journal
from insights.review.rebuild import RunData
from insights.review.resolve import make_decision
from insights.review.script import DecisionSpec

__all__ = [
    "ReviewState",
    "load_base_map",
    "load_state",
    "progress",
    "record",
    "review_queue",
]


@dataclass(frozen=True)
class ReviewState:
    """A run folder's map before and after its journal's decisions."""

    run_dir: Path
    base: JourneyMap
    decisions: list[Decision]
    replayer: Replayer
    reviewed: JourneyMap
    report: ReplayReport
    data: RunData


def load_base_map(run_dir: Path) -> JourneyMap:
    """The run's map.json as `insights run` wrote it (no decision applied)."""
    finish_outputs(Path(run_dir))  # a run killed while moving its outputs into place
    path = Path(run_dir) / "map.json"
    if not Path(run_dir).is_dir():
        raise UsageError(f"{run_dir}: no such run folder; give the --out folder of `insights run`")
    try:
        return JourneyMap.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise UsageError(
            f"{path} is missing; run `insights run INPUT… --out {run_dir}` first"
        ) from None
    except OSError as exc:  # a folder named map.json, no permission…
        raise UsageError(
            f"{path} cannot be read ({exc.strerror or exc}); "
            f"run `insights run INPUT… --out {run_dir}` again"
        ) from None
    except ValidationError as exc:
        raise UsageError(
            f"{path} is not a valid map ({exc.error_count()} problems); "
            f"run `insights run INPUT… --out {run_dir}` again"
        ) from None


def load_state(run_dir: Path, *, data: RunData | None = None) -> ReviewState:
    """Read map.json and the journal, and replay the journal onto the map.

    Args:
        run_dir: the run folder.
        data: already-loaded statements of this run (reused, not re-read).
    """
    run_dir = Path(run_dir)
    base = load_base_map(run_dir)
    journal = read_journal(journal_path(run_dir))
    data = data or RunData(run_dir)
    replayer = replay(base, journal.decisions, data=data)
    return ReviewState(
        run_dir=run_dir,
        base=base,
        decisions=journal.decisions,
        replayer=replayer,
        reviewed=replayer.result(),
        report=replayer.report(journal.warnings),
        data=data,
    )


def review_queue(state: ReviewState) -> list[Proposal]:
    """Proposals still to review, in review order (see the module docstring)."""
    pending = [
        p
        for p in [*state.reviewed.pain_points, *state.reviewed.delights]
        if p.status is Status.PROPOSED
    ]
    skipped = {item_id: n for n, item_id in enumerate(state.replayer.skipped)}
    created: dict[str, int] = {}
    for n, item_id in enumerate(state.replayer.created):
        created.setdefault(item_id, n)
    fresh = [p for p in pending if p.id not in skipped]
    new = sorted((p for p in fresh if p.id in created), key=lambda p: created[p.id])
    rest = [p for p in fresh if p.id not in created]
    return new + rest + sorted((p for p in pending if p.id in skipped), key=lambda p: skipped[p.id])


def progress(state: ReviewState) -> tuple[int, int]:
    """(proposals reviewed, proposals in the map)."""
    proposals = [*state.reviewed.pain_points, *state.reviewed.delights]
    return sum(p.status is not Status.PROPOSED for p in proposals), len(proposals)


def record(state: ReviewState, specs: Sequence[DecisionSpec]) -> ReviewState:
    """Check every spec against the map, then append them all to the journal.

    All or nothing: when one spec names an unknown id or does not apply, a
    `UsageError` says which and the journal is left as it was.

    Returns:
        The state after the new decisions.
    """
    decisions = list(state.decisions)
    replayer = state.replayer.copy()
    made: list[Decision] = []
    for spec in specs:
        decision = make_decision(spec, replayer, decisions)
        if decision.type.value == "undo":
            replayer = replay(state.base, [*decisions, decision], data=state.data)
        else:
            reason = replayer.apply(decision)
            if reason is not None:
                raise UsageError(f"{spec.describe()}: {reason}; nothing was recorded")
        decisions.append(decision)
        made.append(decision)
    if made:
        append_decisions(journal_path(state.run_dir), made)
    return load_state(state.run_dir, data=state.data)
