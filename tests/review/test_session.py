from __future__ import annotations

import io
import os
import re
import signal
import sys
import time

import pexpect
from rich.console import Console

from insights.cluster.clustering import proposal_id
from insights.journeymap.model import LabelOrigin, Status
from insights.review import load_reviewed_map, read_journal
from insights.review.decisions import DecisionType
from insights.review.session import run_session
from insights.review.state import load_base_map

T = DecisionType
PROMPT = re.compile(r"(\d+)/(\d+) reviewed \| (\S+) > ")
# `insights review RUN_DIR`, as the installed command runs it.
ENTRY = "from insights.cli import main; main()"


def _scripted(run, lines):
    """Run a session in-process, answering prompts from `lines`; return its output."""
    answers = iter(lines)
    out = io.StringIO()

    def ask(prompt: str) -> str:
        out.write(prompt)
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None  # as Ctrl-D at a terminal

    run_session(run, console=Console(file=out, width=100, no_color=True), ask=ask)
    return out.getvalue()


def _count(run) -> int:
    base = load_base_map(run)
    return len(base.pain_points) + len(base.delights)


def test_keys_make_decisions_and_skipped_proposals_come_last(run_copy):
    pains, n = load_base_map(run_copy).pain_points, str(_count(run_copy))
    out = _scripted(run_copy, ["a", "k", "n Late deliveries", "?", "x", "q"])
    assert "saved: accept " + pains[0].id in out
    assert "saved: skip " + pains[1].id in out
    assert f'saved: rename {pains[2].id} → "Late deliveries"' in out
    assert "unknown key 'x'" in out
    prompts = PROMPT.findall(out)
    assert prompts[0] == ("0", n, pains[0].id)
    assert prompts[-1] == ("1", n, pains[2].id)  # after the skip, the next one
    decisions = read_journal(run_copy / "review.jsonl").decisions
    assert [d.type for d in decisions] == [T.ACCEPT, T.SKIP, T.RENAME]


def test_end_of_input_quits_and_cancelled_prompts_record_nothing(run_copy):
    out = _scripted(run_copy, ["n", "", "m", "", "g", ""])
    assert out.count("cancel): cancelled") == 3
    assert "Saved in" in out
    assert not (run_copy / "review.jsonl").exists()


def test_errors_are_shown_and_the_session_goes_on(run_copy):
    out = _scripted(run_copy, ["u", "m mars", "p 99", "a"])
    assert "error: nothing to undo" in out
    assert "error: unknown stage 'mars'" in out
    assert "quotes; give a number from 1 to 5" in out
    assert len(read_journal(run_copy / "review.jsonl").decisions) == 1


def test_text_with_markup_prints_as_written(run_copy):
    out = _scripted(run_copy, ["n [red]Refunds[/red]", "q"])
    assert "[red]Refunds[/red]  (edited)" in out


def test_jump_goes_back_to_a_reviewed_proposal(run_copy):
    first = load_base_map(run_copy).pain_points[0].id
    out = _scripted(run_copy, ["a", f"j {first[:6]}", "r", "j P-nope", "q"])
    prompts = PROMPT.findall(out)
    assert prompts[2] == ("1", str(_count(run_copy)), first)
    assert "error: no proposal or persona 'P-nope'" in out
    decisions = read_journal(run_copy / "review.jsonl").decisions
    assert [(d.type, d.targets) for d in decisions] == [(T.ACCEPT, [first]), (T.REJECT, [first])]
    assert load_reviewed_map(run_copy).pain_points[0].status is Status.REJECTED


# -- a person at a real terminal (pexpect) -------------------------------------------


def _spawn(run) -> pexpect.spawn:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", NO_COLOR="1")
    env["PYTHONIOENCODING"] = "utf-8"
    child = pexpect.spawn(
        sys.executable,
        ["-c", ENTRY, "review", str(run)],
        env=env,
        encoding="utf-8",
        timeout=90,
        dimensions=(50, 120),
    )
    return child


def _prompt(child: pexpect.spawn) -> tuple[int, int, str]:
    child.expect(PROMPT)
    done, total, current = child.match.groups()
    return int(done), int(total), current


def test_a_person_reviews_quits_and_resumes(run_copy):
    pains, n = load_base_map(run_copy).pain_points, _count(run_copy)
    child = _spawn(run_copy)
    assert _prompt(child) == (0, n, pains[0].id)
    child.sendline("a")
    child.expect(f"saved: accept {pains[0].id}")
    assert _prompt(child) == (1, n, pains[1].id)

    child.sendline("n")
    child.expect("New label")
    child.sendline("Deliveries arrive late")
    child.expect("saved: rename")
    assert _prompt(child) == (1, n, pains[1].id)

    child.sendline("g")
    child.expect("Most similar:")
    child.expect("Merge with")
    options = re.findall(r"^\s*(\d+)\. (\S+) ", child.before, flags=re.MULTILINE)
    # the most similar proposal that is not the one already accepted
    number, partner = next((k, pid) for k, pid in options if pid != pains[0].id)
    child.sendline(number)
    child.expect(f"saved: merge {pains[1].id} \\+ {partner}")
    partner_units = load_base_map(run_copy).pain_points
    union = sorted({u for p in partner_units if p.id in (pains[1].id, partner) for u in p.unit_ids})
    merged = proposal_id(union, "P")
    assert _prompt(child) == (1, n - 1, merged)  # the merged proposal is reviewed next

    child.sendline("s")
    child.expect("Split into how many parts")
    child.sendline("2")
    child.expect(f"saved: split {merged} into 2 parts")
    done, total, part = _prompt(child)
    assert (done, total) == (1, n) and part != merged

    child.sendline("u")
    child.expect(f"undone: split {merged}")
    assert _prompt(child) == (1, n - 1, merged)
    child.sendline("q")
    child.expect(pexpect.EOF)

    decisions = read_journal(run_copy / "review.jsonl").decisions
    assert [d.type for d in decisions] == [T.ACCEPT, T.RENAME, T.MERGE, T.SPLIT, T.UNDO]
    assert decisions[4].values == {"decision": decisions[3].id}
    assert decisions[2].targets == [pains[1].id, partner]
    assert decisions[2].members[partner] == next(p.unit_ids for p in pains if p.id == partner)
    reviewed = {p.id: p for p in load_reviewed_map(run_copy).pain_points}
    assert reviewed[pains[0].id].status is Status.ACCEPTED
    assert reviewed[merged].unit_ids == union
    assert reviewed[merged].label.text == "Deliveries arrive late"
    assert reviewed[merged].label.origin is LabelOrigin.HUMAN and reviewed[merged].label.checked
    assert pains[1].id not in reviewed and partner not in reviewed

    # Resume: the session continues with the merged proposal, where it stopped.
    child = _spawn(run_copy)
    assert _prompt(child) == (1, n - 1, merged)
    child.sendline("a")
    child.expect(f"saved: accept {merged}")
    assert _prompt(child)[:2] == (2, n - 1)
    child.sendline("q")
    child.expect(pexpect.EOF)
    assert len(read_journal(run_copy / "review.jsonl").decisions) == 6


def test_sigkill_loses_only_the_decision_being_typed(run_copy):
    pains, n = load_base_map(run_copy).pain_points, _count(run_copy)
    child = _spawn(run_copy)
    _prompt(child)
    child.sendline("a")
    child.expect("saved: accept")
    _prompt(child)
    child.sendline("r")
    child.expect("saved: reject")
    _prompt(child)
    child.sendline("n")
    child.expect("New label")
    child.send("Half typed lab")  # no Enter: still being typed
    time.sleep(0.3)
    child.kill(signal.SIGKILL)
    child.wait()
    assert child.signalstatus == signal.SIGKILL

    journal = run_copy / "review.jsonl"
    read = read_journal(journal)
    assert [d.type for d in read.decisions] == [T.ACCEPT, T.REJECT] and read.warnings == []
    reviewed = {p.id: p for p in load_reviewed_map(run_copy).pain_points}
    assert reviewed[pains[0].id].status is Status.ACCEPTED
    assert reviewed[pains[1].id].status is Status.REJECTED
    assert reviewed[pains[2].id].label.origin is LabelOrigin.MODEL

    # A power cut in the middle of writing a line leaves a torn last line.
    with journal.open("ab") as handle:
        handle.write(b'{"id": "d-torn", "ts": "2026-01-01T00:0')
    assert len(read_journal(journal).warnings) == 1
    child = _spawn(run_copy)
    child.expect("warning: review.jsonl line 3 is incomplete")
    assert _prompt(child) == (2, n, pains[2].id)
    child.sendline("a")
    child.expect("saved: accept")
    _prompt(child)
    child.sendline("q")
    child.expect(pexpect.EOF)
    read = read_journal(journal)
    assert [d.type for d in read.decisions] == [T.ACCEPT, T.REJECT, T.ACCEPT]
    assert read.warnings == []


def test_ctrl_d_quits_cleanly(run_copy):
    child = _spawn(run_copy)
    _prompt(child)
    child.sendeof()
    child.expect("Saved in")
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0
