from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from insights.journeymap.curve import emotion_curve, stage_tests


def _units(spec: dict[str, list[float]]) -> pd.DataFrame:
    rows = [
        {"stage": stage, "sentiment_score": score, "respondent_id": f"r{i % 7}"}
        for stage, scores in spec.items()
        for i, score in enumerate(scores)
    ]
    return pd.DataFrame(rows)


def test_curve_has_means_counts_and_ci_in_stage_order():
    units = _units({"purchase": [0.5, 0.7, 0.6], "support": [-0.8, -0.6]})
    points = emotion_curve(units, ["awareness", "purchase", "support"])
    assert [p.stage for p in points] == ["awareness", "purchase", "support"]
    assert points[0].units == 0 and points[0].mean is None
    assert points[1].mean == pytest.approx(0.6)
    assert points[1].ci_low < 0.6 < points[1].ci_high
    assert points[2].units == 2


def test_significant_trough_and_peak_are_found_and_flat_stage_is_not():
    rng = np.random.default_rng(0)
    units = _units(
        {
            "purchase": list(rng.normal(0.6, 0.1, 30)),
            "usage": list(rng.normal(0.0, 0.3, 30)),
            "support": list(rng.normal(-0.7, 0.1, 30)),
        }
    )
    tests = {t.stage: t for t in stage_tests(units, ["purchase", "usage", "support"])}
    assert tests["support"].significant and tests["support"].difference < 0
    assert tests["purchase"].significant and tests["purchase"].difference > 0
    assert not tests["usage"].significant


def test_small_stages_are_not_tested():
    units = _units({"purchase": [0.9, 0.8], "support": [-0.5] * 10 + [-0.4] * 10})
    tested = [t.stage for t in stage_tests(units, ["purchase", "support"], min_units=5)]
    assert tested == ["support"]


@pytest.mark.parametrize(("n_a", "n_b"), [(5, 100), (30, 7), (12, 12), (6, 2000)])
def test_welch_p_value_and_interval_equal_scipy_stats(n_a: int, n_b: int):
    from scipy import stats

    from insights.journeymap.curve import _mean_ci, _welch_p

    rng = np.random.default_rng(n_a * n_b)
    a, b = rng.normal(0.2, 0.5, n_a), rng.normal(0.0, 0.3, n_b)
    expected = stats.ttest_ind(a, b, equal_var=False).pvalue
    assert _welch_p(a, b) == pytest.approx(expected, rel=1e-9)
    mean, low, _ = _mean_ci(a)
    half = stats.t.ppf(0.975, n_a - 1) * a.std(ddof=1) / np.sqrt(n_a)
    assert low == pytest.approx(max(-1.0, mean - half), rel=1e-9)
