"""Robustness of every ingest parser: kept fuzz findings and property-based inputs.

Whatever the bytes, ingest returns units or raises an `InsightsError` with a
one-line message; nothing else may escape.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights.errors import InsightsError
from insights.ingest import ingest

CASES = Path(__file__).resolve().parents[1] / "fuzz_cases"
FOUND = sorted(p for p in CASES.rglob("*") if p.is_file() and p.name != "README.md")
SUFFIXES = ("txt", "md", "vtt", "srt", "csv", "tsv", "json", "jsonl", "docx", "xlsx")


def _ingest_or_clean_error(path: Path, splitter, detector) -> None:
    try:
        result = ingest([path], splitter=splitter, detector=detector)
    except InsightsError as exc:
        message = str(exc)
        assert message and "\n" not in message, message
        return
    assert len(result.units) > 0


@pytest.mark.parametrize("case", FOUND, ids=[p.name for p in FOUND])
def test_kept_fuzz_findings_are_handled(case: Path, tmp_path: Path, splitter, detector) -> None:
    target = tmp_path / f"case{case.suffix}"
    target.write_bytes(case.read_bytes())
    _ingest_or_clean_error(target, splitter, detector)


_LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            [
                "Interviewer: how was it?",
                "P3: it was late, 06 12 34 56 78",
                "00:00:01.000 --> 00:00:04.000",
                "WEBVTT",
                "<v Claire>Bonjour</v>",
                "1",
                'id;text\n1;"broken',
                '{"text": "ok", "rating": 5}',
                "[{",
                "\x00\x01\x02",
                '=HYPERLINK("http://x")',
            ]
        ),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(suffix=st.sampled_from(SUFFIXES), lines=_LINES, junk=st.binary(max_size=64))
def test_any_input_gives_units_or_a_clean_error(
    tmp_path: Path, splitter, detector, suffix: str, lines: list[str], junk: bytes
) -> None:
    path = tmp_path / f"input.{suffix}"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + junk)
    _ingest_or_clean_error(path, splitter, detector)
