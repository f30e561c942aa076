"""`insights review`: the researcher's review of a run's proposals (interactive or scripted).

A thin layer over `insights.review`: it turns flags into decision specs, calls
`record` or `run_session`, and prints. Heavy modules load inside the command.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from insights.review import ReplayReport, ReviewState

__all__ = ["register", "review"]

_DECISION_FLAGS = {
    "allow_extra_args": True,
    "ignore_unknown_options": True,
    "help_option_names": ["--help"],
}


def review(
    ctx: typer.Context,
    run_dir: Annotated[Path, typer.Argument(help="Run folder (the --out of `insights run`).")],
    apply: Annotated[
        Path | None, typer.Option("--apply", help="YAML file of decisions, applied in order.")
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List proposals and their review status.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="List as JSON (implies --list).")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of errors.")] = False,
) -> None:
    """Review proposals: accept, reject, rename, merge, split, move; saved in review.jsonl.

    Without decisions: an interactive review, one proposal at a time, resuming
    where the last one stopped (? shows the keys).

    Scripted decisions follow RUN_DIR and are recorded in the order given, after
    the --apply file: --accept ID, --reject ID, --rename ID LABEL, --summary ID
    TEXT, --move ID STAGE, --merge ID ID (the second into the first), --split ID,
    --pin ID QUOTE, --drop ID QUOTE, --opportunity ID TEXT, --skip ID, --undo.
    IDs may be short prefixes (P-8714); an id merged away names the merged
    proposal. All or nothing: an unknown id records nothing.

    Example: insights review out/demo --accept P-87148aa8 --rename P-87148aa8 "Refund takes weeks"
    """
    from rich.console import Console

    from insights.cli import _user_errors
    from insights.review import load_state, parse_flags, progress, read_script, record

    err = Console(stderr=True, highlight=False)
    list_ = list_ or as_json
    with _user_errors(debug):
        flags = parse_flags(ctx.args)
        state = load_state(run_dir)
        specs = [*(read_script(apply) if apply else []), *flags]
        if not specs and not list_:
            _interactive(run_dir)
            return
        if specs:
            before = len(state.decisions)
            state = record(state, specs)
            done, total = progress(state)
            err.print(
                f"recorded {len(state.decisions) - before} decisions; {done}/{total} reviewed"
            )
        _print_report(err, state.report)
        if list_:
            _print_list(state, as_json=as_json)


def _interactive(run_dir: Path) -> None:
    from rich.console import Console

    from insights.review.session import run_session

    run_session(run_dir, console=Console(highlight=False))


def _print_report(err: Console, report: ReplayReport) -> None:
    from rich.markup import escape

    for line in [*report.warnings, *report.unapplied]:
        err.print(f"warning: {escape(line)}")


def _print_list(state: ReviewState, *, as_json: bool) -> None:
    from rich.console import Console

    from insights.review import progress
    from insights.review.render import list_rows, proposal_table

    rows = list_rows(state.reviewed)
    done, total = progress(state)
    if as_json:
        payload = {"run": str(state.run_dir), "reviewed": done, "total": total, "items": rows}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    Console().print(proposal_table(rows, title=f"{done}/{total} proposals reviewed"))


def register(app: typer.Typer) -> None:
    """Add the `review` command to the `insights` app."""
    app.command("review", context_settings=_DECISION_FLAGS)(review)
