from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from insights.cli import app

runner = CliRunner()


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from insights.cli import app; from typer.testing import CliRunner; "
        "CliRunner().invoke(app, ['--help']); "
        "print(sorted(m for m in ('torch','spacy','pandas','sentence_transformers') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("command", ["run", "ingest"])
def test_missing_input_is_one_line_exit_1(command, tmp_path):
    result = runner.invoke(app, [command, str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    expected = f"error: {tmp_path / 'nope.csv'}: no such file or folder; check the path"
    assert result.stderr.strip() == expected
    assert "Traceback" not in result.output


def test_unsupported_file_is_one_line_exit_1(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04junk")
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 1
    assert "unsupported format '.pptx'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_format_option_is_one_line_exit_1(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Customer: the bike is great.\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(path), "--out", str(out), "--format", "xml"])
    assert result.exit_code == 1
    assert "--format 'xml' is not supported" in result.stderr
    assert not out.exists()


def test_max_bytes_limits_input_files(tmp_path) -> None:
    path = tmp_path / "answers.txt"
    path.write_text("Interviewer: Hi?\nClaire: " + "The delivery was late. " * 100)
    result = runner.invoke(app, ["ingest", str(path), "--max-bytes", "1K"])
    assert result.exit_code == 1
    assert "over the 1,024-byte limit" in result.stderr
    assert "Traceback" not in result.output
    ok = runner.invoke(app, ["ingest", str(path), "--max-bytes", "1M"])
    assert ok.exit_code == 0, ok.output


def test_max_bytes_must_be_a_size(tmp_path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--max-bytes", "lots"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: --max-bytes 'lots' is not a size; give e.g. 512M or 2G"
