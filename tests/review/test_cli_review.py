from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from insights.cli_review import register
from insights.journeymap.model import LabelOrigin, Status
from insights.review import load_reviewed_map
from insights.review.journal import read_journal
from insights.review.state import load_base_map

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def main() -> None:
        """Test entry with the review command."""

    register(app)
    return app


def _invoke(*args: str):
    return runner.invoke(_app(), ["review", *map(str, args)])


def _pains(run):
    return {p.id: p for p in load_reviewed_map(run).pain_points}


def test_help_has_an_example():
    result = _invoke("--help")
    assert result.exit_code == 0
    assert "Example" in result.output and "--rename ID LABEL" in result.output


def test_scripted_flags_are_recorded_in_order(run_copy):
    base = load_base_map(run_copy)
    a, b, c, d = (p.id for p in base.pain_points[:4])
    delight = base.delights[-1].id
    result = _invoke(
        run_copy,
        "--merge", c, d,
        "--rename", d[:6], "Chatbot loops",  # an id merged away names the merged one
        "--accept", a[:6],
        "--reject", delight,
        "--move", b, "Achat",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    total = len(base.pain_points) + len(base.delights) - 1
    assert f"recorded 5 decisions; 2/{total} reviewed" in result.stderr
    types = [d.type.value for d in read_journal(run_copy / "review.jsonl").decisions]
    assert types == ["merge", "rename", "accept", "reject", "move"]
    pains = _pains(run_copy)
    merged = next(p for p in pains.values() if p.label.text == "Chatbot loops")
    assert merged.label.origin is LabelOrigin.HUMAN and c not in pains and d not in pains
    assert pains[a].status is Status.ACCEPTED
    assert pains[b].stage == "purchase"


def test_apply_file_then_list_json(run_copy, tmp_path):
    base = load_base_map(run_copy)
    a, b = base.pain_points[0].id, base.pain_points[1].id
    delight = base.delights[0].id
    script = tmp_path / "decisions.yaml"
    script.write_text(
        f"- accept: [{a}, {b}]\n"
        f"- rename: {{id: {a}, label: Refund takes weeks}}\n"
        f"- quote: {{id: {a}, drop: 1}}\n"
        f"- opportunity: {{text: Refund tracker, proposals: [{a}]}}\n"
        f"- reject: {delight}\n",
        encoding="utf-8",
    )
    result = _invoke(run_copy, "--apply", script, "--json")
    assert result.exit_code == 0, result.output
    listing = json.loads(result.stdout)
    total = len(base.pain_points) + len(base.delights)
    assert (listing["reviewed"], listing["total"]) == (3, total)
    rows = {row["id"]: row for row in listing["items"]}
    assert len(rows) == total + len(base.personas)
    assert rows[a]["label"] == "Refund takes weeks" and rows[a]["label_origin"] == "human"
    assert rows[a]["quotes"] == len(base.pain_points[0].quotes) - 1
    assert rows[delight]["status"] == "rejected"
    assert rows[base.personas[0].id]["kind"] == "persona"
    assert load_reviewed_map(run_copy).opportunities[0].text.text == "Refund tracker"


def test_list_table_shows_progress(run_copy):
    base = load_base_map(run_copy)
    first = base.pain_points[0].id
    assert _invoke(run_copy, "--accept", first).exit_code == 0
    result = _invoke(run_copy, "--list")
    assert result.exit_code == 0
    total = len(base.pain_points) + len(base.delights)
    assert f"1/{total} proposals reviewed" in result.stdout
    assert first in result.stdout and "accepted" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--accept", "{first}", "--accept", "P-nope"], "error: no proposal or persona 'P-nope'"),
        (["--rename", "{first}"], "error: --rename takes ID LABEL"),
        (["--acept", "{first}"], "error: unexpected '--acept'"),
        (["--move", "{first}", "mars"], "error: unknown stage 'mars'"),
        (["--undo"], "error: nothing to undo"),
    ],
)
def test_bad_decisions_are_one_line_exit_1_and_nothing_written(run_copy, args, message):
    first = load_base_map(run_copy).pain_points[0].id
    result = _invoke(run_copy, *(a.format(first=first) for a in args))
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (run_copy / "review.jsonl").exists()


def test_missing_run_folder_is_one_line(tmp_path):
    result = _invoke(tmp_path / "nope", "--list")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {tmp_path / 'nope'}: no such run folder; give the --out folder of `insights run`"
    )


def test_debug_shows_the_traceback(run_copy):
    result = _invoke(run_copy, "--accept", "P-nope", "--debug")
    assert result.exit_code != 0 and result.exception is not None


def test_importing_the_command_stays_light():
    code = (
        "import sys, insights.cli_review; "
        "print(sorted(m for m in ('torch', 'spacy', 'pandas', 'sklearn', 'pydantic') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
