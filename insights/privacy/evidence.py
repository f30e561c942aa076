"""Corpus evidence about capitalised words: is this word a person or a thing?

Brand and product names fool small NER models ("Velora" is tagged PERSON in two
thirds of the demo corpus), and some collide with given names ("Urbano"). Across a
corpus they give themselves away: people are rarely written after an article or a
possessive ("my Velora", "l'Urbano") or before a model number ("Urbano E7").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from insights.privacy.words import Token, after_article, model_number

__all__ = ["PERSON_LABELS", "Entity", "Evidence"]

PERSON_LABELS = frozenset({"PER", "PERSON"})
Entity = tuple[int, int, str]  # start, end, NER label
_MIN_SEEN = 3
_MIN_PERSON_SHARE = 0.5
_MIN_THINGS = 2
_MIN_THING_SHARE = 0.2


class Evidence:
    """Counts, over every text seen, of each capitalised word: seen, person, thing."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.person: Counter[str] = Counter()
        self.thing: Counter[str] = Counter()

    def add(
        self,
        texts: Sequence[str],
        ents: Sequence[Sequence[Entity]],
        words_of: Sequence[list[Token]],
    ) -> None:
        """Count the capitalised words of `texts`, as persons (NER) and as things.

        `words_of` holds each text's `insights.privacy.words.tokens`.
        """
        for text, text_ents, words in zip(texts, ents, words_of, strict=True):
            people = [(s, e) for s, e, label in text_ents if label in PERSON_LABELS]
            for i, tok in enumerate(words):
                if tok.capitalised:
                    self.seen[tok.word] += 1
                    self.person[tok.word] += any(s <= tok.start and tok.end <= e for s, e in people)
                    self.thing[tok.word] += after_article(text, words, i) or model_number(text, tok)

    def vetoes(self, word: str, *, given: bool) -> bool:
        """Whether the corpus shows `word` is not a person's name.

        It is not when used as a thing at least twice and in a fifth of its mentions,
        or, for a word that is no given name, when seen three times or more but
        tagged as a person in less than half of them.
        """
        seen, thing = self.seen[word], self.thing[word]
        if thing >= _MIN_THINGS and thing >= _MIN_THING_SHARE * seen:
            return True
        return not given and seen >= _MIN_SEEN and self.person[word] < _MIN_PERSON_SHARE * seen
