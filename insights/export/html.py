"""HTML export: one self-contained journey-map report.

Stages run across, layers are stacked under them (emotion curve, pain points,
delights, touchpoints, quotes, opportunities); a persona switcher highlights a
persona's top pains, quotes and (when the map has it) curve. Charts are inline
SVG; CSS and the few lines of script are inline; a Content-Security-Policy
forbids every network fetch and any script but ours (by hash). All user text
goes through Jinja2 autoescaping.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from insights.export._common import (
    filter_map,
    p_text,
    proposal_labels,
    provenance,
    signed,
    stage_label,
    stage_labels,
    status_note,
    top_keys,
    touchpoint_labels,
)
from insights.export.svg import emotion_curve
from insights.journeymap.model import JourneyMap, Persona, Proposal, Quote, Stage

__all__ = ["render_html"]

_TEMPLATE = "report.html.j2"
_SCRIPT = "report.js"
_QUOTES_PER_STAGE = 3


@dataclass
class _Stage:
    stage: Stage
    label: str
    pains: list[dict[str, Any]] = field(default_factory=list)
    delights: list[dict[str, Any]] = field(default_factory=list)
    pool: list[Quote] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)


def _read(name: str) -> str:
    return (
        resources.files("insights.export").joinpath("templates").joinpath(name).read_text("utf-8")
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _tone(value: float | None) -> str:
    if value is None:
        return "none"
    return "pos" if value > 0.05 else "neg" if value < -0.05 else "neu"


class _Personas:
    """Persona keys (`p0`, `p1`…) and which persona each respondent belongs to."""

    def __init__(self, personas: list[Persona]) -> None:
        self.keys = {p.id: f"p{i}" for i, p in enumerate(personas)}
        self.of_respondent: dict[str, list[str]] = {}
        self.top: dict[str, list[str]] = {}
        for p in personas:
            key = self.keys[p.id]
            for rid in p.respondent_ids:
                self.of_respondent.setdefault(rid, []).append(key)
            for pid in p.top_pains:
                self.top.setdefault(pid, []).append(key)

    def quote(self, q: Quote) -> dict[str, Any]:
        return {
            "text": q.text,
            "lang": q.lang,
            "provenance": provenance(q),
            "respondent": q.respondent_id,
            "keys": self.of_respondent.get(q.respondent_id, []),
        }


def _front_quote(quotes: list[Quote]) -> Quote | None:
    chosen = [q for q in quotes if q.representative] or quotes
    return chosen[0] if chosen else None


def _card(p: Proposal, people: _Personas) -> dict[str, Any]:
    f = p.frequency
    front = _front_quote(p.quotes)
    return {
        "id": p.id,
        "kind": "pain" if p.kind.value == "pain_point" else "delight",
        "title": p.label.text,
        "severity": f"{p.severity:.1f}",
        "stats": f"{_count(f.respondents, 'respondent')} ({f.share_of_respondents:.0%}) · "
        f"{_count(f.units, 'statement')}",
        "status": p.status.value,
        "new": bool(getattr(p, "new", False)),
        "quote": people.quote(front) if front else None,
        "keys": people.top.get(p.id, []),
    }


def _stage_quotes(column: _Stage, people: _Personas) -> dict[str, list[dict[str, Any]]]:
    seen: set[str] = set()
    pool = []
    for q in sorted(column.pool, key=lambda q: -abs(q.sentiment_score or 0.0)):
        if q.unit_id not in seen:
            seen.add(q.unit_id)
            pool.append(people.quote(q))
    views = {"all": pool[:_QUOTES_PER_STAGE]}
    for key in people.keys.values():
        views[key] = [q for q in pool if key in q["keys"]][:_QUOTES_PER_STAGE]
    return views


def _columns(jm: JourneyMap, people: _Personas) -> tuple[list[_Stage], _Stage]:
    labels = stage_labels(jm)
    columns = {s.id: _Stage(s, labels.get(s.id, s.id)) for s in jm.stages}
    elsewhere = _Stage(
        Stage(
            id="",
            label={},
            units=0,
            respondents=0,
            sentiment_counts={},
            touchpoints={},
            emotions={},
        ),
        "Not tied to a stage",
    )
    for p in [*jm.pain_points, *jm.delights]:
        column = columns.get(p.stage or "", elsewhere)
        (column.pains if p.kind.value == "pain_point" else column.delights).append(_card(p, people))
        front = _front_quote(p.quotes)
        column.pool += [q for q in p.quotes if q.representative and q is not front]
    for m in jm.moments_of_truth:
        if m.stage in columns:
            columns[m.stage].pool += m.quotes
    for o in jm.opportunities:
        columns.get(o.stage or "", elsewhere).opportunities.append(o.text.text)
    return list(columns.values()), elsewhere


def _touch(stage: Stage, labels: dict[str, str]) -> list[dict[str, Any]]:
    keys = top_keys(stage.touchpoints, 4)
    largest = max((stage.touchpoints[t] for t in keys), default=0) or 1
    return [
        {
            "label": labels.get(t, t),
            "count": stage.touchpoints[t],
            "width": round(100 * stage.touchpoints[t] / largest, 1),
        }
        for t in keys
    ]


def _stage_view(column: _Stage, people: _Personas, touch: dict[str, str]) -> dict[str, Any]:
    s = column.stage
    return {
        "id": s.id,
        "label": column.label,
        "units": s.units,
        "respondents": s.respondents,
        "mean": signed(s.mean_sentiment),
        "tone": _tone(s.mean_sentiment),
        "emotion": ", ".join(top_keys(s.emotions, 1, skip=("none", "neutral"))),
        "pains": column.pains,
        "delights": column.delights,
        "touch": _touch(s, touch),
        "quotes": _stage_quotes(column, people),
        "opportunities": column.opportunities,
    }


def _curve(jm: JourneyMap, people: _Personas) -> Any:
    kinds = {m.stage: m.kind for m in jm.moments_of_truth}
    personas = {
        key: [s.by_persona.get(pid) for s in jm.stages]
        for pid, key in people.keys.items()
        if any(s.by_persona.get(pid) is not None for s in jm.stages)
    }
    return emotion_curve(
        [s.mean_sentiment for s in jm.stages],
        low=[s.ci_low for s in jm.stages],
        high=[s.ci_high for s in jm.stages],
        markers=[kinds.get(s.id, "") for s in jm.stages],
        personas=personas,
    )


def _persona_views(jm: JourneyMap, people: _Personas) -> list[dict[str, Any]]:
    pains = proposal_labels(jm.pain_points)
    return [
        {
            "key": people.keys[p.id],
            "name": p.name.text,
            "size": p.size,
            "share": f"{p.share:.0%}",
            "mean": signed(p.mean_sentiment),
            "status": p.status.value,
            "traits": p.traits,
            "goals": p.goals,
            "pains": [pains.get(i, i) for i in p.top_pains],
            "quotes": [people.quote(q) for q in p.quotes[:2]],
        }
        for p in jm.personas
    ]


def _moment_views(jm: JourneyMap) -> list[dict[str, Any]]:
    labels = stage_labels(jm)
    linked = proposal_labels([*jm.pain_points, *jm.delights])
    return [
        {
            "kind": m.kind,
            "stage": stage_label(labels, m.stage),
            "text": f"mean {signed(m.mean_sentiment)}, {signed(m.difference)} against the rest "
            f"({p_text(m.p_value)})",
            "linked": linked.get(m.proposal_id or ""),
            "quote": m.quotes[0] if m.quotes else None,
        }
        for m in jm.moments_of_truth
    ]


def _context(jm: JourneyMap, *, accepted_only: bool) -> dict[str, Any]:
    people = _Personas(jm.personas)
    columns, elsewhere = _columns(jm, people)
    touch = touchpoint_labels(jm)
    return {
        "jm": jm,
        "shown": status_note(accepted_only=accepted_only),
        "stages": [_stage_view(c, people, touch) for c in columns],
        "elsewhere": elsewhere,
        "curve": _curve(jm, people),
        "personas": _persona_views(jm, people),
        "moments": _moment_views(jm),
        "provenance": provenance,
        "signed": signed,
    }


def render_html(journey_map: JourneyMap, *, accepted_only: bool = False) -> str:
    """The self-contained HTML report.

    Example:
        >>> page = render_html(journey_map, accepted_only=True)  # doctest: +SKIP
    """
    import jinja2
    from markupsafe import Markup

    jm = filter_map(journey_map, accepted_only=accepted_only)
    script = _read(_SCRIPT)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    env = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    template = env.from_string(_read(_TEMPLATE))
    context = _context(jm, accepted_only=accepted_only)
    return template.render(**context, script=Markup(script), script_hash=f"sha256-{digest}")
