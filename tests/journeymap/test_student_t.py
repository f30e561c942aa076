from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import stdtr, stdtrit

from insights.journeymap.student_t import t_cdf, t_quantile

_DFS = [0.5, 1, 2, 2.5, 3, 5, 9, 29, 30.7, 120, 999, 4_321.5, 10_000, 100_000, 1_000_000]
_TS = [-1e3, -60, -20, -5, -1.96, -0.3, 0.0, 0.7, 1.96, 5, 20, 60]


@pytest.mark.parametrize("df", _DFS)
def test_cdf_is_scipys(df: float) -> None:
    tolerance = 1e-11 if df <= 10_000 else 1e-9
    for t in _TS:
        expected = float(stdtr(df, t))
        got = t_cdf(t, df)
        assert got == pytest.approx(expected, rel=tolerance, abs=1e-300), (df, t)


@pytest.mark.parametrize("df", _DFS)
def test_quantile_is_scipys(df: float) -> None:
    for p in (1e-9, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999):
        expected = float(stdtrit(df, p))
        assert t_quantile(p, df) == pytest.approx(expected, rel=1e-9, abs=1e-12), (df, p)


def test_closed_forms_of_one_and_two_degrees_of_freedom() -> None:
    for t in (-1e8, -3.0, -1e-9, 1e-12, 0.5, 40.0):
        assert t_cdf(t, 1) == pytest.approx(0.5 + math.atan(t) / math.pi, rel=1e-13)
        assert t_cdf(t, 2) == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), rel=1e-13)
    for p in (1e-12, 1e-9, 0.01, 0.4):  # Cauchy: tan(pi (p - 1/2)), written without cancelling
        assert t_quantile(p, 1) == pytest.approx(-1 / math.tan(math.pi * p), rel=1e-9)
        q = 1 - p  # its upper tail is 1 - q, not quite p
        assert t_quantile(q, 1) == pytest.approx(1 / math.tan(math.pi * (1 - q)), rel=1e-9)


def test_random_degrees_of_freedom_and_values() -> None:
    rng = np.random.default_rng(7)
    for df, t in zip(rng.uniform(1, 5_000, 300), rng.normal(0, 4, 300), strict=True):
        assert t_cdf(float(t), float(df)) == pytest.approx(float(stdtr(df, t)), rel=1e-10)


def test_edges() -> None:
    assert t_cdf(math.inf, 3) == 1.0
    assert t_cdf(-math.inf, 3) == 0.0
    assert math.isnan(t_cdf(math.nan, 3))
    assert math.isnan(t_cdf(1.0, 0))
    assert math.isnan(t_quantile(1.0, 3))
    assert math.isnan(t_quantile(0.5, math.nan))
    assert t_quantile(0.5, 7) == 0.0
