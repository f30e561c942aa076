"""Turn a person's decision spec into a journal decision: full ids, stage ids, split parts.

Ids: an exact id, an id merged away earlier (it names the merged proposal), or
an unambiguous prefix with or without the ``P-``/``D-`` part (``P-8714``,
``8714``), case-insensitive. Stages: an id or a stage name in any language, or
``none``. Quotes: a number (1 = first quote shown) or a unit id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from insights.errors import UsageError
from insights.journeymap.model import Persona, Proposal
from insights.review.apply import NotApplicable, Replayer
from insights.review.decisions import Decision, DecisionType, last_undoable, new_decision
from insights.review.rebuild import label_parts, split_members
from insights.review.script import DecisionSpec

__all__ = ["find_id", "find_stage", "make_decision"]

T = DecisionType
_NO_STAGE = {"none", "-", ""}


def find_id(text: str, replayer: Replayer) -> str:
    """The id a person means by `text` (see the module docstring)."""
    wanted = str(text).strip()
    if wanted in replayer.items or wanted in replayer.aliases:
        return _current(wanted, replayer)
    low = wanted.lower()
    names = sorted({*replayer.items, *replayer.aliases})
    hits = [
        i
        for i in names
        if low and (i.lower().startswith(low) or i.lower().split("-", 1)[-1].startswith(low))
    ]
    if len({_current(h, replayer) for h in hits}) == 1:
        return _current(hits[0], replayer)
    run_dir = replayer.data.run_dir
    if not hits:
        if wanted in replayer.parts_of:
            parts = ", ".join(replayer.parts_of[wanted])
            raise UsageError(f"{wanted} was split into {parts}; name one of those")
        raise UsageError(
            f"no proposal or persona {wanted!r} in {run_dir}; "
            f"see the ids with `insights review {run_dir} --list`"
        )
    shown = ", ".join(hits[:5]) + (", …" if len(hits) > 5 else "")
    raise UsageError(f"{wanted!r} matches {len(hits)} ids ({shown}); give more characters")


def _current(item_id: str, replayer: Replayer) -> str:
    try:
        return replayer.resolve(item_id, {})
    except NotApplicable as exc:
        raise UsageError(f"{item_id}: {exc}") from None


def find_stage(text: str | None, replayer: Replayer) -> str | None:
    """The stage id a person means: an id or a label in any language; None for none."""
    if text is None or str(text).strip().lower() in _NO_STAGE:
        return None
    wanted = str(text).strip().lower()
    for stage in replayer.base.taxonomy.stages:
        labels = stage.get("label")
        names = {str(stage["id"]).lower()}
        names |= {str(v).lower() for v in labels.values()} if isinstance(labels, dict) else set()
        if wanted in names:
            return str(stage["id"])
    choices = ", ".join(replayer.stage_ids)
    raise UsageError(f"unknown stage {text!r}; use one of {choices} (or none)")


def _members(item: Proposal | Persona) -> list[str]:
    return list(item.unit_ids if isinstance(item, Proposal) else item.respondent_ids)


def _proposal(item_id: str, replayer: Replayer, action: str) -> Proposal:
    item = replayer.items[item_id]
    if not isinstance(item, Proposal):
        raise UsageError(f"{item_id} is a persona; {action} applies to pain points and delights")
    return item


def _quote_unit(which: Any, proposal: Proposal) -> str:
    text = str(which).strip()
    if text.isdigit():
        number = int(text)
        if not 1 <= number <= len(proposal.quotes):
            raise UsageError(
                f"{proposal.id} has {len(proposal.quotes)} quotes; give a number from 1 "
                f"to {len(proposal.quotes)}"
            )
        return proposal.quotes[number - 1].unit_id
    return text


def _split_values(item_id: str, replayer: Replayer, parts: Any) -> dict[str, Any]:
    proposal = _proposal(item_id, replayer, "split")
    data = replayer.data
    count = int(parts) if parts not in (None, "", 0) else None
    seed = replayer.base.run.params.get("seed", 0)
    groups = split_members(
        proposal.unit_ids,
        data.vectors(proposal.unit_ids),
        parts=count,
        seed=seed if isinstance(seed, int) else 0,
    )
    return {"parts": label_parts(data, groups, data.nlp)}


def _values(spec: DecisionSpec, ids: list[str], replayer: Replayer) -> dict[str, Any]:
    values = dict(spec.values)
    if spec.type in (T.MOVE, T.OPPORTUNITY):
        values["stage"] = find_stage(values.get("stage"), replayer)
    if spec.type in (T.RENAME, T.SUMMARY, T.OPPORTUNITY):
        values["text"] = str(values.get("text", "")).strip()
        if not values["text"]:
            raise UsageError(f"{spec.describe()}: the text is empty; give the new text")
    if spec.type is T.QUOTE:
        proposal = _proposal(ids[0], replayer, "quote")
        values = {"action": values["action"], "unit_id": _quote_unit(values["quote"], proposal)}
    if spec.type is T.SPLIT:
        values = _split_values(ids[0], replayer, values.get("parts"))
    return values


def make_decision(spec: DecisionSpec, replayer: Replayer, history: Sequence[Decision]) -> Decision:
    """A journal decision for `spec`, resolved against the map `replayer` holds now.

    Args:
        spec: the decision as the person wrote it.
        replayer: the map with every earlier decision applied.
        history: the journal so far (undo cancels its latest effective decision).

    Raises:
        UsageError: an id, stage or quote is unknown, or there is nothing to undo.
    """
    if spec.type is T.UNDO:
        last = last_undoable(history)
        if last is None:
            raise UsageError("nothing to undo: no decision recorded yet")
        return new_decision(T.UNDO, values={"decision": last.id})
    ids = list(dict.fromkeys(find_id(t, replayer) for t in spec.targets))
    if spec.type is T.MERGE and len(ids) < 2:
        raise UsageError(f"{spec.describe()}: name two different proposals to merge")
    members = {i: _members(replayer.items[i]) for i in ids}
    return new_decision(spec.type, ids, _values(spec, ids, replayer), members)
