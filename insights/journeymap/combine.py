"""What a merge keeps of a map item and takes from the run's matching item.

People's work wins: labels a person wrote or checked, review decisions, a
stage a person moved, quotes as the map holds them. The model's numbers are
the run's. The rules are described in `insights.journeymap.merge`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from insights.journeymap.model import (
    Label,
    LabelOrigin,
    MomentOfTruth,
    Opportunity,
    Persona,
    Proposal,
    Quote,
    Status,
)

__all__ = [
    "combine_moment",
    "combine_opportunity",
    "combine_persona",
    "combine_proposal",
    "keep_label",
    "keep_status",
    "stage_moved",
    "union_quotes",
]


def keep_label(old: Label, new: Label) -> Label:
    """The map's label when a person wrote or checked it, else the run's."""
    return old if old.origin is LabelOrigin.HUMAN or old.checked else new


def keep_status(old: Status, new: Status) -> Status:
    """The map's review decision, unless it has none yet."""
    return new if old is Status.PROPOSED else old


def union_quotes(old: Sequence[Quote], new: Sequence[Quote]) -> list[Quote]:
    """The map's quotes as they are, then the run's quotes of other statements."""
    seen = {quote.unit_id for quote in old}
    return [*old, *(quote for quote in new if quote.unit_id not in seen)]


def _union(old: Iterable[str], new: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*old, *new]))


def stage_moved(proposal: Proposal) -> bool:
    """A person moved it: its stage is not the top stage of its own distribution."""
    top = next((k for k in proposal.stage_distribution if k != "none"), None)
    return proposal.stage != top


def combine_proposal(old: Proposal, new: Proposal) -> Proposal:
    """The run's pain point or delight, with the map's human work kept."""
    return new.model_copy(
        update={
            "status": keep_status(old.status, new.status),
            "label": keep_label(old.label, new.label),
            "summary": keep_label(old.summary, new.summary),
            "stage": old.stage if stage_moved(old) else new.stage,
            "quotes": union_quotes(old.quotes, new.quotes),
        }
    )


def combine_persona(old: Persona, new: Persona) -> Persona:
    """The run's persona, with the map's name (if a person's), decision and quotes kept."""
    return new.model_copy(
        update={
            "status": keep_status(old.status, new.status),
            "name": keep_label(old.name, new.name),
            "quotes": union_quotes(old.quotes, new.quotes),
        }
    )


def combine_moment(old: MomentOfTruth, new: MomentOfTruth) -> MomentOfTruth:
    """The run's moment of truth: every field of it is a statistic of the curve."""
    return new


def combine_opportunity(old: Opportunity, new: Opportunity) -> Opportunity:
    """The map's opportunity, its stage filled in and its proposals joined with the run's."""
    return old.model_copy(
        update={
            "text": keep_label(old.text, new.text),
            "stage": old.stage or new.stage,
            "proposal_ids": _union(old.proposal_ids, new.proposal_ids),
        }
    )
