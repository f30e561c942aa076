"""Assemble the journey map (map.json) from a run's analysed units and proposals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import pandas as pd

from insights.ingest import SourceSummary
from insights.journeymap.curve import emotion_curve, stage_tests
from insights.journeymap.model import (
    JourneyMap,
    MomentOfTruth,
    Persona,
    Proposal,
    RunInfo,
    Source,
    Stage,
    Stats,
    TaxonomyRef,
)
from insights.journeymap.quotes import make_quotes
from insights.schema import Col, Role
from insights.taxonomies.model import Taxonomy

__all__ = ["build_map", "taxonomy_ref"]


def taxonomy_ref(taxonomy: Taxonomy) -> TaxonomyRef:
    """The taxonomy as recorded in the map (ids and display names)."""
    return TaxonomyRef(
        id=taxonomy.id,
        name=taxonomy.name,
        version=taxonomy.version,
        stages=[{"id": s.id, "label": dict(s.label)} for s in taxonomy.stages],
        touchpoints=[{"id": t.id, "label": dict(t.label)} for t in taxonomy.touchpoints],
        emotions=[e.id for e in taxonomy.emotions],
    )


def _counts(values: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in values.dropna().astype(str).value_counts().items()}


def _persona_means(
    analysed: pd.DataFrame, personas: Sequence[Persona], stage_ids: list[str]
) -> dict[str, dict[str, float | None]]:
    """Stage → persona id → mean sentiment of the persona's statements at that stage."""
    means: dict[str, dict[str, float | None]] = {s: {} for s in stage_ids}
    ids = analysed[Col.RESPONDENT_ID.value]
    for persona in personas:
        mine = analysed[ids.isin(set(persona.respondent_ids))]
        for point in emotion_curve(mine, stage_ids):
            value = None if point.mean is None else round(point.mean, 4)
            means[point.stage][persona.id] = value
    return means


def _stages(analysed: pd.DataFrame, taxonomy: Taxonomy, personas: Sequence[Persona]) -> list[Stage]:
    stage_ids = [s.id for s in taxonomy.stages]
    points = emotion_curve(analysed, stage_ids)
    by_persona = _persona_means(analysed, personas, stage_ids)
    stages = []
    counted = analysed[[c.value for c in (Col.STAGE, Col.SENTIMENT, Col.TOUCHPOINT, Col.EMOTION)]]
    for label, point in zip(taxonomy.stages, points, strict=True):
        rows = counted[counted[Col.STAGE.value] == label.id]
        stages.append(
            Stage(
                id=label.id,
                label=dict(label.label),
                units=point.units,
                respondents=point.respondents,
                mean_sentiment=None if point.mean is None else round(point.mean, 4),
                ci_low=None if point.ci_low is None else round(point.ci_low, 4),
                ci_high=None if point.ci_high is None else round(point.ci_high, 4),
                sentiment_counts=_counts(rows[Col.SENTIMENT.value]),
                touchpoints=_counts(rows[Col.TOUCHPOINT.value]),
                emotions=_counts(rows[Col.EMOTION.value]),
                by_persona=by_persona[label.id],
            )
        )
    return stages


def _moments(
    units: pd.DataFrame,
    analysed: pd.DataFrame,
    taxonomy: Taxonomy,
    pains: Sequence[Proposal],
    delights: Sequence[Proposal],
) -> list[MomentOfTruth]:
    moments = []
    for test in stage_tests(analysed, [s.id for s in taxonomy.stages]):
        if not test.significant:
            continue
        trough = test.difference < 0
        pool = pains if trough else delights
        top = next((p for p in pool if p.stage == test.stage), None)
        rows = units[
            (units[Col.STAGE.value] == test.stage) & units[Col.ROLE.value].eq("respondent")
        ]
        order = rows[Col.SENTIMENT_SCORE.value].astype(float).sort_values(ascending=trough)
        positions = [units.index.get_loc(i) for i in order.index[:3]]
        stage_mean = float(rows[Col.SENTIMENT_SCORE.value].astype(float).mean())
        moments.append(
            MomentOfTruth(
                id=f"mot-{test.stage}",
                kind="trough" if trough else "peak",
                stage=test.stage,
                proposal_id=top.id if top else None,
                mean_sentiment=round(stage_mean, 4),
                difference=round(test.difference, 4),
                p_value=round(test.p_value, 6),
                quotes=top.quotes[:3] if top else make_quotes(units, positions),
            )
        )
    return moments


def build_map(
    units: pd.DataFrame,
    *,
    sources: Sequence[SourceSummary],
    taxonomy: Taxonomy,
    params: dict[str, object],
    models: dict[str, str],
    pains: Sequence[Proposal],
    delights: Sequence[Proposal],
    personas: Sequence[Persona],
    unclustered: tuple[int, int],
) -> JourneyMap:
    """Assemble and validate the map."""
    analysed = units[units[Col.ROLE.value] == Role.RESPONDENT.value]
    return JourneyMap(
        generated_by="insights",
        run=RunInfo(params=params, models=models),
        taxonomy=taxonomy_ref(taxonomy),
        sources=[Source(**asdict(s)) for s in sources],
        stats=Stats(
            units=len(units),
            units_analysed=len(analysed),
            respondents=int(analysed[Col.RESPONDENT_ID.value].nunique()),
            languages=_counts(analysed[Col.LANG.value]),
            unclustered_negative=unclustered[0],
            unclustered_positive=unclustered[1],
        ),
        stages=_stages(analysed, taxonomy, personas),
        pain_points=list(pains),
        delights=list(delights),
        moments_of_truth=_moments(units, analysed, taxonomy, pains, delights),
        personas=list(personas),
    )
