"""The redactor: typed placeholders for personal data, consistent within one run.

Placeholders: `[EMAIL]`, `[PHONE]`, `[IBAN]`, `[CARD]`, `[ADDRESS]`, `[REDACTED]` (user
terms) and `[NAME n]`, where `n` numbers the people named in the run (the same person
is always the same number). Detectors: `patterns` (e-mail, phone, IBAN, card),
`addresses`, `terms` (the user's file) and `names` (NER, given names, titles). Once a
name is found, every later capitalised mention of it (or of its given name or
surname, mid-sentence) is redacted too, even where the NER model missed it, except
right after a capitalised word the corpus shows is no name ("San Juan": a place).

One `Redactor` serves one run: it holds the numbering and the names seen so far, and
loads the spaCy NER pipelines once, on first use of each language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from insights.privacy.addresses import find_addresses
from insights.privacy.names import NameFinder, sweep_start
from insights.privacy.patterns import find_patterns
from insights.privacy.people import People
from insights.privacy.spans import Found, PiiType, resolve
from insights.privacy.terms import RedactTerms, load_terms
from insights.privacy.words import opens_sentence, title_before, tokens

__all__ = ["Redactor"]

_TERM_PLACEHOLDER = "[REDACTED]"
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MIN_SWEEP_CHARS = 3


class Redactor:
    """Replaces personal data in text with typed placeholders.

    Args:
        terms: the user's extra terms and patterns (and words never to redact).
        names: redact person names (False: patterns, addresses and terms only).
        ner: use the spaCy NER models for names (False: titles and given names only).
        pipelines: spaCy pipelines already loaded, by language ("en", "fr"), whose NER
            component to use instead of loading the packaged ones.
        cache_dir: keep NER entities by text hash in the run cache (see `NameFinder`).

    Example:
        >>> r = Redactor()
        >>> r.redact("Call Sophie Martin on 06 12 34 56 78", lang="en")
        'Call [NAME 1] on [PHONE]'
    """

    def __init__(
        self,
        *,
        terms: RedactTerms | None = None,
        names: bool = True,
        ner: bool = True,
        pipelines: Mapping[str, Any] | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self._terms = terms or RedactTerms()
        self._finder = (
            NameFinder(keep=self._terms.keep, ner=ner, pipelines=pipelines, cache_dir=cache_dir)
            if names
            else None
        )
        self._people = People()
        self._known: dict[str, bool] = {}  # name → may be swept at a sentence start
        self._sweep: re.Pattern[str] | None = None

    @classmethod
    def make(
        cls,
        *,
        terms_file: Path | None = None,
        names: bool = True,
        cache_dir: Path | None = None,
        pipelines: Mapping[str, Any] | None = None,
    ) -> Redactor:
        """A redactor with the user's terms file (`--redact-terms`), if any.

        `cache_dir` keeps NER results by text hash (see `NameFinder`); `pipelines`
        are the run's shared spaCy pipelines (else NER loads its own).

        Raises:
            TermsError: the terms file is missing or has a bad line.
        """
        terms = load_terms(terms_file) if terms_file is not None else None
        return cls(terms=terms, names=names, cache_dir=cache_dir, pipelines=pipelines)

    def add_names(self, names: Iterable[str]) -> None:
        """Register people known to be named in the run (speaker labels, authors).

        They are numbered now, in this order, and redacted wherever they are written.
        """
        for name in names:
            if name.strip():
                self._people.number(name)
                if self._finder is not None:
                    self._learn(name, anywhere=True)

    def find(self, text: str, *, lang: str = "en") -> list[Found]:
        """Disjoint spans of personal data in `text`, in text order."""
        return self.find_many([text], [lang])[0]

    def find_many(
        self, texts: Sequence[str], langs: Sequence[str] | None = None, *, ner: bool = True
    ) -> list[list[Found]]:
        """Find personal data in many texts at once (names go through spaCy in batches).

        Args:
            texts: the texts.
            langs: each text's language code ("en" for all when None).
            ner: look for new names (False: only names already found in the run).

        Returns:
            For each text, disjoint spans in text order.
        """
        langs = list(langs) if langs is not None else ["en"] * len(texts)
        found = [find_patterns(t) + find_addresses(t) + self._terms.find(t) for t in texts]
        if self._finder is not None and ner:
            for spans, names in zip(found, self._finder.find_many(texts, langs), strict=True):
                spans += names
            for text, spans in zip(texts, found, strict=True):
                for span in resolve(spans):
                    if span.kind is PiiType.NAME:
                        titled = title_before(text, span.start)
                        self._learn(text[span.start : span.end], titled=titled)
        if self._finder is not None:
            for text, spans in zip(texts, found, strict=True):
                spans += self._swept(text)
        return [resolve(spans) for spans in found]

    def redact(self, text: str, *, lang: str = "en") -> str:
        """Return `text` with every detected item replaced by its placeholder."""
        return self.render(text, self.find(text, lang=lang))

    def redact_many(
        self, texts: Sequence[str], langs: Sequence[str] | None = None, *, ner: bool = True
    ) -> list[str]:
        """Redact many texts at once; see `find_many`."""
        found = self.find_many(texts, langs, ner=ner)
        return [self.render(t, spans) for t, spans in zip(texts, found, strict=True)]

    def render(self, text: str, found: Sequence[Found]) -> str:
        """Replace the disjoint spans `found` (in text order) by their placeholders."""
        parts, pos = [], 0
        for span in found:
            parts += [text[pos : span.start], self.placeholder(span, text[span.start : span.end])]
            pos = span.end
        return "".join(parts) + text[pos:]

    def placeholder(self, span: Found, value: str) -> str:
        """The placeholder of one item: `[NAME n]` numbers the person called `value`."""
        if span.kind is PiiType.NAME:
            return self._people.placeholder(value)
        if span.kind is PiiType.TERM:
            return _TERM_PLACEHOLDER
        return f"[{span.kind.value}]"

    def _learn(self, name: str, *, titled: bool = True, anywhere: bool = False) -> None:
        """Remember a found name for the sweep: a full name, and its words that are sure.

        A lone word is remembered when it is a given name that is no ordinary word, or
        came after a title (`titled`); words of a longer name unless they are also
        ordinary words ("Rose", "Martin"). A name given by the caller (`anywhere`) is
        swept even where a lone word opens a sentence.
        """
        assert self._finder is not None
        name = " ".join(name.split())
        words = [w for w in _NAME_WORD.findall(name) if len(w) >= _MIN_SWEEP_CHARS]
        if len(words) > 1:
            sure = [name] + [
                w
                for w in words
                if self._finder.is_given_name(w) or not self._finder.is_given_name(w, ordinary=True)
            ]
        elif titled or (words and self._finder.is_given_name(words[0])):
            sure = words
        else:
            sure = []
        for item in sure:
            if item[0].isupper() and not self._known.get(item) and not self._terms.keeps(item):
                if not self._finder.vetoes(item):
                    if item not in self._known:
                        self._sweep = None
                    self._known[item] = anywhere

    def _swept(self, text: str) -> list[Found]:
        """Mentions in `text` of names found earlier in the run."""
        if not self._known:
            return []
        if self._sweep is None:
            alternatives = sorted(self._known, key=len, reverse=True)
            self._sweep = re.compile(
                r"(?<![\w'’-])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![\w'’-])"
            )
        assert self._finder is not None
        found, words = [], None
        for m in self._sweep.finditer(text):
            start: int | None = m.start()
            if " " not in m.group(0):
                words = tokens(text) if words is None else words
                start = sweep_start(text, words, m.start(), self._finder.is_a_thing)
            if start is not None and self._sweepable(text, m):
                found.append(Found(start, m.end(), PiiType.NAME))
        return found

    def _sweepable(self, text: str, match: re.Match[str]) -> bool:
        """Not a word the corpus now shows is no name; at a sentence start, a given name."""
        assert self._finder is not None
        value = match.group(0)
        if " " not in value and self._finder.vetoes(value):
            return False
        if " " in value or self._known[value] or not opens_sentence(text, match.start()):
            return True
        return self._finder.is_given_name(value)

    def name_placeholder(self, name: str) -> str:
        """`[NAME n]` for a person called `name` (registered if new)."""
        if self._finder is not None:
            self._learn(name)
        return self._people.placeholder(name)
