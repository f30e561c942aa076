"""What a replay produces: the reviewed map and the report of what applied."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from insights.journeymap.model import JourneyMap, Persona, Proposal, ProposalKind

if TYPE_CHECKING:
    from insights.review.apply import Replayer

__all__ = ["NotApplicable", "ReplayReport", "reviewed_map", "successor"]


@dataclass(frozen=True)
class ReplayReport:
    """How a journal replayed onto a map.

    Attributes:
        applied: decisions that changed the map.
        unapplied: one line per decision that could not be applied, saying why.
        rematched: one line per target found by member overlap instead of by id.
        warnings: journal lines that were skipped (torn or edited).
    """

    applied: int
    unapplied: list[str]
    rematched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class NotApplicable(Exception):
    """A decision does not apply to the current map (the reason is the message)."""


def successor(
    item_id: str,
    items: Mapping[str, object],
    aliases: Mapping[str, str],
    parts_of: Mapping[str, list[str]],
) -> str | None:
    """Where a link to `item_id` points now: merged → the merged one, split → its largest part."""
    seen: set[str] = set()
    while item_id not in items and item_id not in seen:
        seen.add(item_id)
        if item_id in aliases:
            item_id = aliases[item_id]
        elif item_id in parts_of:
            item_id = parts_of[item_id][0]
        else:
            return None
    return item_id if item_id in items else None


def _links(ids: Sequence[str], follow: Callable[[str], str | None]) -> list[str]:
    return list(dict.fromkeys(s for s in (follow(i) for i in ids) if s))


def reviewed_map(replayer: Replayer) -> JourneyMap:
    """The replayer's base map with its proposals, personas and opportunities, links updated."""
    from insights.journeymap.proposals import sort_by_severity

    def follow(item_id: str) -> str | None:
        return successor(item_id, replayer.items, replayer.aliases, replayer.parts_of)

    items = list(replayer.items.values())
    proposals = [i for i in items if isinstance(i, Proposal)]
    personas = [
        p.model_copy(update={"top_pains": _links(p.top_pains, follow)})
        for p in items
        if isinstance(p, Persona)
    ]
    moments = [
        m.model_copy(update={"proposal_id": m.proposal_id and follow(m.proposal_id)})
        for m in replayer.base.moments_of_truth
    ]
    return replayer.base.model_copy(
        update={
            "pain_points": sort_by_severity([p for p in proposals if p.kind is ProposalKind.PAIN]),
            "delights": sort_by_severity([p for p in proposals if p.kind is ProposalKind.DELIGHT]),
            "personas": personas,
            "moments_of_truth": moments,
            "opportunities": list(replayer.opportunities),
        }
    )
