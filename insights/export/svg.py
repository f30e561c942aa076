"""Geometry of the inline SVG charts of the HTML report (no text, no markup here).

The template draws the elements; this module only computes coordinates, so
every label still goes through the template's autoescaping. Horizontal
positions are percentages of the chart width so that stage *i* sits at the
centre of the *i*-th of *n* equal journey columns, whatever the page width.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Curve", "CurvePoint", "CurveSeries", "Segment", "emotion_curve"]

_PAD = 26.0


@dataclass(frozen=True)
class CurvePoint:
    """One stage on a curve: centre x (%), y (px), and its CI bar (px)."""

    x: float
    y: float
    value: float
    low: float | None
    high: float | None
    marker: str = ""


@dataclass(frozen=True)
class Segment:
    """A line between two consecutive stages that both have a value."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class CurveSeries:
    """The curve of everyone (`key="all"`) or of one persona."""

    key: str
    points: tuple[CurvePoint, ...]
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Curve:
    """The emotion-curve chart: height, zero line, scale ticks and series."""

    height: int
    zero_y: float
    scale: float
    ticks: tuple[tuple[float, float], ...]
    series: tuple[CurveSeries, ...]
    missing: tuple[float, ...]


def _scale(values: Sequence[float | None]) -> float:
    largest = max((abs(v) for v in values if v is not None), default=0.0)
    return min(1.0, max(0.2, math.ceil(largest / 0.2 - 1e-9) * 0.2))


def _x(index: int, count: int) -> float:
    return round((index + 0.5) / count * 100, 3)


def _series(
    key: str,
    means: Sequence[float | None],
    to_y: _ToY,
    *,
    low: Sequence[float | None] | None = None,
    high: Sequence[float | None] | None = None,
    markers: Sequence[str] | None = None,
) -> CurveSeries:
    count = len(means)
    points: dict[int, CurvePoint] = {}
    for i, mean in enumerate(means):
        if mean is None:
            continue
        lo = low[i] if low else None
        hi = high[i] if high else None
        points[i] = CurvePoint(
            x=_x(i, count),
            y=to_y(mean),
            value=mean,
            low=None if lo is None else to_y(lo),
            high=None if hi is None else to_y(hi),
            marker=markers[i] if markers else "",
        )
    segments = tuple(
        Segment(points[i].x, points[i].y, points[i + 1].x, points[i + 1].y)
        for i in range(count - 1)
        if i in points and i + 1 in points
    )
    return CurveSeries(key, tuple(points.values()), segments)


class _ToY:
    """Maps a sentiment in [-scale, scale] to a y pixel (up is positive)."""

    def __init__(self, height: int, scale: float) -> None:
        self.mid = height / 2
        self.half = height / 2 - _PAD
        self.scale = scale

    def __call__(self, value: float) -> float:
        clipped = max(-self.scale, min(self.scale, value))
        return round(self.mid - clipped / self.scale * self.half, 2)


def emotion_curve(
    means: Sequence[float | None],
    *,
    low: Sequence[float | None],
    high: Sequence[float | None],
    markers: Sequence[str],
    personas: Mapping[str, Sequence[float | None]] | None = None,
    height: int = 190,
) -> Curve:
    """Lay out the emotion curve over `len(means)` equal stage columns.

    Args:
        means: Mean sentiment per stage (None: no data).
        low: Lower bound of each stage's confidence interval.
        high: Upper bound of each stage's confidence interval.
        markers: "peak", "trough" or "" per stage (moments of truth).
        personas: Persona key → mean sentiment per stage.
        height: Chart height in pixels.
    """
    personas = personas or {}
    every = [*means, *low, *high, *(v for vals in personas.values() for v in vals)]
    scale = _scale(every)
    to_y = _ToY(height, scale)
    series = [_series("all", means, to_y, low=low, high=high, markers=markers)]
    series += [_series(key, vals, to_y) for key, vals in personas.items()]
    ticks = tuple((to_y(v), v) for v in (scale, scale / 2, -scale / 2, -scale))
    missing = tuple(_x(i, len(means)) for i, m in enumerate(means) if m is None)
    return Curve(height, to_y(0.0), scale, ticks, tuple(series), missing)
