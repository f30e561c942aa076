"""The emotion curve per stage and its moments of truth (significant peaks and troughs).

Mean sentiment per stage comes with a 95% t confidence interval. A stage is a
moment of truth when its units' sentiment differs from all other stage-assigned
units by Welch's t-test at p < 0.05 after Bonferroni correction over the stages
tested (stages with at least `min_units` units); a peak when higher, a trough
when lower.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from insights.journeymap.student_t import t_cdf, t_quantile
from insights.schema import Col

__all__ = ["StagePoint", "StageTest", "emotion_curve", "stage_tests"]

_ALPHA = 0.05


@dataclass(frozen=True)
class StagePoint:
    """One stage's point on the curve."""

    stage: str
    units: int
    respondents: int
    mean: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class StageTest:
    """A stage's sentiment against the rest of the journey."""

    stage: str
    difference: float
    p_value: float
    significant: bool


def _mean_ci(scores: np.ndarray) -> tuple[float | None, float | None, float | None]:
    if len(scores) == 0:
        return None, None, None
    mean = float(scores.mean())
    if len(scores) < 2:
        return mean, None, None
    sem = float(scores.std(ddof=1) / np.sqrt(len(scores)))
    half = t_quantile(0.975, len(scores) - 1) * sem
    return mean, max(-1.0, mean - half), min(1.0, mean + half)


def emotion_curve(units: pd.DataFrame, stages: Sequence[str]) -> list[StagePoint]:
    """Mean sentiment per stage, in stage order, with counts and a 95% CI.

    Args:
        units: analysed units (respondent statements) with stage and sentiment score.
        stages: stage ids in journey order.

    Returns:
        One point per stage (mean None when a stage has no unit).
    """
    points = []
    units = units[[Col.STAGE.value, Col.SENTIMENT_SCORE.value, Col.RESPONDENT_ID.value]]
    for stage in stages:
        rows = units[units[Col.STAGE.value] == stage]
        scores = rows[Col.SENTIMENT_SCORE.value].astype(float).to_numpy()
        mean, low, high = _mean_ci(scores)
        points.append(
            StagePoint(
                stage=stage,
                units=len(rows),
                respondents=int(rows[Col.RESPONDENT_ID.value].nunique()),
                mean=mean,
                ci_low=low,
                ci_high=high,
            )
        )
    return points


def _welch_p(a: np.ndarray, b: np.ndarray) -> float:
    """Two-sided p-value of Welch's t-test (as ``scipy.stats.ttest_ind(equal_var=False)``)."""
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    if not va + vb > 0:
        return float("nan")
    t = (a.mean() - b.mean()) / np.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return 2 * t_cdf(-abs(float(t)), float(df))


def stage_tests(
    units: pd.DataFrame, stages: Sequence[str], *, min_units: int = 5
) -> list[StageTest]:
    """Test each stage's sentiment against all other stage-assigned units (Welch, Bonferroni)."""
    staged = units[units[Col.STAGE.value].isin(list(stages))]
    scores = staged[Col.SENTIMENT_SCORE.value].astype(float)
    tested = [s for s in stages if (staged[Col.STAGE.value] == s).sum() >= min_units]
    results = []
    for stage in tested:
        inside = (staged[Col.STAGE.value] == stage).to_numpy()
        a, b = scores[inside].to_numpy(), scores[~inside].to_numpy()
        if len(b) < 2 or (a.std() == 0 and b.std() == 0):
            continue
        p = _welch_p(a, b)
        p = min(1.0, p * len(tested)) if np.isfinite(p) else 1.0
        results.append(StageTest(stage, float(a.mean() - b.mean()), p, p < _ALPHA))
    return results
