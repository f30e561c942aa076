from __future__ import annotations

import pytest

from insights.errors import UsageError
from insights.export import FORMATS, export_map, render


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_map_writes_each_format_and_leaves_no_temp_file(small_map, small_run, fmt):
    out = small_run.parent / "exports" / f"map.{fmt}"
    assert export_map(small_map, fmt, out, run_dir=small_run) == out
    assert out.read_bytes() == render(small_map, fmt, run_dir=small_run)
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_unknown_format_is_a_one_line_usage_error(small_map, tmp_path):
    with pytest.raises(UsageError) as caught:
        export_map(small_map, "pdf", tmp_path / "map.pdf")
    assert str(caught.value) == "unknown export format 'pdf'; use one of json, csv, md, html, qdpx"
    assert not (tmp_path / "map.pdf").exists()


def test_a_folder_as_output_is_refused(small_map, tmp_path):
    with pytest.raises(UsageError, match="is a folder"):
        export_map(small_map, "md", tmp_path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_map_with_nothing_found_still_exports(small_map, fmt):
    empty = small_map.model_copy(
        update={"stages": [], "pain_points": [], "delights": [], "moments_of_truth": [],
                "personas": [], "opportunities": []}
    )  # fmt: skip
    assert render(empty, fmt)
