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

from collections.abc import Sequence
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


def distribution(values: pd.Series) -> dict[str, float]:
    """Shares of each value (missing counted as "none"), largest first, rounded."""
    shares = values.fillna("none").astype(str).value_counts(normalize=True)
    return {str(k): round(float(v), 3) for k, v in shares.items()}


def severity(scores: pd.Series, share: float, kind: ProposalKind) -> float:
    """Severity (pains) or strength (delights); see the module docstring."""
    sign = -1.0 if kind is ProposalKind.PAIN else 1.0
    intensity = float(np.clip(sign * scores.astype(float), 0, None).mean())
    return round(100 * share * intensity, 2)


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


def _summary(members: pd.DataFrame, stage: str | None, stage_names: dict[str, str]) -> str:
    respondents = members[Col.RESPONDENT_ID.value].nunique()
    where = f" mostly at {stage_names.get(stage, stage)}" if stage else ""
    touch = _dominant(distribution(members[Col.TOUCHPOINT.value]))
    via = f", via {touch}" if touch else ""
    return f"{len(members)} statements by {respondents} respondents{where}{via}."


def build_proposal(
    units: pd.DataFrame,
    evidence: ClusterEvidence,
    *,
    kind: ProposalKind,
    total_respondents: int,
    stage_names: dict[str, str],
) -> Proposal:
    """Turn one cluster of `units` (positional members) into a proposal."""
    columns = [units.columns.get_loc(c.value) for c in _MEMBER_COLUMNS]
    members = units.iloc[evidence.members, columns]  # only the columns read below
    respondents = int(members[Col.RESPONDENT_ID.value].nunique())
    share = respondents / max(total_respondents, 1)
    stages = distribution(members[Col.STAGE.value])
    stage = _dominant(stages)
    emotions = distribution(members[Col.EMOTION.value])
    scores = members[Col.SENTIMENT_SCORE.value].astype(float)
    label = evidence.label or _fallback_label(stage, emotions, stage_names)
    return Proposal(
        id=evidence.proposal_id,
        kind=kind,
        label=Label(text=label, confidence=round(evidence.confidence, 3)),
        summary=Label(text=_summary(members, stage, stage_names)),
        key_phrases=evidence.key_phrases,
        stage=stage,
        stage_distribution=stages,
        touchpoints=distribution(members[Col.TOUCHPOINT.value]),
        emotions=emotions,
        frequency=Frequency(
            units=len(members), respondents=respondents, share_of_respondents=round(share, 4)
        ),
        mean_sentiment=round(float(scores.mean()), 4),
        severity=severity(scores, share, kind),
        quotes=make_quotes(units, evidence.quote_positions),
        unit_ids=sorted(members[Col.UNIT_ID.value].astype(str)),
    )


def sort_by_severity(proposals: Sequence[Proposal]) -> list[Proposal]:
    """Highest severity first; ties by id, so the order is stable."""
    return sorted(proposals, key=lambda p: (-p.severity, p.id))
