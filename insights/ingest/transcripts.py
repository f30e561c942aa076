"""Read interview transcripts (TXT, MD, VTT, SRT, DOCX) into one record per speaker turn.

Turns are detected by `insights.ingest.speakers` (labels like `Interviewer:`,
`Q:`, `P3:`, `[00:01:02] Claire :`, VTT voice tags `<v Claire>`); interviewer
turns are kept as context (`role` interviewer) and give respondent turns their
`question`.

Records:
    record_id: "t{n}" for turn n (1-based, stable for the same file). A turn cut
        in several spans (a subtitle turn over several cues, a Markdown heading
        inside a turn) gives records "t{n}", "t{n}.2", "t{n}.3"….
    respondent_id: "{source}#{speaker}"; the source name when the file has no
        speaker labels (then each paragraph, or each cue, is one record).
    speaker: the label as written ("Q" stays "Q"; its role says interviewer).
    text / char_start: for TXT, MD, VTT and SRT, `text` is the exact slice
        `source_text[char_start:char_start + len(text)]` of the decoded file. For
        DOCX the source text is the document's paragraphs joined with "\\n".
    locator: "line 12" (TXT, MD), "paragraph 7" (DOCX, counting table-cell
        paragraphs too), plus " [00:03:12]" when a timestamp is written with the
        label; the cue start "00:01:02.500" for VTT and SRT.
    question: for a respondent record, the last 300 characters (whitespace
        collapsed) of the latest interviewer turn before it; "" otherwise.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from insights.errors import EmptyInputError, UnsupportedFormatError
from insights.ingest._decode import load_source
from insights.ingest._types import IngestOptions, Record, SourceResult
from insights.ingest.speakers import (
    Segment,
    accept_labels,
    detect_interviewers,
    find_label,
    split_turns,
)
from insights.schema import Kind, Role

__all__ = ["QUESTION_CHARS", "SUFFIXES", "read_transcript", "split_cues"]

SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".docx")
QUESTION_CHARS = 300

_TIMING_RE = re.compile(r"^\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\s*-->")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]+)*[ \t]+(?P<name>[^>]+?)[ \t]*>")
_TAIL_RE = re.compile(r"(?:\s|</v>)*$")

Cue = tuple[str, list[tuple[int, str]]]
Piece = tuple[str | None, int, int]


def read_transcript(path: Path, name: str, options: IngestOptions) -> SourceResult:
    """Read a transcript into one record per speaker turn.

    Args:
        path: a .txt, .md, .vtt, .srt or .docx file.
        name: the name recorded as `source`.
        options: `interviewer` names the interviewer speakers; `max_bytes` caps the size.

    Returns:
        The records, with notes: speakers (turns per label), interviewers, the rule
        that found them, format, encoding, and how many lines (cue spans for
        subtitles) before the first speaker label were skipped.

    Raises:
        UnsupportedFormatError: another suffix, or a file that is not really DOCX.
        DecodeError: binary content, or a corrupt DOCX.
        EmptyInputError: no text, or no subtitle cue.

    Example:
        >>> result = read_transcript(Path("interview.vtt"), "interview.vtt", IngestOptions())
        >>> [(r.speaker, r.role.value, r.locator) for r in result.records][:2]
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedFormatError(
            f"{name}: {suffix or 'no suffix'} is not a transcript format; use {', '.join(SUFFIXES)}"
        )
    parsed = (
        _parse_docx(path, name, options) if suffix == ".docx" else _parse_text(path, name, options)
    )
    if not parsed.segments:
        raise EmptyInputError(f"{name}: transcript holds no text; remove it or add content")
    records, notes = _records(parsed.text, parsed.segments, name, options, parsed.locate)
    notes.update(
        format=suffix.lstrip("."),
        encoding=parsed.encoding,
        skipped_before_first_speaker=parsed.skipped,
    )
    return SourceResult(
        source=name, sha256=parsed.sha256, kind=Kind.TRANSCRIPT, records=records, notes=notes
    )


class _Parsed(NamedTuple):
    text: str
    sha256: str
    encoding: str
    segments: list[Segment]
    skipped: int
    locate: Callable[[Segment], str]


def _parse_docx(path: Path, name: str, options: IngestOptions) -> _Parsed:
    from insights.ingest._docx import load_docx

    sha256, paragraphs = load_docx(path, name, max_bytes=options.max_bytes)
    text = "\n".join(paragraphs)
    segments, skipped = split_turns(text)
    locate = _counter_locator("paragraph", [len(p) + 1 for p in paragraphs])
    return _Parsed(text, sha256, "docx", segments, skipped, locate)


def _parse_text(path: Path, name: str, options: IngestOptions) -> _Parsed:
    source = load_source(path, name, max_bytes=options.max_bytes)
    text = source.text
    locate: Callable[[Segment], str]
    if path.suffix.lower() in (".vtt", ".srt"):
        segments, skipped = _subtitle_segments(text, name)
        locate = _cue_locator
    else:
        segments, skipped = split_turns(text)
        locate = _counter_locator("line", [len(line) + 1 for line in text.split("\n")])
    return _Parsed(text, source.sha256, source.encoding, segments, skipped, locate)


def _records(
    text: str,
    segments: list[Segment],
    name: str,
    options: IngestOptions,
    locate: Callable[[Segment], str],
) -> tuple[list[Record], dict[str, object]]:
    turns = _group_turns(segments)
    said = [(turn[0].speaker, " ".join(text[s.start : s.end] for s in turn)) for turn in turns]
    interviewers, rule = detect_interviewers(said, names=options.interviewer)
    records: list[Record] = []
    question = ""
    for number, (turn, (speaker, whole)) in enumerate(zip(turns, said, strict=True), start=1):
        role = Role.INTERVIEWER if speaker in interviewers else Role.RESPONDENT
        for part, seg in enumerate(turn, start=1):
            records.append(
                Record(
                    record_id=f"t{number}" if part == 1 else f"t{number}.{part}",
                    respondent_id=f"{name}#{speaker}" if speaker else name,
                    text=text[seg.start : seg.end],
                    locator=locate(seg),
                    char_start=seg.start,
                    speaker=speaker,
                    role=role,
                    question=question if role is Role.RESPONDENT else "",
                )
            )
        if role is Role.INTERVIEWER:
            question = _tail(whole, QUESTION_CHARS)
    notes: dict[str, object] = {
        "speakers": dict(Counter(speaker for speaker, _ in said if speaker)),
        "interviewers": interviewers,
        "interviewer_rule": rule,
    }
    return records, notes


def _group_turns(segments: Sequence[Segment]) -> list[list[Segment]]:
    turns: list[list[Segment]] = []
    for seg in segments:
        if seg.new_turn or not turns:
            turns.append([seg])
        else:
            turns[-1].append(seg)
    return turns


def _tail(text: str, limit: int) -> str:
    """The end of `text` (where a question usually is), whitespace collapsed."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[-(limit - 1) :]
    return "…" + (cut.split(" ", 1)[1] if " " in cut else cut)


def _counter_locator(unit: str, lengths: list[int]) -> Callable[[Segment], str]:
    starts = list(itertools.accumulate(lengths, initial=0))

    def locate(seg: Segment) -> str:
        where = f"{unit} {bisect.bisect_right(starts, seg.start)}"
        return f"{where} [{seg.timestamp}]" if seg.timestamp else where

    return locate


def _cue_locator(seg: Segment) -> str:
    return seg.timestamp


def _subtitle_segments(text: str, name: str) -> tuple[list[Segment], int]:
    segments = split_cues(text)
    if not segments:
        raise EmptyInputError(
            f"{name}: no subtitle cue with text (cues start with a 'start --> end' line); "
            "check it is a WebVTT/SRT file, or rename it .txt"
        )
    if not any(seg.speaker for seg in segments):
        return segments, 0
    kept = [seg for seg in segments if seg.speaker]
    return kept, len(segments) - len(kept)


def split_cues(text: str) -> list[Segment]:
    """Split a WebVTT or SRT file into speaker segments, one or more per cue.

    The speaker of a cue comes from a voice tag (`<v Claire>`, `<v.loud Claire>`)
    or a label at the start of a payload line (`Claire: …`, accepted as in
    `speakers.accept_labels`); a cue without one continues the previous speaker.
    Consecutive cues of one speaker form one turn (one segment per cue, since
    timing lines interrupt the text). Without any speaker each cue is its own turn
    with speaker "". Cue identifiers, NOTE and STYLE blocks are skipped.

    Args:
        text: the decoded subtitle file.

    Returns:
        The segments; `timestamp` is the cue start as HH:MM:SS.mmm.
    """
    cues = _cues(text)
    counts = Counter(
        match.label
        for _, payload in cues
        for _, line in payload
        if (match := find_label(line)) is not None
    )
    accepted = accept_labels(counts)
    segments: list[Segment] = []
    speaker = ""
    for stamp, payload in cues:
        span: tuple[int, int] | None = None
        for offset, line in payload:
            for who, low, high in _pieces(line, offset, accepted):
                if who is not None and who != speaker:
                    _emit(segments, speaker, span, stamp)
                    span, speaker = None, who
                if low < high:
                    span = (span[0] if span else low, high)
        _emit(segments, speaker, span, stamp)
    return segments


def _cues(text: str) -> list[Cue]:
    cues: list[Cue] = []
    payload: list[tuple[int, str]] | None = None
    offset = 0
    for line in text.split("\n"):
        timing = _TIMING_RE.match(line)
        if timing is not None:
            payload = []
            cues.append((_clock(timing["start"]), payload))
        elif not line.strip():
            payload = None
        elif payload is not None:
            payload.append((offset, line))
        offset += len(line) + 1
    return cues


def _pieces(line: str, offset: int, accepted: set[str]) -> list[Piece]:
    tags = list(_VOICE_RE.finditer(line))
    if not tags:
        match = find_label(line)
        if match is not None and match.label in accepted:
            return [_piece(match.label, line, offset, match.text_start, len(line))]
        return [_piece(None, line, offset, 0, len(line))]
    pieces = [_piece(None, line, offset, 0, tags[0].start())]
    ends = [tag.start() for tag in tags[1:]] + [len(line)]
    for tag, end in zip(tags, ends, strict=True):
        pieces.append(_piece(" ".join(tag["name"].split()), line, offset, tag.end(), end))
    return pieces


def _piece(who: str | None, line: str, offset: int, low: int, high: int) -> Piece:
    body = line[low:high]
    start = low + len(body) - len(body.lstrip())
    tail = _TAIL_RE.search(body)
    end = low + (tail.start() if tail else len(body))
    return who, offset + start, offset + max(start, end)


def _emit(segments: list[Segment], speaker: str, span: tuple[int, int] | None, stamp: str) -> None:
    if span is None:
        return
    previous = segments[-1].speaker if segments else None
    new_turn = not speaker or speaker != previous
    segments.append(Segment(speaker, span[0], span[1], new_turn, stamp))


def _clock(stamp: str) -> str:
    """Normalise a cue time ("01:02,5", "1:01:02.500") to HH:MM:SS.mmm."""
    clock, _, fraction = stamp.replace(",", ".").partition(".")
    parts = [int(p) for p in clock.split(":")]
    hours, minutes, seconds = ([0] * (3 - len(parts)) + parts)[-3:]
    millis = (fraction + "000")[:3]
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis}"
