"""The interactive review: one proposal at a time, one key per decision.

Input is read a line at a time (a key, optionally followed by its value:
``n Refund takes weeks``), so the session works in any terminal, over ssh, and
under a test driver. Every decision is in the journal before the next prompt;
quitting, Ctrl-C, Ctrl-D or a kill lose at most the line being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from insights.errors import InsightsError
from insights.journeymap.model import Proposal
from insights.review.decisions import DecisionType, describe
from insights.review.rebuild import stage_names
from insights.review.render import KEYS, list_rows, proposal_table, show_card, show_help
from insights.review.script import DecisionSpec
from insights.review.state import ReviewState, load_state, progress, record, review_queue

__all__ = ["ReviewSession", "run_session"]

Ask = Callable[[str], str]
T = DecisionType
_SIMPLE = {"a": T.ACCEPT, "r": T.REJECT, "k": T.SKIP}
_MOVES_ON = {T.ACCEPT, T.REJECT, T.SKIP, T.MERGE, T.SPLIT, T.UNDO}


class ReviewSession:
    """A review of one run folder, driven by `ask` (a line of input per call)."""

    def __init__(self, state: ReviewState, *, console: Console, ask: Ask) -> None:
        self.state = state
        self.console = console
        self.ask = ask
        self.stage_names = stage_names(state.base)
        self.focus: str | None = None

    def run(self) -> ReviewState:
        """Review until the person quits; return the state at the end."""
        self._warn()
        self.console.print(KEYS)
        shown: str | None = None
        while True:
            current = self._current()
            if current is not None and current.id != shown:
                show_card(self.console, current, stage_names=self.stage_names)
                shown = current.id
            done, total = progress(self.state)
            where = current.id if current else "all reviewed"
            try:
                line = self.ask(f"{done}/{total} reviewed | {where} > ")
            except (EOFError, KeyboardInterrupt):
                break
            key, _, arg = line.strip().partition(" ")
            if key == "q":
                break
            if self._handle(key.lower(), arg.strip(), current):
                shown = None
        self.console.print(f"Saved in {self.state.run_dir / 'review.jsonl'}.")
        return self.state

    def _current(self) -> Proposal | None:
        """The proposal jumped to, else the head of the review queue."""
        reviewed = self.state.reviewed
        by_id = {p.id: p for p in [*reviewed.pain_points, *reviewed.delights]}
        if self.focus in by_id:
            return by_id[self.focus]
        self.focus = None
        queue = review_queue(self.state)
        return queue[0] if queue else None

    def _jump(self, arg: str) -> bool:
        from insights.review.resolve import find_id

        wanted = arg or self.ask("Go to proposal (id; Enter to cancel): ").strip()
        if not wanted:
            return False
        try:
            self.focus = find_id(wanted, self.state.replayer)
        except InsightsError as exc:
            self.console.print(f"[red]error:[/red] {escape(str(exc))}")
        return True

    def _warn(self) -> None:
        report = self.state.report
        for line in [*report.warnings, *report.unapplied]:
            self.console.print(f"[yellow]warning:[/yellow] {escape(line)}")

    def _handle(self, key: str, arg: str, current: Proposal | None) -> bool:
        """Run one command; True when the current card should be shown again."""
        if key in ("?", "h", ""):
            show_help(self.console)
            return False
        if key == "l":
            rows = list_rows(self.state.reviewed)
            self.console.print(proposal_table(rows, title="Proposals"))
            return False
        if key == "v":
            return True
        if key == "j":
            return self._jump(arg)
        if key == "u":
            return self._record([DecisionSpec(T.UNDO)])
        if current is None:
            self.console.print("All proposals are reviewed: u to undo, l to list, q to quit.")
            return False
        try:
            specs = self._specs(key, arg, current)
        except (EOFError, KeyboardInterrupt):
            specs = None
        except InsightsError as exc:
            self.console.print(f"[red]error:[/red] {escape(str(exc))}")
            return False
        if specs is None:
            self.console.print("cancelled")
            return False
        return self._record(specs)

    def _specs(self, key: str, arg: str, current: Proposal) -> list[DecisionSpec] | None:
        pid = current.id
        if key in _SIMPLE:
            return [DecisionSpec(_SIMPLE[key], (pid,))]
        if key in ("n", "e", "o"):
            kind = {"n": T.RENAME, "e": T.SUMMARY, "o": T.OPPORTUNITY}[key]
            prompt = {"n": "New label", "e": "New summary", "o": "Opportunity"}[key]
            text = arg or self.ask(f"{prompt} (Enter to cancel): ").strip()
            return [DecisionSpec(kind, (pid,), {"text": text})] if text else None
        if key in ("p", "d"):
            which = arg or self.ask("Quote number (Enter to cancel): ").strip()
            action = "pin" if key == "p" else "drop"
            return (
                [DecisionSpec(T.QUOTE, (pid,), {"action": action, "quote": which})]
                if which
                else None
            )
        if key == "m":
            stage = arg or self._choose_stage()
            return [DecisionSpec(T.MOVE, (pid,), {"stage": stage})] if stage else None
        if key == "g":
            other = arg or self._choose_merge(current)
            return [DecisionSpec(T.MERGE, (pid, other))] if other else None
        if key == "s":
            parts = arg or self.ask("Split into how many parts (2 or 3, Enter for the best): ")
            if parts.strip() not in ("", "2", "3"):
                self.console.print("a proposal splits into 2 or 3 parts")
                return None
            self.console.print("Splitting…")
            return [DecisionSpec(T.SPLIT, (pid,), {"parts": parts.strip() or None})]
        self.console.print(f"unknown key {escape(key)!r}; ? shows the keys")
        return None

    def _choose_stage(self) -> str:
        ids = list(self.stage_names)
        for number, stage_id in enumerate(ids, start=1):
            self.console.print(f"  {number}. {escape(self.stage_names[stage_id])} ({stage_id})")
        answer = self.ask("Stage (number, id or none; Enter to cancel): ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(ids):
            return ids[int(answer) - 1]
        return answer

    def _choose_merge(self, current: Proposal) -> str:
        from insights.review.rebuild import most_similar

        reviewed = self.state.reviewed
        pool = reviewed.pain_points if current.id.startswith("P") else reviewed.delights
        others = [p for p in pool if p.id != current.id]
        similar = most_similar(current, others, self.state.data)
        self.console.print("Most similar:")
        for number, (other, score) in enumerate(similar, start=1):
            label = escape(other.label.text)
            self.console.print(f"  {number}. {other.id}  {label}  (similarity {score:.2f})")
        answer = self.ask("Merge with (number or id; Enter to cancel): ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(similar):
            return similar[int(answer) - 1][0].id
        return answer

    def _record(self, specs: list[DecisionSpec]) -> bool:
        before = self.state
        try:
            self.state = record(before, specs)
        except InsightsError as exc:
            self.console.print(f"[red]error:[/red] {escape(str(exc))}")
            return False
        if any(s.type in _MOVES_ON for s in specs):
            self.focus = None
        by_id = {d.id: d for d in before.decisions}
        for decision in self.state.decisions[len(before.decisions) :]:
            if decision.type is T.UNDO:
                cancelled = by_id.get(str(decision.values["decision"]))
                what = describe(cancelled) if cancelled else decision.values["decision"]
                self.console.print(f"undone: {escape(str(what))}")
            else:
                self.console.print(f"saved: {escape(describe(decision))}")
        return True


def run_session(run_dir: Path, *, console: Console, ask: Ask | None = None) -> ReviewState:
    """Review `run_dir` interactively; `ask` defaults to reading lines from the terminal.

    Example:
        >>> run_session(Path("out/demo"), console=Console())
    """
    session = ReviewSession(load_state(run_dir), console=console, ask=ask or console.input)
    return session.run()
