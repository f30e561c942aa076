from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from insights.errors import EmptyInputError
from insights.ingest import IngestOptions, ingest
from insights.ingest.reader import combine_units, discover, read_units

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(FIXTURES / "transcripts" / "entretien_fr.txt", tmp_path / "entretien_fr.txt")
    shutil.copy(FIXTURES / "tables" / "reviews.jsonl", tmp_path / "reviews.jsonl")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    return tmp_path


def test_reading_files_one_by_one_and_combining_is_ingest(folder, splitter, detector):
    options = IngestOptions()
    files, skipped = discover([folder])
    parts = [read_units(f, options, splitter=splitter, detector=detector) for f in files]
    combined = combine_units([folder], files, parts, skipped)
    whole = ingest([folder], splitter=splitter, detector=detector)
    pd.testing.assert_frame_equal(combined.units, whole.units)
    pd.testing.assert_frame_equal(combined.respondents, whole.respondents)
    assert combined.sources == whole.sources
    assert combined.skipped_files == whole.skipped_files
    assert [Path(s).name for s in whole.skipped_files] == ["notes.pdf", "empty.txt (empty)"]


def test_an_empty_file_in_a_folder_reads_as_none(folder, splitter, detector):
    files, _ = discover([folder])
    empty = next(f for f in files if f.name == "empty.txt")
    assert read_units(empty, IngestOptions(), splitter=splitter, detector=detector) is None


def test_combining_nothing_read_is_an_error(folder):
    files, skipped = discover([folder])
    with pytest.raises(EmptyInputError, match="no statement found"):
        combine_units([folder], files, [None] * len(files), skipped)
