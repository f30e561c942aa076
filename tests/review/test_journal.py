from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insights.review.decisions import Decision, DecisionType, new_decision
from insights.review.journal import append_decisions, read_journal


def _decisions(n: int) -> list[Decision]:
    kinds = [
        (DecisionType.ACCEPT, ["P-0000000a"], {}),
        (DecisionType.RENAME, ["P-0000000b"], {"text": "Remboursement trop lent — «x»"}),
        (DecisionType.MERGE, ["P-0000000a", "P-0000000b"], {}),
        (DecisionType.MOVE, ["D-0000000c"], {"stage": None}),
    ]
    out = []
    for i in range(n):
        kind, targets, values = kinds[i % len(kinds)]
        out.append(new_decision(kind, targets, values, {t: [f"u{i}", "u9"] for t in targets}))
    return out


def test_decisions_round_trip_in_order(tmp_path):
    path = tmp_path / "review.jsonl"
    decisions = _decisions(5)
    append_decisions(path, decisions[:2])
    append_decisions(path, decisions[2:])
    read = read_journal(path)
    assert read.decisions == decisions
    assert read.warnings == []
    assert path.read_bytes().count(b"\n") == 5


def test_missing_journal_is_empty(tmp_path):
    read = read_journal(tmp_path / "review.jsonl")
    assert (read.decisions, read.warnings) == ([], [])


def test_torn_last_line_is_ignored_with_a_warning_then_cut_before_appending(tmp_path):
    path = tmp_path / "review.jsonl"
    first, second, third = _decisions(3)
    append_decisions(path, [first, second])
    whole = third.model_dump_json().encode()
    with path.open("ab") as handle:
        handle.write(whole[: len(whole) // 2])  # a kill or power cut mid-write
    read = read_journal(path)
    assert read.decisions == [first, second]
    assert len(read.warnings) == 1 and "line 3 is incomplete" in read.warnings[0]

    append_decisions(path, [third])
    read = read_journal(path)
    assert read.decisions == [first, second, third]
    assert read.warnings == []


def test_complete_last_line_without_newline_is_kept(tmp_path):
    path = tmp_path / "review.jsonl"
    first, second = _decisions(2)
    path.write_bytes(first.model_dump_json().encode())
    assert read_journal(path).decisions == [first]
    append_decisions(path, [second])
    assert read_journal(path).decisions == [first, second]


def test_garbled_middle_line_and_repeated_id_are_skipped(tmp_path):
    path = tmp_path / "review.jsonl"
    first, second = _decisions(2)
    lines = [
        first.model_dump_json(),
        '{"id": "d-x", "type": "rename", "targets": ["P-1"]}',  # no ts, no text
        "\x00\xff garbage",
        first.model_dump_json(),
        second.model_dump_json(),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = read_journal(path)
    assert read.decisions == [first, second]
    assert len(read.warnings) == 3
    assert "repeats an earlier decision id" in read.warnings[2]


_GARBAGE = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda s: s.encode("utf-8")),
    st.sampled_from([b"\n", b"{}\n", b'{"id": "d-1"}', b"[1, 2]\n{", b"\n\n\xff\n", b"}"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=0, max_value=6),
    cut=st.floats(min_value=0, max_value=1),
    garbage=_GARBAGE,
)
def test_any_truncation_plus_garbage_replays_a_prefix(n, cut, garbage):
    decisions = _decisions(n)
    data = b"".join(d.model_dump_json().encode() + b"\n" for d in decisions)
    broken = data[: int(len(data) * cut)] + garbage
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "review.jsonl"
        path.write_bytes(broken)
        got = read_journal(path).decisions
        assert got == decisions[: len(got)]
        # Appending after any damage keeps that prefix and adds the new decision.
        extra = new_decision(DecisionType.ACCEPT, ["P-ffffffff"])
        append_decisions(path, [extra])
        assert read_journal(path).decisions == [*got, extra]


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "d-1", "ts": "t", "type": "rename", "targets": ["P-1"], "values": {}}',
        '{"id": "d-1", "ts": "t", "type": "merge", "targets": ["P-1"]}',
        '{"id": "d-1", "ts": "t", "type": "undo", "targets": []}',
        '{"id": "d-1", "ts": "t", "type": "accept", "targets": ["P-1"], "extra": 1}',
        '{"id": "d-1", "ts": "t", "type": "explode", "targets": ["P-1"]}',
    ],
)
def test_lines_that_are_not_valid_decisions_are_skipped(tmp_path, line):
    path = tmp_path / "review.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    read = read_journal(path)
    assert read.decisions == []
    assert len(read.warnings) == 1


def test_a_torn_last_line_that_still_parses_is_not_taken_for_the_decision(tmp_path):
    # Found by hypothesis: a merge line cut after its "values" field, then a stray "}",
    # is valid JSON for a merge without its members.
    merge = new_decision(DecisionType.MERGE, ["P-0000000a", "P-0000000b"])
    merge = merge.model_copy(update={"members": {"P-0000000a": ["u2"], "P-0000000b": ["u9"]}})
    line = merge.model_dump_json()
    torn = line[: line.index(',"members"')] + "}"
    path = tmp_path / "review.jsonl"
    path.write_text(torn, encoding="utf-8")
    read = read_journal(path)
    assert read.decisions == [] and "incomplete" in read.warnings[0]
    path.write_text(line, encoding="utf-8")  # the whole line without its newline still counts
    assert read_journal(path).decisions == [merge]
