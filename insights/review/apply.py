"""Replay review decisions onto a journey map.

Decisions are applied in journal order (undone ones skipped). Each names its
targets by id; a target is found by this rule:

1. its id is in the map → that proposal (or persona: persona ids are numbers,
   so a persona must also still share half its respondents, else rule 3);
2. it was merged earlier in the replay → the merged proposal; it was split →
   the decision does not apply (its parts have new ids);
3. otherwise (after a re-run, ids change when members change) → the proposal
   of the same kind whose statements overlap most with the target's statements
   when the decision was made (Jaccard similarity of unit ids, respondent ids
   for personas), if that overlap is at least 0.5; ties go to the smaller id;
4. otherwise the decision is *unapplied* and listed in the `ReplayReport`.

Edits by a person set the label's origin to ``human`` and ``checked``; accept and
reject set the status. A merge keeps the first target's status, the first
human-written label and summary among its targets (else the first target's)
and a stage moved by hand, and recomputes the rest from the statements; a
split's parts are new proposals (status ``proposed``). Persona ``top_pains``
and moment-of-truth links follow merges (to the merged proposal) and splits
(to the largest part).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from insights.journeymap.model import (
    JourneyMap,
    Label,
    LabelOrigin,
    Opportunity,
    Persona,
    Proposal,
    ProposalKind,
    Status,
)
from insights.review.decisions import MAP_TYPES, Decision, describe, effective
from insights.review.outcome import NotApplicable, ReplayReport, reviewed_map
from insights.review.rebuild import RunData, build_from_members, regroup, stage_names

__all__ = ["MIN_OVERLAP", "NotApplicable", "ReplayReport", "Replayer", "replay"]

MIN_OVERLAP = 0.5
Item = Proposal | Persona


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _family(item_id: str) -> str:
    return item_id.rsplit("-", 1)[0]


def _members(item: Item) -> list[str]:
    return item.unit_ids if isinstance(item, Proposal) else item.respondent_ids


def _human(text: str) -> Label:
    return Label(text=text.strip(), origin=LabelOrigin.HUMAN, checked=True)


class Replayer:
    """Applies decisions one by one to a working copy of a map."""

    def __init__(self, base: JourneyMap, data: RunData) -> None:
        self.base = base
        self.data = data
        self.items: dict[str, Item] = {p.id: p for p in [*base.pain_points, *base.delights]}
        self.items.update({p.id: p for p in base.personas})
        self.opportunities: list[Opportunity] = list(base.opportunities)
        self.aliases: dict[str, str] = {}
        self.parts_of: dict[str, list[str]] = {}
        self.moved: set[str] = set()
        self.pinned: set[str] = set()
        self.dropped: set[str] = set()
        self.skipped: list[str] = []
        self.created: list[str] = []
        self.applied = 0
        self.unapplied: list[str] = []
        self.rematched: list[str] = []
        self.stage_ids = [str(s["id"]) for s in base.taxonomy.stages]

    def copy(self) -> Replayer:
        """An independent copy (items are replaced, never changed in place)."""
        other = Replayer.__new__(Replayer)
        other.__dict__.update({k: _copy(v) for k, v in self.__dict__.items()})
        return other

    def apply(self, decision: Decision) -> str | None:
        """Apply one decision; return why it does not apply, or None when it did."""
        handler: Callable[[Decision], None] = getattr(self, f"_{decision.type.value}")
        try:
            handler(decision)
        except NotApplicable as exc:
            if decision.type in MAP_TYPES:
                self.unapplied.append(f"{describe(decision)} [{decision.id}]: {exc}")
            return str(exc)
        self.applied += decision.type in MAP_TYPES
        return None

    # -- finding targets -------------------------------------------------------------

    def resolve(self, target: str, members: dict[str, list[str]]) -> str:
        """The current id of `target` (see the module docstring), or NotApplicable."""
        stored = set(members.get(target, []))
        if target in self.items and stored and not self._same_members(target, stored):
            return self._overlap_match(target, stored)  # a persona id now names another group
        current, seen = target, set()
        while current in self.aliases and current not in seen:
            seen.add(current)
            current = self.aliases[current]
        if current in self.items:
            return current
        if current in self.parts_of:
            raise NotApplicable(f"{target} was split into {', '.join(self.parts_of[current])}")
        return self._overlap_match(target, stored)

    def _same_members(self, item_id: str, stored: set[str]) -> bool:
        return _jaccard(stored, set(_members(self.items[item_id]))) >= MIN_OVERLAP

    def _overlap_match(self, target: str, stored: set[str]) -> str:
        family = _family(target)
        scored = sorted(
            (-_jaccard(stored, set(_members(item))), item_id)
            for item_id, item in self.items.items()
            if _family(item_id) == family
        )
        if stored and scored and -scored[0][0] >= MIN_OVERLAP:
            score, best = -scored[0][0], scored[0][1]
            self.aliases[target] = best
            what = "respondents" if family == "persona" else "statements"
            self.rematched.append(f"{target} → {best} ({score:.0%} of {what} shared)")
            return best
        raise NotApplicable(
            f"{target} is not in the map and nothing shares {MIN_OVERLAP:.0%} of its members"
        )

    def _target(self, d: Decision, index: int = 0) -> tuple[str, Item]:
        item_id = self.resolve(d.targets[index], d.members)
        return item_id, self.items[item_id]

    def _proposal(self, d: Decision) -> tuple[str, Proposal]:
        item_id, item = self._target(d)
        if not isinstance(item, Proposal):
            raise NotApplicable(f"{d.type.value} applies to pain points and delights, not personas")
        return item_id, item

    def _update(self, item_id: str, **changes: object) -> None:
        self.items[item_id] = self.items[item_id].model_copy(update=changes)

    def _check_stage(self, stage: str | None) -> None:
        if stage is not None and stage not in self.stage_ids:
            raise NotApplicable(f"stage {stage!r} is not one of {', '.join(self.stage_ids)}")

    # -- one method per decision type --------------------------------------------------

    def _accept(self, d: Decision) -> None:
        self._update(self._target(d)[0], status=Status.ACCEPTED)

    def _reject(self, d: Decision) -> None:
        self._update(self._target(d)[0], status=Status.REJECTED)

    def _rename(self, d: Decision) -> None:
        item_id, item = self._target(d)
        field_name = "label" if isinstance(item, Proposal) else "name"
        self._update(item_id, **{field_name: _human(d.values["text"])})

    def _summary(self, d: Decision) -> None:
        self._update(self._proposal(d)[0], summary=_human(d.values["text"]))

    def _move(self, d: Decision) -> None:
        item_id, _ = self._proposal(d)
        self._check_stage(d.values["stage"])
        self._update(item_id, stage=d.values["stage"])
        self.moved.add(item_id)

    def _quote(self, d: Decision) -> None:
        item_id, item = self._proposal(d)
        unit = str(d.values["unit_id"])
        if unit not in item.unit_ids:
            raise NotApplicable(f"{unit} is not a statement of {item_id}")
        others = [q for q in item.quotes if q.unit_id != unit]
        if d.values["action"] == "drop":
            self.dropped.add(unit)
            self.pinned.discard(unit)
            self._update(item_id, quotes=others)
            return
        from insights.journeymap.quotes import make_quotes

        found = [q for q in item.quotes if q.unit_id == unit]
        quote = found[0] if found else make_quotes(self.data.units, [self.data.position[unit]])[0]
        self.pinned.add(unit)
        self.dropped.discard(unit)
        self._update(item_id, quotes=[quote.model_copy(update={"representative": True}), *others])

    def _merge(self, d: Decision) -> None:
        ids = list(dict.fromkeys(self.resolve(t, d.members) for t in d.targets))
        items = [self.items[i] for i in ids]
        if len(ids) < 2:
            raise NotApplicable(f"{' and '.join(d.targets)} are already one proposal ({ids[0]})")
        if not all(isinstance(i, Proposal) for i in items) or len({_family(i) for i in ids}) > 1:
            raise NotApplicable("only pain points with pain points, delights with delights merge")
        proposals = [i for i in items if isinstance(i, Proposal)]
        first = proposals[0]
        members = sorted({u for p in proposals for u in p.unit_ids})
        label = next((p.label for p in proposals if p.label.origin is LabelOrigin.HUMAN), None)
        merged = self._build(members, first.kind, label or first.label, first.key_phrases)
        changes: dict[str, object] = {"status": first.status}
        changes["key_phrases"] = _interleave([p.key_phrases for p in proposals])
        summary = next(
            (p.summary for p in proposals if p.summary.origin is LabelOrigin.HUMAN), None
        )
        if summary is not None:
            changes["summary"] = summary
        moved = next((p for p in proposals if p.id in self.moved), None)
        if moved is not None:
            changes["stage"] = moved.stage
            self.moved.add(merged.id)
        for item_id in ids:
            del self.items[item_id]
            self.aliases[item_id] = merged.id
        self.items[merged.id] = merged.model_copy(update=changes)
        self.created.insert(0, merged.id)

    def _split(self, d: Decision) -> None:
        item_id, item = self._proposal(d)
        parts = d.values["parts"]
        groups = regroup([p["unit_ids"] for p in parts], item.unit_ids, self.data)
        if len(groups) < 2:
            raise NotApplicable(f"{item_id} no longer holds statements of two of its parts")
        children = [
            self._build(
                members,
                item.kind,
                Label(text=str(parts[index].get("label") or item.label.text)),
                [str(k) for k in parts[index].get("key_phrases", [])],
            )
            for index, members in groups
        ]
        del self.items[item_id]
        self.items.update({c.id: c for c in children})
        self.parts_of[item_id] = [c.id for c in children]
        self.created[:0] = [c.id for c in children]

    def _opportunity(self, d: Decision) -> None:
        linked = []
        for target in d.targets:
            try:
                linked.append(self.resolve(target, d.members))
            except NotApplicable as exc:
                self.rematched.append(f"opportunity [{d.id}] kept without {target}: {exc}")
        stage = d.values.get("stage")
        if stage is None and linked:
            first = self.items[linked[0]]
            stage = first.stage if isinstance(first, Proposal) else None
        self._check_stage(stage)
        digest = hashlib.sha256(d.id.encode("utf-8")).hexdigest()[:8]
        self.opportunities.append(
            Opportunity(id=f"O-{digest}", text=_human(d.values["text"]), stage=stage,
                        proposal_ids=linked)
        )  # fmt: skip

    def _skip(self, d: Decision) -> None:
        item_id, _ = self._target(d)
        self.skipped = [s for s in self.skipped if s != item_id] + [item_id]

    def _build(
        self, members: list[str], kind: ProposalKind, label: Label, key_phrases: list[str]
    ) -> Proposal:
        return build_from_members(
            members,
            kind=kind,
            label=label,
            key_phrases=key_phrases,
            data=self.data,
            total_respondents=self.base.stats.respondents,
            stage_names=stage_names(self.base),
            pinned=self.pinned,
            dropped=self.dropped,
        )

    def result(self) -> JourneyMap:
        """The map with every applied decision."""
        return reviewed_map(self)

    def report(self, warnings: Sequence[str] = ()) -> ReplayReport:
        """What the replay applied and what it could not."""
        return ReplayReport(
            self.applied, list(self.unapplied), list(self.rematched), list(warnings)
        )


def _copy(value: object) -> object:
    if isinstance(value, dict | list | set):
        return value.copy()
    return value


def _interleave(lists: Sequence[Sequence[str]], limit: int = 8) -> list[str]:
    longest = max((len(x) for x in lists), default=0)
    merged = [x[i] for i in range(longest) for x in lists if i < len(x)]
    return list(dict.fromkeys(merged))[:limit]


def replay(base: JourneyMap, decisions: Sequence[Decision], *, data: RunData) -> Replayer:
    """Apply the effective decisions (undone ones left out) to `base`, in order.

    Example:
        >>> replayer = replay(journey_map, read_journal(path).decisions, data=RunData(run_dir))
        >>> replayer.result(), replayer.report()
    """
    replayer = Replayer(base, data)
    for decision in effective(decisions):
        replayer.apply(decision)
    return replayer
