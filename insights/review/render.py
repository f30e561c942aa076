"""Rich rendering of proposals for the review: a card per proposal, a table of all.

Every text that comes from research material or a person is escaped, so a
quote holding ``[EMAIL]`` or ``[bold]`` prints as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from insights.journeymap.model import JourneyMap, LabelOrigin, Proposal, ProposalKind

__all__ = ["HELP", "KEYS", "list_rows", "proposal_table", "show_card", "show_help"]

HELP = (
    ("a", "accept"),
    ("r", "reject"),
    ("n", "rename (n TEXT, or n then type)"),
    ("e", "edit summary"),
    ("m", "move to another stage"),
    ("g", "merge with another proposal"),
    ("s", "split into 2 or 3 parts"),
    ("p", "pin a quote as representative (p 2)"),
    ("d", "drop a quote (d 3)"),
    ("o", "add an opportunity"),
    ("k", "skip (review it later)"),
    ("u", "undo the last decision"),
    ("v", "show the proposal again"),
    ("j", "jump to a proposal by id (j P-8714), e.g. to change a decision"),
    ("l", "list all proposals"),
    ("q", "quit (everything is already saved)"),
)

KEYS = (
    "keys: a accept · r reject · n rename · e summary · m move · g merge · s split · "
    "p pin quote · d drop quote · o opportunity · k skip · u undo · j jump · l list · "
    "q quit · ? help"
)
_MEASURE = {ProposalKind.PAIN: "severity", ProposalKind.DELIGHT: "strength"}
_KIND = {ProposalKind.PAIN: "pain point", ProposalKind.DELIGHT: "delight"}


def _shares(dist: dict[str, float], n: int = 3) -> str:
    return " · ".join(f"{escape(k)} {v:.0%}" for k, v in list(dist.items())[:n]) or "–"


def _origin(proposal: Proposal) -> str:
    label = proposal.label
    if label.origin is LabelOrigin.HUMAN:
        return "[green]edited[/green]"
    return "model label" + (f", confidence {label.confidence:.2f}" if label.confidence else "")


def show_card(console: Console, proposal: Proposal, *, stage_names: dict[str, str]) -> None:
    """Print one proposal: label, stats, stage, touchpoints, emotions, summary, quotes."""
    freq = proposal.frequency
    stage = stage_names.get(proposal.stage or "", proposal.stage or "none")
    console.rule(f"{proposal.id} · {_KIND[proposal.kind]} · {proposal.status.value}")
    console.print(f"[bold]{escape(proposal.label.text)}[/bold]  ({_origin(proposal)})")
    console.print(
        f"{_MEASURE[proposal.kind]} {proposal.severity:.2f} · {freq.units} statements · "
        f"{freq.respondents} "
        f"respondents ({freq.share_of_respondents:.1%}) · mean sentiment "
        f"{proposal.mean_sentiment:+.2f}"
    )
    console.print(f"stage: [bold]{escape(stage)}[/bold]  ({_shares(proposal.stage_distribution)})")
    console.print(f"touchpoints: {_shares(proposal.touchpoints)}")
    console.print(f"emotions: {_shares(proposal.emotions)}")
    console.print(f"key phrases: {escape(', '.join(proposal.key_phrases)) or '–'}")
    console.print(f"summary: {escape(proposal.summary.text)}")
    for number, quote in enumerate(proposal.quotes, start=1):
        who = quote.respondent_id.rsplit("#", 1)[-1]
        console.print(
            f"  {number}. “{escape(quote.text)}” — {escape(who)} ({escape(quote.source)}, "
            f"{escape(quote.locator)})",
            highlight=False,
        )


def show_help(console: Console) -> None:
    """Print the review keys."""
    for key, text in HELP:
        console.print(f"  [bold]{key}[/bold]  {text}")


def list_rows(journey_map: JourneyMap) -> list[dict[str, Any]]:
    """One plain row per proposal and persona, for ``--list`` (table or JSON)."""
    rows: list[dict[str, Any]] = []
    for p in [*journey_map.pain_points, *journey_map.delights]:
        rows.append(
            {
                "id": p.id,
                "kind": p.kind.value,
                "status": p.status.value,
                "label": p.label.text,
                "label_origin": p.label.origin.value,
                "stage": p.stage,
                "severity": p.severity,
                "units": p.frequency.units,
                "respondents": p.frequency.respondents,
                "quotes": len(p.quotes),
            }
        )
    for persona in journey_map.personas:
        rows.append(
            {
                "id": persona.id,
                "kind": "persona",
                "status": persona.status.value,
                "label": persona.name.text,
                "label_origin": persona.name.origin.value,
                "stage": None,
                "severity": None,
                "units": None,
                "respondents": persona.size,
                "quotes": len(persona.quotes),
            }
        )
    return rows


def proposal_table(rows: Sequence[dict[str, Any]], *, title: str) -> Table:
    """A rich table of `list_rows` rows."""
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
    for column in ("id", "status", "sev.", "units", "resp.", "stage"):
        table.add_column(
            column,
            no_wrap=True,
            justify="right" if column in ("sev.", "units", "resp.") else "left",
        )
    table.add_column("label", overflow="fold", min_width=16)
    for row in rows:
        edited = " ✎" if row["label_origin"] == "human" else ""
        table.add_row(
            row["id"],
            row["status"],
            "" if row["severity"] is None else f"{row['severity']:.2f}",
            "" if row["units"] is None else str(row["units"]),
            str(row["respondents"]),
            escape(row["stage"] or ""),
            escape(row["label"]) + edited,
        )
    return table
