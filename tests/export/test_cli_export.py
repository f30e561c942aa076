from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from insights.cli_export import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)

    @app.callback()
    def main() -> None:
        """insights"""

    register(app)
    return app


def _one_line_error(result) -> str:
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


def test_export_help_has_an_example(app):
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0 and "Example: insights export" in result.output


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html", "qdpx"])
def test_format_is_taken_from_the_option_or_the_suffix(app, small_run, tmp_path, fmt):
    by_suffix = tmp_path / f"a.{fmt}"
    by_option = tmp_path / "b.out"
    assert runner.invoke(app, ["export", str(small_run), "-o", str(by_suffix)]).exit_code == 0
    result = runner.invoke(app, ["export", str(small_run), "--format", fmt, "-o", str(by_option)])
    assert result.exit_code == 0 and result.stdout.strip() == f"wrote {by_option}"
    assert by_option.read_bytes() == by_suffix.read_bytes()


def test_missing_run_folder(app, tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path / "nope"), "-o", str(tmp_path / "a.md")])
    assert "no such run folder" in _one_line_error(result)


def test_missing_map(app, tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path), "-o", str(tmp_path / "a.md")])
    assert "map.json is missing" in _one_line_error(result)


def test_a_folder_named_map_json_is_one_line(app, tmp_path):
    (tmp_path / "map.json").mkdir()
    result = runner.invoke(app, ["export", str(tmp_path), "-o", str(tmp_path / "a.md")])
    assert "map.json cannot be read" in _one_line_error(result)


def test_broken_map(app, tmp_path):
    (tmp_path / "map.json").write_text('{"truncated": ', encoding="utf-8")
    result = runner.invoke(app, ["export", str(tmp_path), "-o", str(tmp_path / "a.md")])
    assert "is not a valid map" in _one_line_error(result)
    assert not (tmp_path / "a.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.txt"], "can't tell the format from the suffix"),
        (["-o", "x.txt", "--format", "pdf"], "unknown export format 'pdf'"),
    ],
)
def test_bad_format(app, small_run, tmp_path, args, message):
    result = runner.invoke(app, ["export", str(small_run), *args])
    assert message in _one_line_error(result)


def test_refuses_to_overwrite_the_runs_own_files(app, small_run):
    before = (small_run / "map.json").read_bytes()
    result = runner.invoke(app, ["export", str(small_run), "-o", str(small_run / "map.json")])
    assert "is a file of the run itself" in _one_line_error(result)
    assert (small_run / "map.json").read_bytes() == before


@pytest.mark.slow
def test_demo_run_exports_every_format(app, run_copy, tmp_path):
    outs = {fmt: tmp_path / f"demo.{fmt}" for fmt in ("json", "csv", "md", "html", "qdpx")}
    for out in outs.values():
        result = runner.invoke(app, ["export", str(run_copy), "-o", str(out)])
        assert result.exit_code == 0, result.output
    data = json.loads(outs["json"].read_text(encoding="utf-8"))
    cards = pd.read_csv(outs["csv"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert len(cards[cards.layer == "pain_point"]) == len(data["pain_points"])
    first = data["pain_points"][0]
    assert first["label"]["text"] in outs["md"].read_text(encoding="utf-8")
    assert first["label"]["text"] in outs["html"].read_text(encoding="utf-8")
    archive = zipfile.ZipFile(io.BytesIO(outs["qdpx"].read_bytes()))
    assert len(archive.namelist()) == 1 + len(data["sources"])


@pytest.mark.slow
def test_demo_report_renders_in_chromium_with_no_console_message(
    app, run_copy, headless_chromium, tmp_path
):
    page = tmp_path / "demo.html"
    assert runner.invoke(app, ["export", str(run_copy), "-o", str(page)]).exit_code == 0
    shot = tmp_path / "demo.png"
    _, console = headless_chromium(page.as_uri(), f"--screenshot={shot}", "--window-size=1800,1300")
    assert console == []
    assert shot.stat().st_size > 50_000


def test_a_run_folder_left_mid_move_that_cannot_be_completed(app, tmp_path, monkeypatch):
    import os

    import insights.io

    (tmp_path / ".staging-x").mkdir()
    (tmp_path / ".staging-x" / "map.json").write_text("{}")
    (tmp_path / ".outputs-commit").write_text(".staging-x")

    def read_only(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(insights.io.os, "replace", read_only)
    result = runner.invoke(app, ["export", str(tmp_path), "-o", str(tmp_path / "a.md")])
    assert "Permission denied" in _one_line_error(result)
    assert not (tmp_path / "a.md").exists() and os.path.isdir(tmp_path / ".staging-x")
