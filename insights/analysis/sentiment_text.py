"""Text handling for sentiment: social-media normalisation and survey-answer context.

`normalise_text` is applied to every text before a sentiment backend scores it.
`answer_valence` reads a bare answer ("Nothing.") in the light of the survey
question it answers: "nothing" to "How could we improve?" is praise, to
"What was good?" it is criticism; without a question it stays neutral.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

__all__ = ["answer_valence", "fold_text", "is_null_answer", "normalise_text", "question_polarity"]

_URL = re.compile(r"(?:https?://|www\.)\S+")
_LEADING_MENTIONS = re.compile(r"^(?:\s*\.?@\w+)+[:,]?\s*")
_MENTION = re.compile(r"@\w+")
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z])")
_ELONGATED = re.compile(r"(\w)\1{3,}")
_EMOTICONS = {
    ":)": "🙂",
    ":-)": "🙂",
    ":D": "😀",
    ":-D": "😀",
    ";)": "😉",
    ";-)": "😉",
    ":(": "🙁",
    ":-(": "🙁",
    ":'(": "😢",
    ":/": "😕",
    ":-/": "😕",
    ":P": "😛",
    "<3": "❤",
}
_EMOTICON = re.compile(
    r"(?<!\S)(?:"
    + "|".join(re.escape(k) for k in sorted(_EMOTICONS, key=len, reverse=True))
    + r")(?=\s|$|[.,!?])"
)
_REPEATED_NAME = re.compile(r"(\(([a-z' -]+)\)\s*)(?:\(\2\)\s*)+")
_FIRST_SPECIAL = "\u200d"  # the lowest code point `_is_modifier` or `_is_emoji` accepts


def _is_modifier(char: str) -> bool:
    """Variation selectors, skin tones and zero-width joiners carry no meaning here."""
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or code == 0x200D


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF


def _emoji_to_words(text: str) -> str:
    """Replace each emoji by its Unicode name in brackets, e.g. 😡 -> (pouting face)."""
    if not text or max(text) < _FIRST_SPECIAL:  # most texts: no character to look at
        return _REPEATED_NAME.sub(r"\1", text)
    out: list[str] = []
    for char in text:
        if _is_modifier(char):
            continue
        if _is_emoji(char):
            name = unicodedata.name(char, "").lower()
            out.append(f" ({name}) " if name else " ")
        else:
            out.append(char)
    return _REPEATED_NAME.sub(r"\1", "".join(out))


def normalise_text(text: str) -> str:
    """Tidy social-media text before scoring.

    HTML entities are decoded, URLs dropped, leading @mentions (the addressee)
    dropped and later ones replaced by ``@user``; hashtags become words
    (``#BadService`` -> ``Bad Service``); emoticons and emoji become their Unicode
    names; letters repeated 4+ times are cut to two (``sooooo`` -> ``soo``).

    Example:
        >>> normalise_text("@united thanks &amp; bye http://t.co/x")
        'thanks & bye'
        >>> normalise_text("#fail again 😡😡 :(")
        'fail again (pouting face) (slightly frowning face)'
    """
    text = _URL.sub("", html.unescape(text))
    text = _MENTION.sub("@user", _LEADING_MENTIONS.sub("", text))
    text = _EMOTICON.sub(lambda m: f" {_EMOTICONS[m[0]]} ", text)
    text = _HASHTAG.sub(lambda m: _CAMEL.sub(" ", m[1]), text)
    text = _ELONGATED.sub(r"\1\1", _emoji_to_words(text))
    return " ".join(text.split())


def fold_text(text: str) -> str:
    """Lower-case, strip accents and punctuation: ``"Rien à signaler !"`` -> ``rien a signaler``."""
    ascii_text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z]+", " ", ascii_text).split())


_NULL_ANSWERS = frozenset(
    fold_text(answer)
    for answer in (
        "nothing", "nothing really", "nothing at all", "nothing else", "nothing to add",
        "nothing to say", "nothing comes to mind", "nothing I can think of", "none",
        "none really", "no", "nope", "nil", "n/a", "na", "not applicable", "no comment",
        "no comments", "can't think of anything", "cannot think of anything",
        "rien", "rien du tout", "rien de spécial", "rien de particulier", "rien à ajouter",
        "rien à dire", "rien à signaler", "RAS", "aucun", "aucune", "non", "néant",
        "sans objet", "je ne vois pas", "je ne vois rien", "pas d'idée",
    )
)  # fmt: skip

_IMPROVE = re.compile(
    r"\b(improv\w*|better|chang\w*|wrong|worse|dislike\w*|disappoint\w*|problem\w*|"
    r"differently|dissatisf\w*|unhappy|ameliore\w*|ameliorer|mieux|probleme\w*|deplu|"
    r"regrett\w*|mecontent\w*|insatisf\w*|least|worst|moins|pire)\b"
)
_PRAISE = re.compile(
    r"\b(good|best|like\w*|enjoy\w*|well|great|satisf\w*|appreciat\w*|aime\w*|"
    r"apprecie\w*|bien|points? forts?|plu)\b"
)


def is_null_answer(text: str) -> bool:
    """Whether `text` is a bare "nothing" / "none" / "rien" answer (English or French).

    Example:
        >>> is_null_answer("Nothing."), is_null_answer("Rien à signaler !")
        (True, True)
        >>> is_null_answer("No wait at all")
        False
    """
    return fold_text(text) in _NULL_ANSWERS


def question_polarity(question: str) -> int:
    """-1 for a question asking what to improve, +1 for one asking what was good, else 0.

    A question that asks both (satisfied and/or dissatisfied) or neither is 0.

    Example:
        >>> question_polarity("How could we improve?"), question_polarity("What was good?")
        (-1, 1)
        >>> question_polarity("Qu'est-ce qui pourrait être amélioré ?")
        -1
    """
    folded = fold_text(question)
    improve, praise = bool(_IMPROVE.search(folded)), bool(_PRAISE.search(folded))
    return (praise and not improve) - (improve and not praise)


def answer_valence(texts: Sequence[str], questions: Sequence[str | None]) -> list[int]:
    """Valence that a bare answer takes from its question: +1, -1, or 0 (no override).

    "Nothing" to a question about what to improve is +1 (nothing to fix); to a
    question about what was good it is -1; anything else is 0.
    """
    return [
        -question_polarity(question) if question and is_null_answer(text) else 0
        for text, question in zip(texts, questions, strict=True)
    ]
