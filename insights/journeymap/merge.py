"""Fold a run's map into an existing journey map (`insights merge RUN --into map.json`).

What is merged:
    Pain points and delights whose review status is ``accepted`` (with
    ``accepted_only=False``: every one not ``rejected``), personas under the
    same rule, every opportunity (people write them during review) and every
    moment of truth (statistics of the emotion curve). The run's stages
    (emotion curve), stats, run info and taxonomy labels replace the map's:
    a run is expected to cover the material already in the map (re-run
    `insights run` on the grown corpus). ``sources`` keeps every file ever
    merged, the latest read of a file replacing an earlier one.

Stable ids:
    A run's item takes the id of the map item it matches. Proposals match by
    id first (an id hashes its members: same members, same id), then by member
    overlap: the Jaccard index of the two ``unit_ids`` sets, counted only over
    statements both maps placed in some pain point or delight, so statements
    new to the run (or unclustered in the map) don't dilute it. A pair matches
    when that index is at least ``MATCH_THRESHOLD`` (0.5, in
    `insights.journeymap.match`: the shared statements are at least half of
    the pair's, so two disjoint clusters can't both pass); pairs are taken
    best first, one to one, pains with pains and delights with delights.
    Personas match the same way on ``respondent_ids`` (their ids are
    positional, so never by id), moments of truth by id
    (``mot-<stage>``), opportunities by text (case and spacing ignored). A new
    item keeps its run id unless the map already uses it (then the next free
    number). References (a persona's top pains, a moment's proposal, an
    opportunity's proposals, a stage's persona means) are renamed to the
    map's ids; those to items not merged are dropped.

What a matched item gets:
    Labels a person wrote or checked (label, summary, persona name,
    opportunity text with ``origin == "human"`` or ``checked``) are never
    overwritten; model labels take the run's. A review status other than
    ``proposed`` is kept. A proposal's stage is kept when a person moved it
    (it is not the top stage of its own distribution). Everything else the
    model computes (frequency, severity, sentiment, distributions, key
    phrases, members) is the run's. Quotes are a union by ``unit_id``: the
    map's quotes first, as they are (edited text and ``representative``
    flags stay), then the run's new ones. Items the run doesn't hold are kept
    as they are, never deleted.

New items and idempotence:
    Each run is recorded once in ``merges`` under its fingerprint (a hash of
    its map's content, no clock time). Items carry ``first_seen`` and
    ``last_seen`` (fingerprints; ``None`` for items from before merge
    tracking) and ``new``: first seen in the latest recorded merge. Merging
    the same run again finds its record and matches every item to itself, so
    ``merge_maps(merge_maps(m, r).map, r).map == merge_maps(m, r).map``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from insights.errors import TaxonomyError
from insights.journeymap.combine import (
    combine_moment,
    combine_opportunity,
    combine_persona,
    combine_proposal,
)
from insights.journeymap.match import Pairs, free_id, match_items, overlap_scores
from insights.journeymap.model import (
    SCHEMA_VERSION,
    JourneyMap,
    MergeRecord,
    MomentOfTruth,
    Opportunity,
    Persona,
    Proposal,
    Source,
    Status,
)

__all__ = ["MergeResult", "empty_like", "merge_maps", "run_id"]

_TRACKING = {"new", "first_seen", "last_seen"}

Item = TypeVar("Item", Proposal, Persona, MomentOfTruth, Opportunity)


@dataclass(frozen=True)
class MergeResult:
    """The merged map and what the merge did to the run's items.

    Attributes:
        map: The merged map.
        added: Run items that were new to the map.
        updated: Run items that matched a map item and changed it.
        unchanged: Run items that matched a map item and left it as it was.
        kept: Map items the run doesn't hold (kept as they are).
        skipped: Run proposals and personas left out by their review status.
        notes: One line per item matched by overlap rather than by id.
    """

    map: JourneyMap
    added: int
    updated: int
    unchanged: int
    kept: int
    skipped: int
    notes: tuple[str, ...] = ()


@dataclass
class _Tally:
    run: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def run_id(journey_map: JourneyMap) -> str:
    """The fingerprint a merge records for a run: a hash of its map's content."""
    text = json.dumps(journey_map.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return "run-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def empty_like(journey_map: JourneyMap) -> JourneyMap:
    """A map with `journey_map`'s header and no items: what a first merge starts from."""
    empty: dict[str, list[object]] = {
        "sources": [],
        "pain_points": [],
        "delights": [],
        "moments_of_truth": [],
        "personas": [],
        "opportunities": [],
        "merges": [],
    }
    return journey_map.model_copy(update=empty)


def _stage_ids(journey_map: JourneyMap) -> list[str]:
    return [str(stage.get("id")) for stage in journey_map.taxonomy.stages]


def _check_taxonomy(existing: JourneyMap, incoming: JourneyMap) -> None:
    old, new = _stage_ids(existing), _stage_ids(incoming)
    if old != new:
        raise TaxonomyError(
            f"cannot merge: the map's taxonomy '{existing.taxonomy.id}' has stages "
            f"{', '.join(old)} but the run's '{incoming.taxonomy.id}' has {', '.join(new)}; "
            f"re-run `insights run` with --taxonomy {existing.taxonomy.id} "
            "(or its YAML file), or merge into a new map file"
        )


def _wanted(status: Status, accepted_only: bool) -> bool:
    return status is Status.ACCEPTED or (not accepted_only and status is Status.PROPOSED)


def _without_tracking(item: Item) -> dict[str, object]:
    return item.model_dump(exclude=_TRACKING)


def _fold(
    existing: Sequence[Item],
    incoming: Sequence[Item],
    pairs: Pairs,
    combine: Callable[[Item, Item], Item],
    tally: _Tally,
) -> tuple[list[Item], dict[str, str]]:
    """Merge matched items in place, append new ones; return them and run id → map id."""
    merged, ids = list(existing), {}
    taken = {item.id for item in existing}
    for m, item in enumerate(incoming):
        if m in pairs:
            e, score = pairs[m]
            old = existing[e]
            new = combine(old, item).model_copy(
                update={"id": old.id, "first_seen": old.first_seen, "last_seen": tally.run}
            )
            same = _without_tracking(new) == _without_tracking(old)
            tally.unchanged += same
            tally.updated += not same
            if score is not None and item.id != old.id:
                tally.notes.append(f"{item.id} matched {old.id} (member overlap {score:.2f})")
            merged[e], ids[item.id] = new, old.id
        else:
            new_id = free_id(item.id, taken)
            taken.add(new_id)
            update = {"id": new_id, "first_seen": tally.run, "last_seen": tally.run}
            merged.append(item.model_copy(update=update))
            ids[item.id] = new_id
            tally.added += 1
    tally.kept += len(existing) - len(pairs)
    return merged, ids


def _proposals(
    existing: JourneyMap, incoming: JourneyMap, accepted_only: bool, tally: _Tally
) -> tuple[list[Proposal], list[Proposal], dict[str, str]]:
    known_e = {u for p in [*existing.pain_points, *existing.delights] for u in p.unit_ids}
    known_i = {u for p in [*incoming.pain_points, *incoming.delights] for u in p.unit_ids}
    folded: list[list[Proposal]] = []
    ids: dict[str, str] = {}
    pools = ((existing.pain_points, incoming.pain_points), (existing.delights, incoming.delights))
    for old, everything in pools:
        new = [p for p in everything if _wanted(p.status, accepted_only)]
        tally.skipped += len(everything) - len(new)
        scores = overlap_scores(
            [set(p.unit_ids) for p in old],
            [set(p.unit_ids) for p in new],
            existing_known=known_e,
            incoming_known=known_i,
        )
        pairs = match_items([p.id for p in old], [p.id for p in new], scores)
        items, renamed = _fold(old, new, pairs, combine_proposal, tally)
        folded.append(items)
        ids.update(renamed)
    return folded[0], folded[1], ids


def _personas(
    existing: JourneyMap,
    incoming: JourneyMap,
    accepted_only: bool,
    tally: _Tally,
    pains: dict[str, str],
) -> tuple[list[Persona], dict[str, str]]:
    new = [
        p.model_copy(update={"top_pains": _rename(p.top_pains, pains)})
        for p in incoming.personas
        if _wanted(p.status, accepted_only)
    ]
    tally.skipped += len(incoming.personas) - len(new)
    scores = overlap_scores(
        [set(p.respondent_ids) for p in existing.personas],
        [set(p.respondent_ids) for p in new],
        existing_known={r for p in existing.personas for r in p.respondent_ids},
        incoming_known={r for p in incoming.personas for r in p.respondent_ids},
    )
    pairs = match_items([None] * len(existing.personas), [None] * len(new), scores)
    return _fold(existing.personas, new, pairs, combine_persona, tally)


def _rename(refs: Iterable[str], ids: dict[str, str]) -> list[str]:
    """References renamed to the map's ids; those to items not merged dropped."""
    return [ids[ref] for ref in refs if ref in ids]


def _rename_keys(values: dict[str, float | None], ids: dict[str, str]) -> dict[str, float | None]:
    return {ids[key]: value for key, value in values.items() if key in ids}


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _moments_and_opportunities(
    existing: JourneyMap, incoming: JourneyMap, tally: _Tally, ids: dict[str, str]
) -> tuple[list[MomentOfTruth], list[Opportunity]]:
    moments = [
        m.model_copy(update={"proposal_id": ids.get(m.proposal_id or "")})
        for m in incoming.moments_of_truth
    ]
    pairs = match_items([m.id for m in existing.moments_of_truth], [m.id for m in moments])
    merged_moments, _ = _fold(existing.moments_of_truth, moments, pairs, combine_moment, tally)
    opportunities = [
        o.model_copy(update={"proposal_ids": _rename(o.proposal_ids, ids)})
        for o in incoming.opportunities
    ]
    pairs = match_items(
        [_normal(o.text.text) for o in existing.opportunities],
        [_normal(o.text.text) for o in opportunities],
    )
    merged_opps, _ = _fold(existing.opportunities, opportunities, pairs, combine_opportunity, tally)
    return merged_moments, merged_opps


def _sources(old: Sequence[Source], new: Sequence[Source]) -> list[Source]:
    by_name = {source.source: source for source in old}
    by_name.update({source.source: source for source in new})
    return list(by_name.values())


def _merges(existing: JourneyMap, incoming: JourneyMap, run: str) -> list[MergeRecord]:
    if any(record.id == run for record in existing.merges):
        return list(existing.merges)
    record = MergeRecord(
        id=run,
        sources=[source.source for source in incoming.sources],
        units=incoming.stats.units,
        respondents=incoming.stats.respondents,
    )
    return [*existing.merges, record]


def _flag_new(items: Sequence[Item], latest: str) -> list[Item]:
    return [item.model_copy(update={"new": item.first_seen == latest}) for item in items]


def merge_maps(
    existing: JourneyMap, incoming: JourneyMap, *, accepted_only: bool = True
) -> MergeResult:
    """Fold a run's map into an existing map; see the module docstring for the rules.

    Args:
        existing: The map to merge into (`empty_like(incoming)` for a first merge).
        incoming: The run's map, with review decisions applied.
        accepted_only: Merge only accepted proposals and personas; if false,
            also those not reviewed yet (rejected ones never).

    Returns:
        The merged map (neither input is changed) and what happened.

    Raises:
        TaxonomyError: The two maps' taxonomies have different stages.
    """
    _check_taxonomy(existing, incoming)
    tally = _Tally(run=run_id(incoming))
    pains, delights, ids = _proposals(existing, incoming, accepted_only, tally)
    personas, persona_ids = _personas(existing, incoming, accepted_only, tally, ids)
    moments, opportunities = _moments_and_opportunities(existing, incoming, tally, ids)
    merges = _merges(existing, incoming, tally.run)
    latest = merges[-1].id
    stages = [
        stage.model_copy(update={"by_persona": _rename_keys(stage.by_persona, persona_ids)})
        for stage in incoming.stages
    ]
    merged = incoming.model_copy(
        update={
            "schema_version": SCHEMA_VERSION,
            "sources": _sources(existing.sources, incoming.sources),
            "stages": stages,
            "pain_points": _flag_new(pains, latest),
            "delights": _flag_new(delights, latest),
            "moments_of_truth": _flag_new(moments, latest),
            "personas": _flag_new(personas, latest),
            "opportunities": _flag_new(opportunities, latest),
            "merges": merges,
        }
    )
    return MergeResult(
        map=merged,
        added=tally.added,
        updated=tally.updated,
        unchanged=tally.unchanged,
        kept=tally.kept,
        skipped=tally.skipped,
        notes=tuple(tally.notes),
    )
