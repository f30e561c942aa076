"""Words of a text and the shapes around them that tell a person's name from a thing.

Used by the name rules: tokens without French elisions or English possessives,
sentence starts, titles (`Mr`, `Mme`), particles (`de`, `van`), articles and
possessives (`my Velora`, `l'Urbano`: a thing, not a person), model numbers
(`Urbano E7`), and how far a name runs (`Anne-Sophie de la Fontaine`, `Ben W.`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "ARTICLES",
    "EDGE_WORDS",
    "FUNCTION_WORDS",
    "GREETINGS",
    "PARTICLES",
    "RELATIVES",
    "ROLES",
    "TITLES",
    "Token",
    "after_article",
    "article_before",
    "capitalised",
    "extend_name",
    "joined",
    "model_number",
    "opens_sentence",
    "title_before",
    "tokens",
]

TITLES = frozenset(
    "Mr Mrs Ms Miss Mx Dr Prof Sir M Mme Mmes Mlle Madame Monsieur Mademoiselle Docteur Me".split()
)
GREETINGS = frozenset("bonjour bonsoir salut coucou cher chère hello hi hey dear".split())
EDGE_WORDS = GREETINGS | frozenset("merci thanks thank ok okay oui non yes no".split())
ROLES = frozenset(
    "agent rep representative advisor adviser conseiller conseillère technicien "
    "technicienne".split()
)
RELATIVES = frozenset(
    "son daughter husband wife partner boyfriend girlfriend brother sister mum mom dad "
    "father mother friend colleague neighbour neighbor fils fille mari femme conjoint "
    "conjointe compagnon compagne frère sœur soeur mère père ami amie copain copine "
    "collègue voisin voisine".split()
)
PARTICLES = frozenset("de du des la le van von der den da di del dos el al bin ben".split())
ARTICLES = frozenset(
    "the a an my your his her our their this that these those its le la les un une mon ma mes "
    "ton ta tes son sa ses notre nos votre vos leur leurs ce cet cette ces du des au aux".split()
)
# Words that open sentences and are no names (lower case): pronouns, articles,
# conjunctions, prepositions, auxiliaries, greetings and common openers; name
# particles excepted ("Le" of "Marine Le Pen", "De" of "De Gaulle").
FUNCTION_WORDS = (
    EDGE_WORDS
    | ARTICLES
    | frozenset(
        """
    i i'm i've i'd i'll it we we're we've you you're yours he she they they're there
    there's here what when why how where who which whose if so but and or nor not don't
    didn't doesn't can't won't isn't wasn't aren't just very also then now after before
    since as at in on for to from with of by all any some every each one is was are were
    do did does can could would should have has had be been being will please overall
    although though because while once
    je il elle nous vous ils elles cela ceci ça mais et ou donc car pour par avec sans
    dans en sur très pas tout toute tous toutes quand comment pourquoi si bien après
    avant depuis déjà encore aussi alors puis enfin même plus moins trop peu chez y ne
    qui que quoi quel quelle est sont était
    """.split()
    )
) - PARTICLES
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
_ARTICLE_BEFORE = re.compile(
    r"(?:(?<![\w'’])(?:" + "|".join(sorted(ARTICLES)) + r")[ \u00a0]|\b[lL]['’])$", re.IGNORECASE
)
_TITLE_BEFORE = re.compile(r"(?<![\w.])(?:" + "|".join(sorted(TITLES)) + r")\.?[ \u00a0]$")
_MODEL_NUMBER = re.compile(r"[ \u00a0][A-Za-z]{0,2}-?\d")


class Token(NamedTuple):
    """A word at `text[start:end]`; `article` when written with `l'` (l'Urbano).

    `capitalised`: an upper-case first letter, not all capitals (an acronym is no
    name); see `capitalised`. A tuple, so that the ~15 words of every statement of a
    run are cheap to make.
    """

    start: int
    end: int
    word: str
    article: bool
    capitalised: bool


def capitalised(word: str) -> bool:
    """Upper-case first letter, not all capitals (an acronym is no name)."""
    return word[0].isupper() and (len(word) == 1 or not word[1:].isupper())


def tokens(text: str) -> list[Token]:
    """Words of `text`, without French elisions (d', l') or English possessives ('s)."""
    found = []
    for match in _TOKEN.finditer(text):
        start, word = match.start(), match.group(0)
        article = False
        if "'" in word or "’" in word:  # an elision or a possessive
            elision = _ELISION.match(word)
            if elision and len(word) > elision.end():
                article = elision.group(0)[0] in "lL"
                start, word = start + elision.end(), word[elision.end() :]
            word = _POSSESSIVE.sub("", word)
        word = word.rstrip("'’-")
        if word:
            found.append(Token(start, start + len(word), word, article, capitalised(word)))
    return found


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence (or a line, quote, bracket, list item)."""
    before = text[:start].rstrip()
    if not before:
        return True
    return before[-1] in '.!?…:;"“«([\n' or (before[-1] in "-–—" and before[-2:-1].isspace())


def joined(text: str, left: int, right: int) -> bool:
    """Whether two words are separated by a single space (parts of one name)."""
    return text[left:right] in (" ", "\u00a0")


def after_article(text: str, words: list[Token], i: int) -> bool:
    """Whether word `i` follows an article or possessive ("my Urbano", "le Velora")."""
    tok = words[i]
    if tok.article:
        return True
    before = words[i - 1] if i else None
    return (
        before is not None
        and before.word.lower() in ARTICLES
        and joined(text, before.end, tok.start)
    )


def article_before(text: str, start: int) -> bool:
    """Whether an article or possessive stands right before offset `start`."""
    return _ARTICLE_BEFORE.search(text[max(0, start - 8) : start]) is not None


def title_before(text: str, start: int) -> bool:
    """Whether a title ("Mr", "Mme", "Dr"…) stands right before offset `start`."""
    return _TITLE_BEFORE.search(text[max(0, start - 16) : start]) is not None


def model_number(text: str, tok: Token) -> bool:
    """Whether `tok` is followed by a model number ("Urbano E7", "Cargo 500")."""
    return _MODEL_NUMBER.match(text, tok.end) is not None


def extend_name(text: str, words: list[Token], i: int, limit: int = 3) -> int:
    """End offset of the name starting at word `i`: capitalised words, particles, initials.

    Example:
        >>> t = "merci à Anne-Sophie de la Fontaine et Ben W. pour tout"
        >>> w = tokens(t)
        >>> t[w[2].start : extend_name(t, w, 2)], t[w[7].start : extend_name(t, w, 7)]
        ('Anne-Sophie de la Fontaine', 'Ben W.')
    """
    end = last = words[i].end
    j = i + 1
    while j < len(words) and j - i <= limit and joined(text, last, words[j].start):
        tok = words[j]
        last = tok.end
        if tok.word.lower() in PARTICLES and _particles_then_name(text, words, j):
            j += 1
            continue
        if not tok.capitalised or tok.word.lower() in EDGE_WORDS or tok.word in TITLES:
            break
        end = tok.end + (len(tok.word) == 1 and text[tok.end : tok.end + 1] == ".")
        j += 1
    return end


def _particles_then_name(text: str, words: list[Token], j: int) -> bool:
    """Whether words from `j` are one or two particles, then a capitalised word."""
    for k in range(j, min(j + 3, len(words))):
        if k > j and not joined(text, words[k - 1].end, words[k].start):
            return False
        if words[k].word.lower() not in PARTICLES:
            return words[k].capitalised
    return False
