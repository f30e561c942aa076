"""Given names from many countries (`first_names.txt`), and whether a label reads as one.

`first_names.txt` is built by benchmarks/pii/make_name_list.py from Faker's person
providers (MIT): about 21,000 given names in Latin script; about 2,500 that are also
ordinary English or French words (`Grace`, `Claire`, `Rose`, `August`) are marked.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["given", "looks_like_person"]

_LABEL = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*\.?(?:[ \u00a0][A-ZÀ-ÖØ-Þ][\w'’-]*\.?){0,3}")
_TITLES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Prof Sir M Mme Mmes Mlle Madame Monsieur Mademoiselle Docteur Me".split()
)


@lru_cache(maxsize=1)
def _given_names() -> dict[str, bool]:
    """Case-folded given name → True when it is also an ordinary word."""
    text = resources.files("insights.privacy").joinpath("first_names.txt").read_text("utf-8")
    names: dict[str, bool] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, mark = line.partition(" ")
            names[name.casefold()] = mark == "~"
    return names


@lru_cache(maxsize=1 << 16)  # the name rules ask it of every word, and words repeat
def given(word: str) -> bool | None:
    """None when `word` is no given name, else whether it is also an ordinary word.

    A hyphenated word is a given name when all its parts are ("Anne-Sophie").

    Example:
        >>> given("Sophie"), given("Grace"), given("Velora")
        (False, True, None)
    """
    names = _given_names()
    folded = word.casefold()
    if folded in names:
        return names[folded]
    parts = folded.split("-")
    if len(parts) > 1 and all(p in names for p in parts):
        return any(names[p] for p in parts)
    return None


def looks_like_person(label: str) -> bool:
    """Whether a speaker label or author name reads as a person's name.

    It does when it is one to four capitalised words without digits and starts with
    a title or a given name ("Claire", "Élodie M.", "Mr Chen"), or has two words or
    more ("Sophie Lenoir"). Role labels ("Interviewer", "P3", "Speaker 2") do not.

    Example:
        >>> looks_like_person("Élodie M."), looks_like_person("Speaker 2")
        (True, False)
    """
    label = " ".join(label.split())
    if not _LABEL.fullmatch(label) or any(ch.isdigit() or ch == "_" for ch in label):
        return False
    first = label.split()[0].rstrip(".")
    return first in _TITLES or given(first) is not None or len(label.split()) > 1
