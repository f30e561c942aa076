"""Speaker turns in transcripts: which line starts a turn, and who is the interviewer.

A line starts a turn when it begins with a *speaker label*: `Name:` (also
`Name :` with a space or a non-breaking space before the colon, as French
typography writes it), optionally wrapped in Markdown emphasis (`**Name:**`,
`**Name**:`), preceded by a timestamp (`[00:01:02] Name:`, `00:01:02 Name:`)
or followed by one (`Name (00:01:02):`), or a line holding only a name and a
timestamp (`Claire Martin  0:03`, as Otter exports). A label is at most 4 words
and 40 characters, starts with a letter, and the colon is followed by a space or
the line's end (so `at 10:30` or `http://` never start a turn).

To keep sentences such as `Note: it was late` or `The problem was this: …` from
becoming speakers, a candidate label is accepted only when it is

- a known role word (`Interviewer`, `Intervieweuse`, `Modérateur`, `Participant 3`,
  `Speaker 2`…; single letters `Q`, `A`, `I`, `R` and `P3`-style ids must occur at
  least twice), or
- name-like (its first word capitalised, the others capitalised or particles
  such as `de`), not a common heading word (`Note`, `Date`, `Example`…), and
  used at least twice in the file.

Interviewers are found by, in order: the names the user gave (case-insensitive);
known interviewer role words; otherwise, among two or more speakers, by *question
density* (the share of a speaker's turns ending with "?"): the densest speaker
(2+ turns, not a respondent word such as `Interviewee`, `A`, `P1`) is the
interviewer when its density is at least 0.15 and 1.5 times that of the speaker
who says the most words among the others (the main respondent), and its median
turn is shorter than theirs. On 36 real interviews (auto-transcribed, labels
hidden) interviewers end 20-58% of their turns with "?", interviewees 2-16%.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from insights.schema import Role

__all__ = [
    "LabelMatch",
    "Segment",
    "accept_labels",
    "detect_interviewers",
    "find_label",
    "label_role",
    "split_turns",
]

MAX_LABEL_CHARS = 40
MAX_LABEL_WORDS = 4
MIN_QUESTION_DENSITY = 0.15
MIN_DENSITY_RATIO = 1.5

TIMESTAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_SPACE = "[ \t\u00a0\u202f]"
_EMPH = r"(?:\*\*|__|\*|_)"
_LABEL_RE = re.compile(
    rf"""^{_SPACE}*(?:[-–—]{_SPACE}+)?
    (?:[\[(](?P<ts1>{TIMESTAMP})[\])]{_SPACE}*(?:[-–]{_SPACE}*)?
      |(?P<ts2>{TIMESTAMP}){_SPACE}+(?:[-–]{_SPACE}*)?)?
    {_EMPH}?(?P<label>[^\W\d_][\w.'’\- \u00a0]{{0,59}}?){_EMPH}?
    (?:{_SPACE}*[\[(](?P<ts3>{TIMESTAMP})[\])])?
    {_SPACE}*[:：]{_EMPH}?(?=\s|$){_SPACE}*""",
    re.VERBOSE,
)
_NAME_TIME_RE = re.compile(
    rf"^(?P<label>[^\W\d_][\w.'’\- ]{{0,59}}?)(?:{_SPACE}{{2,}}|\t)"
    rf"{_SPACE}*(?P<ts>{TIMESTAMP}){_SPACE}*$"
)

_INTERVIEWER_WORDS = frozenset(
    "interviewer interviewers intervieweur intervieweuse moderator moderateur moderatrice "
    "facilitator facilitateur facilitatrice researcher chercheur chercheuse enqueteur "
    "enquetrice animateur animatrice host q i question".split()
)
_RESPONDENT_WORDS = frozenset(
    "interviewee interviewees participant participante respondent repondant repondante "
    "interviewe intervieweee enquete enquetee a r p answer reponse".split()
)
_NEUTRAL_WORDS = frozenset("speaker intervenant intervenante locuteur locutrice".split())
# Labels that also open ordinary sentences or list items: accepted only when repeated.
_REPEAT_WORDS = frozenset("q a i r p question answer reponse host".split())
_PARTICLES = frozenset("de du des la le van von der den da di del dos el al bin ben y".split())
_STOP_LABELS = frozenset(
    "note notes nb ps pps example examples exemple exemples e.g i.e eg ie summary resume "
    "todo edit update source sources date time heure subject objet re tldr conclusion "
    "context contexte goal goals objective objectif result results resultat problem "
    "probleme solution step etape tip fyi warning attention important remarque pros cons "
    "total price prix email tel phone url link lien duration duree location lieu title "
    "titre topic sujet agenda action actions next steps keywords tags status verdict".split()
)
_QUESTION_END = re.compile(r"[?？]\W*$")
_MARKER_RE = re.compile(
    rf"^{_SPACE}*(?:\#{{1,6}}\s.*|([-*_=])(?:{_SPACE}*\1){{2,}}"
    rf"|[\[(]?(?P<ts>{TIMESTAMP})[\])]?){_SPACE}*$"
)


@dataclass(frozen=True)
class LabelMatch:
    """A candidate speaker label at the start of a line.

    Attributes:
        label: the label as written, without emphasis, spaces or colon.
        text_start: offset in the line where the turn's text starts.
        timestamp: a timestamp written next to the label, "" when none.
    """

    label: str
    text_start: int
    timestamp: str = ""


@dataclass(frozen=True)
class Segment:
    """A span of one speaker's text in the source; a turn is one or more segments.

    Attributes:
        speaker: the label as written, "" when the file has no speaker labels.
        start: offset of the span's first character in the source text.
        end: offset just after its last character (the span never starts or
            ends with whitespace).
        new_turn: the span starts a turn; False when it continues the previous
            speaker's turn after a break (heading, rule, timestamp line, next cue).
        timestamp: the timestamp written with the label or on the line before,
            or the cue start for subtitles; "" when none.
    """

    speaker: str
    start: int
    end: int
    new_turn: bool = True
    timestamp: str = ""


def find_label(line: str) -> LabelMatch | None:
    """Return the candidate speaker label starting `line`, or None.

    Example:
        >>> find_label("[00:01:02] **Claire :** Bonjour")
        LabelMatch(label='Claire', text_start=24, timestamp='00:01:02')
    """
    match = _LABEL_RE.match(line)
    if match is not None:
        stamp = match["ts1"] or match["ts2"] or match["ts3"] or ""
        return _checked(match["label"], match.end(), stamp)
    match = _NAME_TIME_RE.match(line)
    if match is not None:
        return _checked(match["label"], len(line), match["ts"])
    return None


def _checked(raw: str, text_start: int, stamp: str) -> LabelMatch | None:
    label = " ".join(raw.replace("\u00a0", " ").split()).strip("*_")
    if not label or len(label) > MAX_LABEL_CHARS or len(label.split()) > MAX_LABEL_WORDS:
        return None
    return LabelMatch(label=label, text_start=text_start, timestamp=stamp)


def _normalise(label: str) -> str:
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\d#._-]+$", "", bare).strip()


def _role_word(label: str) -> str:
    """The role word of a label ('interviewer' for 'Interviewer 2'), or ""."""
    norm = _normalise(label)
    known = _INTERVIEWER_WORDS | _RESPONDENT_WORDS | _NEUTRAL_WORDS
    if norm in known:
        return norm
    words = label.split()
    first = re.sub(r"\d+$", "", norm.split()[0]) if norm else ""
    rest_ok = all(w[0].isupper() or w[0].isdigit() for w in words[1:])
    return first if first in known and first not in _REPEAT_WORDS and rest_ok else ""


def label_role(label: str) -> Role | None:
    """Return the role a label's wording implies, or None for names and neutral labels.

    Example:
        >>> label_role("Intervieweuse"), label_role("P3"), label_role("Claire")
        (<Role.INTERVIEWER: 'interviewer'>, <Role.RESPONDENT: 'respondent'>, None)
    """
    word = _role_word(label)
    if word in _INTERVIEWER_WORDS:
        return Role.INTERVIEWER
    if word in _RESPONDENT_WORDS:
        return Role.RESPONDENT
    return None


def _name_like(label: str) -> bool:
    words = label.split()
    if not words[0][0].isupper() or _normalise(label) in _STOP_LABELS:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.casefold() in _PARTICLES for w in words)


def accept_labels(counts: dict[str, int]) -> set[str]:
    """Keep the candidate labels that are speakers, by the rule in the module docstring.

    Args:
        counts: how many lines each candidate label starts.

    Returns:
        The accepted labels.
    """
    accepted = set()
    for label, count in counts.items():
        word = _role_word(label)
        if word and (word not in _REPEAT_WORDS or count >= 2):
            accepted.add(label)
        elif count >= 2 and _name_like(label):
            accepted.add(label)
    return accepted


def detect_interviewers(
    turns: Sequence[tuple[str, str]], *, names: Iterable[str] = ()
) -> tuple[list[str], str]:
    """Decide which speakers are interviewers.

    Args:
        turns: (speaker label, turn text) for each turn, in order.
        names: speaker names the user said are interviewers (case-insensitive).

    Returns:
        The interviewer labels (in order of first appearance) and the rule that
        found them: "option", "label", "questions" or "none".
    """
    speakers = list(dict.fromkeys(s for s, _ in turns if s))
    wanted = {n.casefold().strip() for n in names}
    chosen = [s for s in speakers if s.casefold() in wanted]
    if chosen:
        return chosen, "option"
    chosen = [s for s in speakers if label_role(s) is Role.INTERVIEWER]
    if chosen:
        return chosen, "label"
    best = _by_questions(turns, speakers)
    return ([best], "questions") if best else ([], "none")


def _by_questions(turns: Sequence[tuple[str, str]], speakers: list[str]) -> str | None:
    if len(speakers) < 2:
        return None
    words: dict[str, list[int]] = {s: [] for s in speakers}
    asked = dict.fromkeys(speakers, 0)
    for speaker, text in turns:
        if speaker:
            words[speaker].append(len(text.split()))
            asked[speaker] += bool(_QUESTION_END.search(text))
    density = {s: asked[s] / len(words[s]) for s in speakers}
    candidates = [s for s in speakers if len(words[s]) >= 2 and label_role(s) is None]
    if not candidates:
        return None
    best = max(candidates, key=lambda s: density[s])
    main = max((s for s in speakers if s != best), key=lambda s: sum(words[s]))
    if (
        density[best] >= MIN_QUESTION_DENSITY
        and density[best] >= MIN_DENSITY_RATIO * density[main]
        and statistics.median(words[best]) < statistics.median(words[main])
    ):
        return best
    return None


def split_turns(text: str) -> tuple[list[Segment], int]:
    """Split a plain-text or Markdown transcript into speaker segments.

    A line whose label is accepted starts a turn; a line without one continues
    the current turn, across blank lines. Markdown headings, rules (`---`) and
    lines holding only a timestamp close the current segment; the same speaker
    goes on in a new segment. Text before the first label is skipped (a title,
    the date…). When no label is accepted, each paragraph (block between blank
    lines) is one turn with speaker "".

    Args:
        text: the decoded transcript, newlines "\\n".

    Returns:
        The segments in order, and how many non-blank lines were skipped.
    """
    lines = text.split("\n")
    offsets = itertools.accumulate((len(line) + 1 for line in lines), initial=0)
    found = [find_label(line) for line in lines]
    accepted = accept_labels(Counter(m.label for m in found if m is not None))
    builder = _TurnBuilder(by_paragraph=not accepted)
    for line, offset, match in zip(lines, offsets, found, strict=False):  # offsets: +1
        marker = _MARKER_RE.match(line)
        if match is not None and match.label in accepted:
            builder.open(match.label, match.timestamp)
            builder.add(line, offset, match.text_start)
        elif marker is not None:
            builder.close(marker["ts"] or "")
        elif not line.strip():
            if builder.by_paragraph:
                builder.close()
        else:
            builder.add(line, offset, 0)
    builder.close()
    return builder.segments, builder.skipped


class _TurnBuilder:
    """Collects line spans into segments (the state of one `split_turns` call)."""

    def __init__(self, *, by_paragraph: bool) -> None:
        self.by_paragraph = by_paragraph
        self.segments: list[Segment] = []
        self.skipped = 0
        self._speaker: str | None = "" if by_paragraph else None
        self._stamp = ""
        self._new_turn = True
        self._span: tuple[int, int] | None = None

    def open(self, speaker: str, stamp: str) -> None:
        self.close()
        self._speaker, self._stamp, self._new_turn = speaker, stamp, True

    def add(self, line: str, offset: int, start: int) -> None:
        body = line[start:]
        if self._speaker is None:
            self.skipped += 1
        elif body.strip():
            low = offset + start + len(body) - len(body.lstrip())
            high = offset + start + len(body.rstrip())
            self._span = (self._span[0] if self._span else low, high)

    def close(self, stamp: str = "") -> None:
        if self._span is not None and self._speaker is not None:
            self.segments.append(Segment(self._speaker, *self._span, self._new_turn, self._stamp))
            self._span, self._new_turn, self._stamp = None, self.by_paragraph, stamp
        elif stamp:
            self._stamp = stamp
