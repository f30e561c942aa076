"""Markdown export: a readable research summary.

Sections: run summary, stages with the emotion curve, moments of truth, pain
points with quotes and provenance, delights, personas, opportunities, sources.
Every piece of user text is escaped, so a `<script>` or `[link](…)` in a quote
shows as text in any CommonMark renderer.
"""

from __future__ import annotations

import re

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
from insights.journeymap.model import JourneyMap, Proposal, Quote

__all__ = ["md_escape", "render_markdown", "sparkline"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_BLOCK_START = re.compile(r"^([#>+=-]|\d+[.)])")
_BLOCKS = "▁▂▃▄▅▆▇█"


def md_escape(text: str) -> str:
    """Escape `text` for inline Markdown: one line, punctuation backslash-escaped."""
    one_line = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], one_line)


def sparkline(values: list[float | None]) -> str:
    """A text sparkline of values in [-1, 1] (a space where a value is missing)."""
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
            continue
        pos = round((max(-1.0, min(1.0, value)) + 1) / 2 * (len(_BLOCKS) - 1))
        chars.append(_BLOCKS[pos])
    return "".join(chars)


def _quote_lines(quotes: list[Quote], limit: int = 3) -> list[str]:
    chosen = [q for q in quotes if q.representative] or quotes
    lines = []
    for q in chosen[:limit]:
        who = q.respondent_id.rsplit("#", 1)[-1]
        lines += [
            f"> “{md_escape(q.text)}”  ",
            f"> — {md_escape(provenance(q))} (respondent {md_escape(who)}, {q.lang})",
            "",
        ]
    return lines


def _summary(jm: JourneyMap, *, accepted_only: bool) -> list[str]:
    s = jm.stats
    langs = ", ".join(f"{k} {v}" for k, v in sorted(s.languages.items(), key=lambda kv: -kv[1]))
    return [
        "# Journey map research summary",
        "",
        f"- **Material:** {len(jm.sources)} sources, {s.units} statements "
        f"({s.units_analysed} analysed) from {s.respondents} respondents; languages: "
        f"{md_escape(langs) or 'n/a'}.",
        f"- **Taxonomy:** {md_escape(jm.taxonomy.name)} ({md_escape(jm.taxonomy.id)}).",
        f"- **Found:** {len(jm.pain_points)} pain points, {len(jm.delights)} delights, "
        f"{len(jm.moments_of_truth)} moments of truth, {len(jm.personas)} personas.",
        f"- **Shown:** {status_note(accepted_only=accepted_only)}",
        "",
    ]


def _stages(jm: JourneyMap, stages: dict[str, str]) -> list[str]:
    if not jm.stages:
        return []
    touch = touchpoint_labels(jm)
    curve = sparkline([s.mean_sentiment for s in jm.stages])
    lines = ["## Stages and emotion curve", "", f"Emotion curve: `{curve}` (−1 … +1)", ""]
    lines += [
        "| Stage | Statements | Respondents | Mean sentiment | 95% CI | Touchpoints | Emotion |",
        "|---|---:|---:|---:|---|---|---|",
    ]
    for s in jm.stages:
        ci = f"{signed(s.ci_low)} … {signed(s.ci_high)}" if s.ci_low is not None else "n/a"
        tops = ", ".join(touch.get(t, t) for t in top_keys(s.touchpoints, 3))
        emotion = ", ".join(top_keys(s.emotions, 1, skip=("none", "neutral")))
        lines.append(
            f"| {md_escape(stages.get(s.id, s.id))} | {s.units} | {s.respondents} | "
            f"{signed(s.mean_sentiment)} | {ci} | {md_escape(tops)} | {md_escape(emotion)} |"
        )
    return [*lines, ""]


def _moments(jm: JourneyMap, stages: dict[str, str]) -> list[str]:
    if not jm.moments_of_truth:
        return []
    labels = proposal_labels([*jm.pain_points, *jm.delights])
    lines = ["## Moments of truth", ""]
    for m in jm.moments_of_truth:
        linked = (
            f" — linked to *{md_escape(labels[m.proposal_id])}*"
            if (m.proposal_id in labels)
            else ""
        )
        lines += [
            f"### {m.kind.title()} at {md_escape(stage_label(stages, m.stage))}",
            "",
            f"Mean sentiment {signed(m.mean_sentiment)}, {signed(m.difference)} against the "
            f"rest of the journey ({p_text(m.p_value)}){linked}.",
            "",
            *_quote_lines(m.quotes),
        ]
    return lines


def _proposals(title: str, proposals: list[Proposal], stages: dict[str, str]) -> list[str]:
    lines = [f"## {title}", ""]
    if not proposals:
        return [*lines, "None.", ""]
    for rank, p in enumerate(proposals, start=1):
        f = p.frequency
        where = md_escape(stage_label(stages, p.stage) or "none")
        new = " · new" if getattr(p, "new", False) else ""
        touch = ", ".join(
            f"{md_escape(t)} {p.touchpoints[t]:.0%}" for t in top_keys(p.touchpoints, 3)
        )
        lines += [
            f"### {rank}. {md_escape(p.label.text)}",
            "",
            f"*Severity {p.severity:.2f} · {f.respondents} respondents "
            f"({f.share_of_respondents:.1%}) · {f.units} statements · mean sentiment "
            f"{signed(p.mean_sentiment)} · stage {where}"
            f" · touchpoints {touch or 'none'} · {p.status.value}{new} · {md_escape(p.id)}*",
            "",
            md_escape(p.summary.text),
            "",
            f"Key phrases: {md_escape(', '.join(p.key_phrases))}",
            "",
            *_quote_lines(p.quotes),
        ]
    return lines


def _personas(jm: JourneyMap) -> list[str]:
    if not jm.personas:
        return []
    pains = proposal_labels(jm.pain_points)
    lines = ["## Personas", ""]
    for p in jm.personas:
        top = "; ".join(md_escape(pains.get(i, i)) for i in p.top_pains)
        lines += [
            f"### {md_escape(p.name.text)}",
            "",
            f"*{p.size} respondents ({p.share:.1%}) · mean sentiment "
            f"{signed(p.mean_sentiment)} · {p.status.value}*",
            "",
            f"- Traits: {md_escape('; '.join(p.traits)) or 'none'}",
            f"- Goals: {md_escape('; '.join(p.goals)) or 'none'}",
            f"- Top pains: {top or 'none'}",
            "",
            *_quote_lines(p.quotes),
        ]
    return lines


def _opportunities(jm: JourneyMap, stages: dict[str, str]) -> list[str]:
    if not jm.opportunities:
        return []
    lines = ["## Opportunities", ""]
    for o in jm.opportunities:
        where = stage_label(stages, o.stage)
        lines.append(f"- {md_escape(o.text.text)}" + (f" ({md_escape(where)})" if where else ""))
    return [*lines, ""]


def _sources(jm: JourneyMap) -> list[str]:
    lines = [
        "## Sources",
        "",
        "| Source | Kind | Records | Statements | Respondents |",
        "|---|---|---:|---:|---:|",
    ]
    for s in jm.sources:
        lines.append(
            f"| {md_escape(s.source)} | {md_escape(s.kind)} | {s.records} | {s.units} | "
            f"{s.respondents} |"
        )
    models = ", ".join(f"{k}: {v}" for k, v in jm.run.models.items())
    return [*lines, "", f"Models: {md_escape(models) or 'n/a'}.", ""]


def render_markdown(journey_map: JourneyMap, *, accepted_only: bool = False) -> str:
    """The research summary as Markdown text.

    Example:
        >>> text = render_markdown(journey_map, accepted_only=True)  # doctest: +SKIP
    """
    jm = filter_map(journey_map, accepted_only=accepted_only)
    stages = stage_labels(jm)
    lines = [
        *_summary(jm, accepted_only=accepted_only),
        *_stages(jm, stages),
        *_moments(jm, stages),
        *_proposals("Pain points", jm.pain_points, stages),
        *_proposals("Delights", jm.delights, stages),
        *_personas(jm),
        *_opportunities(jm, stages),
        *_sources(jm),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
