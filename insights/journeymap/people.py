"""Personas for the map: groups of respondents with evidence, names and lifts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from insights.cluster.personas import PersonaGroups, attribute_table
from insights.journeymap.model import AttributeLift, Label, Persona, Proposal
from insights.journeymap.quotes import make_quotes
from insights.schema import Col

__all__ = ["build_personas"]

_MIN_LIFT = 1.2
_MIN_SHARE = 0.3
_N_QUOTES = 3
_MIN_PROPOSAL_SHARE = 0.05
_POSITIVE = 0.2


def _lifts(attrs: pd.DataFrame, in_group: np.ndarray) -> list[AttributeLift]:
    lifts = []
    for col in attrs.columns:
        values = attrs[col].fillna("").str.strip()
        overall = values[values != ""].value_counts(normalize=True)
        group = values[in_group]
        inside = group[group != ""].value_counts(normalize=True)
        for value, share in inside.items():
            lift = share / overall[value]
            if share >= _MIN_SHARE and lift >= _MIN_LIFT:
                lifts.append(
                    AttributeLift(
                        attribute=str(col),
                        value=str(value),
                        share=round(float(share), 3),
                        lift=round(float(lift), 2),
                    )
                )
    return sorted(lifts, key=lambda a: (-a.lift * a.share, a.attribute, a.value))[:6]


def _top(members: pd.DataFrame, proposals: Sequence[Proposal], n: int = 3) -> list[Proposal]:
    counts = members.groupby(Col.CLUSTER_ID.value)[Col.RESPONDENT_ID.value].nunique()
    ranked = [p for p in proposals if p.id in counts.index]
    return sorted(ranked, key=lambda p: (-counts[p.id], p.id))[:n]


def _distinctive(
    members: pd.DataFrame, units: pd.DataFrame, proposals: Sequence[Proposal]
) -> Proposal | None:
    """The proposal most over-represented among the members' respondents (lift × share)."""
    rid = Col.RESPONDENT_ID.value
    inside = members.groupby(Col.CLUSTER_ID.value)[rid].nunique() / max(members[rid].nunique(), 1)
    overall = units.groupby(Col.CLUSTER_ID.value)[rid].nunique() / max(units[rid].nunique(), 1)
    scored = [
        (inside[p.id] * inside[p.id] / overall[p.id], p.id, p)
        for p in proposals
        if p.id in inside.index and inside[p.id] >= _MIN_PROPOSAL_SHARE
    ]
    return max(scored, key=lambda t: (t[0], t[1]))[2] if scored else None


def _who(lifts: list[AttributeLift], mean: float) -> str:
    if not lifts:
        return "Enthusiasts" if mean > _POSITIVE else "Customers"
    top = lifts[0]
    value = top.value.strip()
    if value.replace(".", "", 1).replace(",", "", 1).isdigit():
        label = top.attribute.strip()
        return f"{label[:1].upper()}{label[1:]} {value}"
    return value[:1].upper() + value[1:]


def _name(who: str, pain: Proposal | None, delight: Proposal | None, mean: float) -> str:
    if delight is not None and (mean > _POSITIVE or pain is None):
        return f"{who} who value {delight.label.text.lower()}"
    if pain is not None:
        return f"{who} hit by {pain.label.text.lower()}"
    return f"{who}, mostly {'positive' if mean >= 0 else 'critical'}"


def _central(units: pd.DataFrame, embeddings: np.ndarray, member_pos: np.ndarray) -> list[int]:
    centre = embeddings[member_pos].mean(axis=0)
    order = np.argsort(-(embeddings[member_pos] @ centre), kind="stable")
    chosen, seen = [], set()
    for pos in member_pos[order]:
        rid = units.iloc[int(pos)][Col.RESPONDENT_ID.value]
        if rid not in seen:
            chosen.append(int(pos))
            seen.add(rid)
        if len(chosen) == _N_QUOTES:
            break
    return chosen


def build_personas(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    respondents: pd.DataFrame,
    groups: PersonaGroups,
    *,
    pains: Sequence[Proposal],
    delights: Sequence[Proposal],
) -> list[Persona]:
    """One `Persona` per group, in group order (largest first)."""
    ids = np.array(groups.respondent_ids, dtype=object)
    attrs = attribute_table(respondents, groups.respondent_ids)
    personas = []
    for g in range(groups.k):
        in_group = groups.labels == g
        member_ids = set(ids[in_group])
        member_pos = np.flatnonzero(units[Col.RESPONDENT_ID.value].isin(member_ids).to_numpy())
        members = units.iloc[member_pos]
        mean = float(members[Col.SENTIMENT_SCORE.value].astype(float).mean())
        lifts = _lifts(attrs, in_group)
        top_pains = _top(members, pains)
        name = _name(
            _who(lifts, mean),
            _distinctive(members, units, pains),
            _distinctive(members, units, delights),
            mean,
        )
        personas.append(
            Persona(
                id=f"persona-{g + 1}",
                name=Label(text=name),
                size=int(in_group.sum()),
                share=round(float(in_group.mean()), 4),
                traits=[f"{a.attribute}: {a.value} (×{a.lift})" for a in lifts],
                attribute_lifts=lifts,
                top_pains=[p.id for p in top_pains],
                goals=[d.label.text for d in _top(members, delights)],
                mean_sentiment=round(mean, 4),
                quotes=make_quotes(units, _central(units, embeddings, member_pos)),
                respondent_ids=sorted(member_ids),
            )
        )
    return personas
