"""Review decisions: what a researcher decided about a proposal, as one journal entry.

A decision names its *targets* by proposal (or persona) id and keeps, for each
target, the ids of its member statements at the time it was made (`members`), so
that after a re-run, when ids may have changed, the decision can still find its
proposal by member overlap (see `insights.review.apply`).

Undo is a decision too: it names the decision it cancels. A cancelled decision
stays in the journal but no longer counts (`effective`).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "MAP_TYPES",
    "Decision",
    "DecisionType",
    "describe",
    "effective",
    "last_undoable",
    "new_decision",
]


class DecisionType(str, Enum):
    """Kinds of review decision."""

    ACCEPT = "accept"
    REJECT = "reject"
    RENAME = "rename"
    SUMMARY = "summary"
    MOVE = "move"
    MERGE = "merge"
    SPLIT = "split"
    QUOTE = "quote"
    OPPORTUNITY = "opportunity"
    SKIP = "skip"
    UNDO = "undo"


MAP_TYPES = frozenset(DecisionType) - {DecisionType.SKIP, DecisionType.UNDO}
"""Decision types that change the map (skip only orders the review queue)."""

_TEXT_TYPES = {DecisionType.RENAME, DecisionType.SUMMARY, DecisionType.OPPORTUNITY}
_ONE_TARGET = {
    DecisionType.ACCEPT,
    DecisionType.REJECT,
    DecisionType.RENAME,
    DecisionType.SUMMARY,
    DecisionType.MOVE,
    DecisionType.SPLIT,
    DecisionType.QUOTE,
    DecisionType.SKIP,
}


def _shape_error(d: Decision) -> str | None:
    """What is wrong with a decision's targets or values, or None."""
    t, values = d.type, d.values
    if t in _ONE_TARGET and len(d.targets) != 1:
        return f"{t.value} takes exactly one target"
    if t is DecisionType.MERGE and len(set(d.targets)) < 2:
        return "merge takes two or more distinct targets"
    if t is DecisionType.UNDO and (d.targets or not isinstance(values.get("decision"), str)):
        return "undo names the decision it cancels in values.decision and has no target"
    if t in _TEXT_TYPES and not (isinstance(values.get("text"), str) and values["text"].strip()):
        return f"{t.value} needs a non-empty values.text"
    if t is DecisionType.MOVE and not isinstance(values.get("stage"), str | None):
        return "move needs values.stage (a stage id, or null for none)"
    if t is DecisionType.QUOTE and (
        values.get("action") not in ("pin", "drop") or not isinstance(values.get("unit_id"), str)
    ):
        return "quote needs values.unit_id and values.action pin|drop"
    if t is DecisionType.SPLIT:
        parts = values.get("parts")
        if not isinstance(parts, list) or len(parts) < 2:
            return "split needs values.parts, two or more lists of unit ids"
        if not all(isinstance(p, dict) and p.get("unit_ids") for p in parts):
            return "each split part needs unit_ids"
    return None


class Decision(BaseModel):
    """One review decision, as one line of the journal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    ts: str = Field(description="UTC time it was made, ISO 8601.")
    type: DecisionType
    targets: list[str] = Field(default_factory=list)
    values: dict[str, Any] = Field(default_factory=dict)
    members: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Member unit ids (respondent ids for personas) of each target when decided.",
    )

    @model_validator(mode="after")
    def _check_shape(self) -> Decision:
        problem = _shape_error(self)
        if problem:
            raise ValueError(problem)
        return self


def new_decision(
    type_: DecisionType,
    targets: Sequence[str] = (),
    values: dict[str, Any] | None = None,
    members: dict[str, list[str]] | None = None,
) -> Decision:
    """A new decision with a fresh id and the current UTC time.

    Example:
        >>> new_decision(DecisionType.ACCEPT, ["P-87148aa8"]).type
        <DecisionType.ACCEPT: 'accept'>
    """
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
    return Decision(
        id=f"d-{secrets.token_hex(6)}",
        ts=now,
        type=type_,
        targets=list(targets),
        values=dict(values or {}),
        members=dict(members or {}),
    )


def effective(decisions: Sequence[Decision]) -> list[Decision]:
    """The decisions that count: undo entries and the decisions they cancel removed."""
    undone = {str(d.values["decision"]) for d in decisions if d.type is DecisionType.UNDO}
    return [d for d in decisions if d.type is not DecisionType.UNDO and d.id not in undone]


def last_undoable(decisions: Sequence[Decision]) -> Decision | None:
    """The most recent decision that still counts (what `undo` would cancel)."""
    alive = effective(decisions)
    return alive[-1] if alive else None


def describe(decision: Decision) -> str:
    """One line saying what a decision does, e.g. ``rename P-87148aa8 → "Refund delays"``."""
    targets = " + ".join(decision.targets)
    v = decision.values
    match decision.type:
        case DecisionType.RENAME | DecisionType.SUMMARY | DecisionType.OPPORTUNITY:
            extra = f' → "{v["text"]}"'
        case DecisionType.MOVE:
            extra = f" → stage {v['stage'] or 'none'}"
        case DecisionType.QUOTE:
            extra = f" {v['action']} quote {v['unit_id']}"
        case DecisionType.SPLIT:
            extra = f" into {len(v['parts'])} parts"
        case DecisionType.UNDO:
            extra = f" {v['decision']}"
        case _:
            extra = ""
    return f"{decision.type.value} {targets}{extra}".replace("  ", " ")
