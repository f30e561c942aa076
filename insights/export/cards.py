"""CSV export: one card per row, for Miro, spreadsheets and journey-map tools.

Columns: `layer, stage, title, body, quote, severity, source, status, id`.
Layers, in this order: `stage`, `pain_point`, `delight`, `moment_of_truth`,
`quote` (each representative quote of a shown proposal), `persona`,
`opportunity`.

The file is UTF-8 with a byte-order mark (Excel only reads UTF-8 correctly
with one; pandas, Google Sheets, LibreOffice and Miro ignore it), comma
separated, CRLF line ends, quoted as needed.

Spreadsheet formula injection is neutralised: a cell whose first
non-blank character is `=`, `+`, `-`, `@` (or their full-width forms), or that
starts with a tab or carriage return, gets a leading `'` so it is read as text.
"""

from __future__ import annotations

import csv
import io

from insights.export._common import (
    filter_map,
    p_text,
    proposal_labels,
    provenance,
    signed,
    stage_label,
    stage_labels,
    top_keys,
    touchpoint_labels,
)
from insights.journeymap.model import JourneyMap, Proposal, Quote

__all__ = ["CARD_COLUMNS", "make_cards", "neutralise", "render_csv"]

CARD_COLUMNS = ("layer", "stage", "title", "body", "quote", "severity", "source", "status", "id")
_FORMULA_CHARS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_CONTROL_START = ("\t", "\r")

Card = dict[str, str]


def neutralise(cell: str) -> str:
    """Prefix `'` to a cell a spreadsheet would run as a formula."""
    stripped = cell.lstrip(" \u00a0\n")
    if cell.startswith(_CONTROL_START) or (stripped and stripped[0] in _FORMULA_CHARS):
        return "'" + cell
    return cell


def _card(layer: str, **fields: str) -> Card:
    return {col: (layer if col == "layer" else fields.get(col, "")) for col in CARD_COLUMNS}


def _first_quote(quotes: list[Quote]) -> Quote | None:
    chosen = [q for q in quotes if q.representative] or quotes
    return chosen[0] if chosen else None


def _quote_fields(quote: Quote | None) -> dict[str, str]:
    if quote is None:
        return {}
    return {"quote": quote.text, "source": provenance(quote)}


def _stage_cards(journey_map: JourneyMap, stages: dict[str, str]) -> list[Card]:
    touch = touchpoint_labels(journey_map)
    cards = []
    for s in journey_map.stages:
        tops = ", ".join(touch.get(t, t) for t in top_keys(s.touchpoints, 3))
        emotion = ", ".join(top_keys(s.emotions, 1, skip=("none", "neutral")))
        body = (
            f"{s.units} statements by {s.respondents} respondents; "
            f"mean sentiment {signed(s.mean_sentiment)}; touchpoints: {tops or 'none'}; "
            f"top emotion: {emotion or 'none'}"
        )
        cards.append(
            _card(
                "stage",
                stage=stages.get(s.id, s.id),
                title=stages.get(s.id, s.id),
                body=body,
                id=s.id,
            )
        )
    return cards


def _proposal_card(p: Proposal, stages: dict[str, str]) -> Card:
    freq = p.frequency
    body = (
        f"{p.summary.text} {freq.respondents} respondents "
        f"({freq.share_of_respondents:.0%}), {freq.units} statements, "
        f"mean sentiment {signed(p.mean_sentiment)}. Key phrases: {', '.join(p.key_phrases)}"
    )
    return _card(
        p.kind.value,
        stage=stage_label(stages, p.stage),
        title=p.label.text,
        body=body,
        severity=f"{p.severity:.2f}",
        status=p.status.value,
        id=p.id,
        **_quote_fields(_first_quote(p.quotes)),
    )


def _quote_cards(proposals: list[Proposal], stages: dict[str, str]) -> list[Card]:
    cards = []
    for p in proposals:
        for q in (q for q in p.quotes if q.representative):
            body = f"Respondent {q.respondent_id} ({q.lang}), sentiment {signed(q.sentiment_score)}"
            cards.append(
                _card(
                    "quote",
                    stage=stage_label(stages, p.stage),
                    title=p.label.text,
                    body=body,
                    status=p.status.value,
                    id=q.unit_id,
                    **_quote_fields(q),
                )
            )
    return cards


def _moment_cards(journey_map: JourneyMap, stages: dict[str, str]) -> list[Card]:
    labels = proposal_labels([*journey_map.pain_points, *journey_map.delights])
    cards = []
    for m in journey_map.moments_of_truth:
        where = stage_label(stages, m.stage)
        body = (
            f"Mean sentiment {signed(m.mean_sentiment)}, {signed(m.difference)} against the "
            f"rest of the journey ({p_text(m.p_value)})"
        )
        if m.proposal_id in labels:
            body += f"; linked to: {labels[m.proposal_id]}"
        cards.append(
            _card(
                "moment_of_truth",
                stage=where,
                title=f"{m.kind.title()}: {where}",
                body=body,
                id=m.id,
                **_quote_fields(_first_quote(m.quotes)),
            )
        )
    return cards


def _persona_cards(journey_map: JourneyMap) -> list[Card]:
    labels = proposal_labels(journey_map.pain_points)
    cards = []
    for p in journey_map.personas:
        pains = "; ".join(labels.get(i, i) for i in p.top_pains)
        body = (
            f"{p.size} respondents ({p.share:.0%}). Traits: {'; '.join(p.traits) or 'none'}. "
            f"Goals: {'; '.join(p.goals) or 'none'}. Top pains: {pains or 'none'}"
        )
        cards.append(
            _card(
                "persona",
                title=p.name.text,
                body=body,
                status=p.status.value,
                id=p.id,
                **_quote_fields(_first_quote(p.quotes)),
            )
        )
    return cards


def _opportunity_cards(journey_map: JourneyMap, stages: dict[str, str]) -> list[Card]:
    labels = proposal_labels([*journey_map.pain_points, *journey_map.delights])
    cards = []
    for o in journey_map.opportunities:
        linked = "; ".join(labels.get(i, i) for i in o.proposal_ids)
        cards.append(
            _card(
                "opportunity",
                stage=stage_label(stages, o.stage),
                title=o.text.text,
                body=f"For: {linked}" if linked else "",
                id=o.id,
            )
        )
    return cards


def make_cards(journey_map: JourneyMap, *, accepted_only: bool = False) -> list[dict[str, str]]:
    """The cards of the CSV export, before formula neutralisation.

    Args:
        journey_map: The map (with review decisions applied).
        accepted_only: Show accepted proposals and personas only.

    Returns:
        One dict per card, keyed by `CARD_COLUMNS`.
    """
    jm = filter_map(journey_map, accepted_only=accepted_only)
    stages = stage_labels(jm)
    return [
        *_stage_cards(jm, stages),
        *(_proposal_card(p, stages) for p in jm.pain_points),
        *(_proposal_card(d, stages) for d in jm.delights),
        *_moment_cards(jm, stages),
        *_quote_cards([*jm.pain_points, *jm.delights], stages),
        *_persona_cards(jm),
        *_opportunity_cards(jm, stages),
    ]


def render_csv(journey_map: JourneyMap, *, accepted_only: bool = False, bom: bool = True) -> str:
    """The cards as CSV text (with a leading BOM unless `bom=False`), cells neutralised.

    Example:
        >>> text = render_csv(journey_map)  # doctest: +SKIP
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CARD_COLUMNS)
    for card in make_cards(journey_map, accepted_only=accepted_only):
        writer.writerow(neutralise(card[col]) for col in CARD_COLUMNS)
    return ("\ufeff" if bom else "") + buffer.getvalue()
