"""User-supplied terms and patterns to redact (`--redact-terms FILE`).

File format, one entry per line (UTF-8):
    Brasserie du Port      a literal term: case-insensitive, whole words only
    re:\\bVEL-\\d{6}\\b      a Python regular expression (case-sensitive unless it says (?i))
    keep:Velora            never redact this word or phrase (a brand taken for a name)
    # comment              blank lines and lines starting with # are ignored
Literal terms and regex matches are replaced by `[REDACTED]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from insights.errors import InsightsError
from insights.privacy.spans import Found, PiiType

__all__ = ["RedactTerms", "TermsError", "load_terms", "parse_terms"]

_REGEX = "re:"
_KEEP = "keep:"


class TermsError(InsightsError):
    """A redaction terms file is missing, unreadable or has a bad line."""


@dataclass(frozen=True)
class RedactTerms:
    """Compiled user terms: patterns to redact and phrases never to redact.

    Attributes:
        patterns: one compiled pattern per literal term or `re:` line.
        keep: case-folded phrases never to redact (names only: brands, products).
    """

    patterns: tuple[re.Pattern[str], ...] = ()
    keep: frozenset[str] = field(default_factory=frozenset)

    def find(self, text: str) -> list[Found]:
        """Every match of every pattern in `text`, as TERM finds."""
        return [
            Found(m.start(), m.end(), PiiType.TERM)
            for pattern in self.patterns
            for m in pattern.finditer(text)
            if m.end() > m.start()
        ]

    def keeps(self, phrase: str) -> bool:
        """Whether `phrase` (or one of its words) is on the keep list."""
        folded = " ".join(phrase.casefold().split())
        return folded in self.keep or any(w in self.keep for w in folded.split())


def parse_terms(lines: Iterable[str], *, source: str = "<terms>") -> RedactTerms:
    """Compile terms-file lines.

    Args:
        lines: the file's lines.
        source: the file name, for error messages.

    Returns:
        The compiled terms.

    Raises:
        TermsError: a `re:` line is not a valid regular expression, or is empty.

    Example:
        >>> terms = parse_terms(["Atelier Dufresne", r"re:VEL-\\d{6}"])
        >>> [f.kind.value for f in terms.find("atelier dufresne, VEL-123456")]
        ['TERM', 'TERM']
    """
    patterns: list[re.Pattern[str]] = []
    keep: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(_KEEP):
            keep.add(" ".join(line[len(_KEEP) :].casefold().split()))
        elif line.startswith(_REGEX):
            patterns.append(_compile(line[len(_REGEX) :].strip(), f"{source}:{number}"))
        else:
            words = r"\s+".join(re.escape(w) for w in line.split())
            patterns.append(re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE))
    keep.discard("")
    return RedactTerms(tuple(patterns), frozenset(keep))


def load_terms(path: Path) -> RedactTerms:
    """Read and compile a terms file (format in the module docstring).

    Raises:
        TermsError: the file is missing or not UTF-8 text, or a line is invalid.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TermsError(f"{path}: redaction terms file not found; check the path") from None
    except (OSError, UnicodeDecodeError) as err:
        raise TermsError(
            f"{path}: cannot read the redaction terms file ({err.__class__.__name__}); "
            "save it as UTF-8 text"
        ) from None
    return parse_terms(text.splitlines(), source=str(path))


def _compile(expression: str, where: str) -> re.Pattern[str]:
    if not expression:
        raise TermsError(f"{where}: empty regular expression after 're:'; remove the line")
    try:
        return re.compile(expression)
    except re.error as err:
        raise TermsError(
            f"{where}: bad regular expression {expression!r} ({err.msg}); fix or remove the line"
        ) from None
