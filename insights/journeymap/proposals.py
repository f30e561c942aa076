"""Pain points and delights: clusters of statements turned into proposals with evidence.

Severity (pain points) and strength (delights) share one formula:
``100 × share_of_respondents × intensity``, where intensity is the mean of
``max(0, -sentiment_score)`` for pains (``max(0, sentiment_score)`` for delights).
A pain voiced strongly by a third of respondents scores about 25; one person's
mild grumble scores near 0. Proposals are sorted by it, highest first.

Labels come from key phrases (`insights.cluster.keyphrases`). When the top
phrase is said in fewer than `WEAK_SUPPORT` of a cluster's statements, the
phrases don't name what its members share (e.g. "Idea, idiot" over statements
of confusion at sign-up), and the label says what they do share instead: the
dominant emotion at the dominant stage ("Confusion at awareness").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from insights.journeymap.model import Frequency, Label, Proposal, ProposalKind
from insights.journeymap.quotes import make_quotes
from insights.schema import Col

__all__ = [
    "WEAK_SUPPORT",
    "ClusterEvidence",
    "build_proposal",
    "distribution",
    "phrase_support",
    "severity",
]

WEAK_SUPPORT = 0.1


_MEMBER_COLUMNS = (
    Col.RESPONDENT_ID,
    Col.STAGE,
    Col.EMOTION,
    Col.SENTIMENT_SCORE,
    Col.TOUCHPOINT,
    Col.UNIT_ID,
)


@dataclass(frozen=True)
class ClusterEvidence:
    """What clustering and labelling produced for one cluster."""

    proposal_id: str
    members: np.ndarray
    key_phrases: list[str]
    label: str
    confidence: float
    quote_positions: list[int]


def distribution(values: Iterable[object]) -> dict[str, float]:
    """Shares of each value (missing counted as "none"), largest first, rounded.

    Ties keep the order in which the values first occur, as pandas'
    ``value_counts`` orders them; counted here without building a Series
    (a run builds a few hundred of these).
    """
    counts: dict[str, int] = {}
    for value in values:
        key = "none" if _missing(value) else str(value)
        counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda item: -item[1])  # stable: ties by first occurrence
    return {key: round(count / total, 3) for key, count in ranked}


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def severity(scores: Iterable[float], share: float, kind: ProposalKind) -> float:
    """Severity (pains) or strength (delights); see the module docstring."""
    sign = -1.0 if kind is ProposalKind.PAIN else 1.0
    intensity = float(np.clip(sign * _floats(scores), 0, None).mean())
    return round(100 * share * intensity, 2)


def _floats(values: Iterable[float]) -> np.ndarray:
    """`values` as floats without the missing ones (as pandas' mean skips them)."""
    array = np.asarray(values if isinstance(values, np.ndarray) else list(values), dtype=float)
    return array[~np.isnan(array)]


def phrase_support(phrase: str, texts: Sequence[str]) -> float:
    """Share of `texts` holding every word of `phrase` (by 4-letter stem, case-folded)."""
    stems = [w[:4] for w in phrase.casefold().split()]
    if not stems or not texts:
        return 0.0
    return sum(all(s in t.casefold() for s in stems) for t in texts) / len(texts)


def _fallback_label(stage: str | None, emotions: dict[str, float], names: dict[str, str]) -> str:
    emotion = _dominant(emotions) or "mixed feelings"
    where = f" at {names.get(stage, stage).lower()}" if stage else ""
    return f"{emotion[:1].upper()}{emotion[1:]}{where}"


def _dominant(dist: dict[str, float]) -> str | None:
    return next((k for k in dist if k != "none"), None)


def _summary(
    count: int, respondents: int, stage: str | None, touch: str | None, names: dict[str, str]
) -> str:
    where = f" mostly at {names.get(stage, stage)}" if stage else ""
    via = f", via {touch}" if touch else ""
    return f"{count} statements by {respondents} respondents{where}{via}."


def build_proposal(
    units: pd.DataFrame,
    evidence: ClusterEvidence,
    *,
    kind: ProposalKind,
    total_respondents: int,
    stage_names: dict[str, str],
) -> Proposal:
    """Turn one cluster of `units` (positional members) into a proposal."""
    members = {c: units[c.value].to_numpy()[evidence.members] for c in _MEMBER_COLUMNS}
    respondents = len({r for r in members[Col.RESPONDENT_ID] if not _missing(r)})
    share = respondents / max(total_respondents, 1)
    stages = distribution(members[Col.STAGE])
    stage = _dominant(stages)
    emotions = distribution(members[Col.EMOTION])
    touchpoints = distribution(members[Col.TOUCHPOINT])
    scores = _floats(members[Col.SENTIMENT_SCORE])
    count = len(evidence.members)
    label = evidence.label or _fallback_label(stage, emotions, stage_names)
    return Proposal(
        id=evidence.proposal_id,
        kind=kind,
        label=Label(text=label, confidence=round(evidence.confidence, 3)),
        summary=Label(
            text=_summary(count, respondents, stage, _dominant(touchpoints), stage_names)
        ),
        key_phrases=evidence.key_phrases,
        stage=stage,
        stage_distribution=stages,
        touchpoints=touchpoints,
        emotions=emotions,
        frequency=Frequency(
            units=count, respondents=respondents, share_of_respondents=round(share, 4)
        ),
        mean_sentiment=round(float(scores.mean()), 4),
        severity=severity(scores, share, kind),
        quotes=make_quotes(units, evidence.quote_positions),
        unit_ids=sorted(str(u) for u in members[Col.UNIT_ID]),
    )


def sort_by_severity(proposals: Sequence[Proposal]) -> list[Proposal]:
    """Highest severity first; ties by id, so the order is stable."""
    return sorted(proposals, key=lambda p: (-p.severity, p.id))
