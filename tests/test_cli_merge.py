from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from insights.cli_merge import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    return app


def _accept(run_dir, count: int) -> list[str]:
    """Mark the first `count` pain points accepted in the run's map, as a review would."""
    path = run_dir / "map.json"
    data = json.loads(path.read_text("utf-8"))
    for pain in data["pain_points"][:count]:
        pain["status"] = "accepted"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return [p["id"] for p in data["pain_points"][:count]]


def test_merge_creates_the_map_then_changes_nothing(app, run_copy, tmp_path):
    into = tmp_path / "journey" / "map.json"
    first = runner.invoke(app, ["merge", str(run_copy), "--into", str(into), "--all"])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith(f"created {into}:")
    text = into.read_bytes()
    again = runner.invoke(app, ["merge", str(run_copy), "--into", str(into), "--all"])
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith(f"unchanged: {into}: 0 added, 0 updated")
    assert into.read_bytes() == text
    assert not (into.parent / "map.json.bak").exists()


def test_merge_takes_accepted_proposals_only_unless_all(app, run_copy, tmp_path):
    accepted = _accept(run_copy, 2)
    into = tmp_path / "map.json"
    result = runner.invoke(app, ["merge", str(run_copy), "--into", str(into)])
    assert result.exit_code == 0, result.output
    assert "not accepted were left out (see --all)" in result.stdout
    merged = json.loads(into.read_text("utf-8"))
    assert [p["id"] for p in merged["pain_points"]] == accepted
    assert all(p["new"] for p in merged["pain_points"])
    assert merged["delights"] == []
    widened = runner.invoke(app, ["merge", str(run_copy), "--into", str(into), "--all"])
    assert widened.exit_code == 0, widened.output
    assert f"previous version: {into}.bak" in widened.stdout
    assert json.loads((tmp_path / "map.json.bak").read_text("utf-8")) == merged
    assert len(json.loads(into.read_text("utf-8"))["pain_points"]) > len(accepted)


@pytest.mark.parametrize("content", ["{not json", '{"schema_version": "1.0.0"}'])
def test_a_broken_into_file_is_one_error_line(app, run_copy, tmp_path, content):
    into = tmp_path / "map.json"
    into.write_text(content, "utf-8")
    result = runner.invoke(app, ["merge", str(run_copy), "--into", str(into)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {into} is not")
    assert into.read_text("utf-8") == content


def test_a_folder_without_a_run_is_one_error_line(app, tmp_path):
    result = runner.invoke(app, ["merge", str(tmp_path), "--into", str(tmp_path / "map.json")])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert not (tmp_path / "map.json").exists()


def test_merge_help_has_an_example(app):
    result = runner.invoke(app, ["merge", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "--into" in result.output
