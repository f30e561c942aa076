"""Consistent name placeholders: the same person is `[NAME n]` everywhere in one run.

A name is compared without titles, case, accents or punctuation. A later mention
that names fewer words ("Sophie", "Mme Martin") takes the number of the one person
already seen with that word; a fuller name ("Sophie Martin" after "Sophie", or "Ben
Walker" after "Ben W.") joins the one person it extends. When several people fit,
the most recently mentioned one is taken.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["People", "name_key", "unnumbered"]

_TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir madam mme mlle m madame monsieur mademoiselle docteur "
    "me pr".split()
)
_PARTICLES = frozenset("de du des la le van von der den da di del dos el al y".split())
_NOT_LETTERS = re.compile(r"[^\w\s'’-]|_")
_NUMBERED = re.compile(r"\[NAME \d+\]")


def unnumbered(text: str) -> str:
    """`text` with each `[NAME n]` as `[NAME]`: what the models read of a redacted text.

    A person's number only says who is who within one run's outputs. A grown
    input renumbers the people of old statements (a name found in a new file
    is swept into an earlier one and takes its number), so the models read
    no number: a statement's vector, scores and phrases stay those of the
    last run, and so do the caches that hold them.

    Example:
        >>> unnumbered("[NAME 3] called [NAME 12] twice")
        '[NAME] called [NAME] twice'
    """
    return _NUMBERED.sub("[NAME]", text) if "[NAME " in text else text


def name_key(name: str) -> str:
    """The comparison form of a name: no title, case, accents or punctuation.

    Example:
        >>> name_key("Mme  Élodie Lefèvre.")
        'elodie lefevre'
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NOT_LETTERS.sub(" ", plain.replace("’", "'")).split()
    while words and words[0].rstrip(".") in _TITLES:
        words = words[1:]
    return " ".join(words)


@dataclass
class _Person:
    number: int
    keys: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    last_seen: int = 0


@dataclass
class People:
    """The people named in one run, numbered in order of first mention."""

    _people: list[_Person] = field(default_factory=list)
    _by_key: dict[str, _Person] = field(default_factory=dict)
    _clock: int = 0

    def number(self, name: str) -> int:
        """The number of the person called `name`, registering a new person if needed."""
        key = name_key(name) or name.casefold().strip()
        self._clock += 1
        person = self._by_key.get(key) or self._match(key)
        if person is None:
            person = _Person(number=len(self._people) + 1)
            self._people.append(person)
        person.keys.add(key)
        person.words.update(_significant(key))
        person.last_seen = self._clock
        self._by_key[key] = person
        return person.number

    def placeholder(self, name: str) -> str:
        """`[NAME n]` for the person called `name`."""
        return f"[NAME {self.number(name)}]"

    def __len__(self) -> int:
        return len(self._people)

    def _match(self, key: str) -> _Person | None:
        words = _significant(key)
        if not words:
            return None
        if len(words) == 1:
            fits = [p for p in self._people if words[0] in p.words]
        else:
            fits = [p for p in self._people if _extends(words, p)]
        return max(fits, key=lambda p: p.last_seen) if fits else None


def _significant(key: str) -> list[str]:
    return [w for w in key.split() if len(w) > 1 and w not in _PARTICLES]


def _extends(words: list[str], person: _Person) -> bool:
    """Whether a fuller name `words` is the same person as one known only partly."""
    fuller = [key.split() for key in person.keys if len(key.split()) > 1]
    if fuller:
        return any(_same(words, known) for known in fuller)
    return any(key in words for key in person.keys)


def _same(words: list[str], known: list[str]) -> bool:
    """Same words, an initial standing for a word ("ben w" and "ben walker")."""
    return len(words) == len(known) and all(
        a == b or (len(b) == 1 and a.startswith(b)) or (len(a) == 1 and b.startswith(a))
        for a, b in zip(words, known, strict=True)
    )
