from __future__ import annotations

import pytest

from insights.export.svg import emotion_curve


def test_curve_places_stages_at_column_centres_and_skips_gaps():
    curve = emotion_curve(
        [0.3, None, -0.3, -0.1],
        low=[0.2, None, -0.4, -0.2],
        high=[0.4, None, -0.2, 0.0],
        markers=["peak", "", "trough", ""],
    )
    everyone = curve.series[0]
    assert [p.x for p in everyone.points] == [12.5, 62.5, 87.5]
    assert len(everyone.segments) == 1  # only stages 3-4 are both known
    assert curve.missing == (37.5,)
    assert curve.scale == pytest.approx(0.4)
    peak, trough = everyone.points[0], everyone.points[1]
    assert peak.y < curve.zero_y < trough.y  # up is positive
    assert peak.y == pytest.approx(curve.zero_y - (trough.y - curve.zero_y))
    assert (peak.marker, trough.marker) == ("peak", "trough")
    assert peak.high < peak.y < peak.low


def test_persona_series_share_the_scale():
    curve = emotion_curve(
        [0.1, 0.1],
        low=[None, None],
        high=[None, None],
        markers=["", ""],
        personas={"p0": [0.9, None]},
    )
    assert curve.scale == pytest.approx(1.0)
    assert [s.key for s in curve.series] == ["all", "p0"]
    assert len(curve.series[1].points) == 1
