"""Helpers every export shares: which proposals to show, labels, provenance.

What each format shows (documented in the README):

- `--accepted-only`: accepted pain points, delights and personas only.
- otherwise JSON keeps the whole map (every status, so a merge sees the
  rejections), and the formats people read (CSV, Markdown, HTML, QDPX) show
  accepted and not-yet-reviewed proposals; rejected ones are never shown.

Links to proposals that were left out (a moment of truth's `proposal_id`, a
persona's `top_pains`, an opportunity's `proposal_ids`) are dropped with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from insights.journeymap.model import JourneyMap, Proposal, Quote, Status

__all__ = [
    "filter_map",
    "p_text",
    "proposal_labels",
    "provenance",
    "signed",
    "stage_label",
    "stage_labels",
    "status_note",
    "top_keys",
    "touchpoint_labels",
]


def _keep(status: Status, *, accepted_only: bool, keep_rejected: bool) -> bool:
    if accepted_only:
        return status == Status.ACCEPTED
    return keep_rejected or status != Status.REJECTED


def filter_map(
    journey_map: JourneyMap, *, accepted_only: bool = False, keep_rejected: bool = False
) -> JourneyMap:
    """A copy of `journey_map` holding only the proposals and personas to export.

    Args:
        journey_map: The map (with review decisions applied).
        accepted_only: Keep accepted proposals and personas only.
        keep_rejected: Without `accepted_only`, keep rejected ones too (JSON does).
    """

    def keep(status: Status) -> bool:
        return _keep(status, accepted_only=accepted_only, keep_rejected=keep_rejected)

    pains = [p for p in journey_map.pain_points if keep(p.status)]
    delights = [d for d in journey_map.delights if keep(d.status)]
    kept = {p.id for p in [*pains, *delights]}
    moments = [
        m
        if m.proposal_id is None or m.proposal_id in kept
        else m.model_copy(update={"proposal_id": None})
        for m in journey_map.moments_of_truth
    ]
    personas = [
        p.model_copy(update={"top_pains": [i for i in p.top_pains if i in kept]})
        for p in journey_map.personas
        if keep(p.status)
    ]
    opportunities = [
        o.model_copy(update={"proposal_ids": [i for i in o.proposal_ids if i in kept]})
        for o in journey_map.opportunities
    ]
    update = {
        "pain_points": pains,
        "delights": delights,
        "moments_of_truth": moments,
        "personas": personas,
        "opportunities": opportunities,
    }
    return journey_map.model_copy(update=update)


def status_note(*, accepted_only: bool) -> str:
    """One sentence saying which proposals an export shows."""
    if accepted_only:
        return "Accepted proposals only."
    return "Accepted and not yet reviewed proposals; rejected ones are left out."


def _pick_label(labels: Mapping[str, object], fallback: str, lang: str) -> str:
    for key in (lang, "en"):
        if isinstance(labels.get(key), str) and labels[key]:
            return str(labels[key])
    texts = [str(v) for v in labels.values() if isinstance(v, str) and v]
    return texts[0] if texts else fallback


def stage_labels(journey_map: JourneyMap, lang: str = "en") -> dict[str, str]:
    """Stage id → display label, from the stages and the taxonomy."""
    labels = {s.id: _pick_label(s.label, s.id, lang) for s in journey_map.stages}
    for stage in journey_map.taxonomy.stages:
        sid = str(stage.get("id", ""))
        raw = stage.get("label")
        if sid and sid not in labels:
            labels[sid] = _pick_label(raw if isinstance(raw, dict) else {}, sid, lang)
    return labels


def stage_label(labels: Mapping[str, str], stage: str | None) -> str:
    """Display label of `stage` ("" when the proposal has none)."""
    if stage is None:
        return ""
    return labels.get(stage, stage)


def touchpoint_labels(journey_map: JourneyMap, lang: str = "en") -> dict[str, str]:
    """Touchpoint id → display label, from the taxonomy."""
    labels: dict[str, str] = {}
    for touchpoint in journey_map.taxonomy.touchpoints:
        tid = str(touchpoint.get("id", ""))
        raw = touchpoint.get("label")
        if tid:
            labels[tid] = _pick_label(raw if isinstance(raw, dict) else {}, tid, lang)
    return labels


def proposal_labels(proposals: Iterable[Proposal]) -> dict[str, str]:
    """Proposal id → label text."""
    return {p.id: p.label.text for p in proposals}


def provenance(quote: Quote) -> str:
    """Where a quote comes from: `source, locator`."""
    return f"{quote.source}, {quote.locator}"


def top_keys(counts: Mapping[str, float], n: int, *, skip: Iterable[str] = ("none",)) -> list[str]:
    """The `n` keys with the largest values, ignoring `skip`."""
    skipped = set(skip)
    ranked = sorted((k for k in counts if k not in skipped), key=lambda k: -counts[k])
    return ranked[:n]


def signed(value: float | None, digits: int = 2) -> str:
    """`+0.12` / `−0.30` (true minus sign), or `n/a`."""
    if value is None:
        return "n/a"
    text = f"{value:+.{digits}f}"
    return text.replace("-", "\u2212")


def p_text(p_value: float) -> str:
    """`p < 0.001` or `p = 0.012`."""
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.2g}"
