"""Key phrases and short labels of clusters: c-TF-IDF over lemmatised noun chunks, then MMR.

1. Every statement is parsed by the spaCy pipeline of its language (``en`` is the
   fallback for other languages); its *phrases* are its noun chunks, lemmatised
   and lower-cased, without determiners, pronouns, numbers, punctuation and
   English or French stop words (``the delays`` → ``delay``,
   ``le service client`` → ``service client``); phrases made only of vague
   nouns (day, week, time, fois, bout…) or of small talk (oui, bonjour, thanks;
   `insights.analysis.small_talk`) are dropped.
2. c-TF-IDF (as in BERTopic): a phrase's weight in a cluster is its frequency
   there (counted once per statement, normalised by the cluster's phrase count)
   times ``log(1 + A / f)``, where ``A`` is the mean phrase count per cluster and
   ``f`` the phrase's frequency over all clusters.
3. MMR (maximal marginal relevance) over phrase embeddings picks `top_n` phrases
   that are relevant (c-TF-IDF) but not near-duplicates of each other; without
   an embedder, phrases sharing a word with a better one are pushed back instead.
   In a cluster of `_MIN_SUPPORT_FROM` statements or more, a phrase must occur in
   at least two of them, so one odd statement cannot name the cluster.

Parsing is the costly part (about 1 ms per statement), so a cluster larger than
`max_statements` (default 300) is read on a sample of that many statements, and
its counts are scaled up to the cluster's size; on a 10k corpus this parses a
few thousand statements instead of all of them. The sample is pseudo-random but
depends only on the statements, not on their positions (the ones whose text and
copy number hash lowest), so a cluster that grew by a tenth keeps about nine
tenths of it, whose phrases the run cache already holds.
"""

from __future__ import annotations

import hashlib
import heapq
import html
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from insights.analysis.embed import Embedder
from insights.analysis.small_talk import NON_SPEECH, is_small_talk
from insights.errors import UsageError
from insights.privacy.people import unnumbered

if TYPE_CHECKING:
    from insights.store import JsonCache

__all__ = [
    "extract_phrases",
    "key_phrases",
    "make_label",
    "parse_ahead",
    "parse_phrases",
    "parse_statements_ahead",
    "stop_words",
]

_SKIP_POS = {"DET", "PRON", "NUM", "PUNCT", "SYM", "SPACE", "ADP", "CCONJ", "SCONJ", "PART", "X"}
_MAX_WORDS = 4
_CANDIDATES = 4  # MMR looks at top_n * _CANDIDATES phrases
_MIN_SUPPORT_FROM = 8
_SYNONYM = 0.6
_RULES = "phrases.v3"  # cache version of extract_phrases' rules: bump when they change
_MAX_ANNOTATION = 4  # tokens between brackets
# Nouns too vague to name a cluster on their own (durations, counts, "thing").
_VAGUE = frozenset(
    "day week month year hour minute time times thing stuff lot way bit end kind sort "
    "people guy problem issue today yesterday tomorrow morning evening night "
    "jour semaine mois an année heure minute temps fois chose truc bout fin sorte genre "
    "gens personne problème souci aujourd'hui hier demain matin soir nuit".split()
)


def stop_words() -> frozenset[str]:
    """English and French stop words (spaCy's lists, shipped as ``stop_words.txt``), lower-cased.

    A copy, so that a run whose key phrases come from the cache need not import spaCy.
    """
    from importlib import resources

    text = resources.files("insights.cluster").joinpath("stop_words.txt").read_text("utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


def _lemma(token: Any, lemmatizer: Any | None) -> str:
    """The token's lemma (its text when it has none), as spaCy's lemmatizer sets it."""
    if lemmatizer is not None and (lemmatizer.overwrite or token.lemma == 0):  # as its __call__
        return str(lemmatizer.lemmatize(token)[0]) or token.text
    return str(token.lemma_) or token.text


def _annotations(doc: Any) -> set[int]:
    """Tokens of transcript annotations: ``[laughs]``, ``[rires]``, ``[NAME 1]``, ``(sighs)``.

    Anything in square brackets (at most `_MAX_ANNOTATION` tokens) is the
    transcriber's or the redaction's, not the speaker's; in parentheses only the
    usual non-speech events, since "(the blue one)" is speech.
    """
    inside: set[int] = set()
    tokens = list(doc)
    for i, tok in enumerate(tokens):
        if tok.text not in ("[", "("):
            continue
        close = "]" if tok.text == "[" else ")"
        span = tokens[i + 1 : i + 2 + _MAX_ANNOTATION]
        end = next((k for k, t in enumerate(span) if t.text == close), None)
        words = span[:end] if end is not None else []
        if words and (close == "]" or all(t.lower_ in NON_SPEECH for t in words)):
            inside.update(t.i for t in words)
    return inside


def extract_phrases(doc: Any, stops: frozenset[str], lemmatizer: Any | None = None) -> list[str]:
    """Lemmatised noun-chunk phrases of one parsed spaCy `doc`, in text order.

    Transcript annotations (`_annotations`) are no part of any phrase. With a
    `lemmatizer` (the pipeline's, left out of its run), only the tokens a phrase
    may hold are lemmatised, by the component's own method: the same lemmas as
    running it over every token, at a fraction of its cost.
    """
    phrases = []
    annotations = _annotations(doc) if "[" in doc.text or "(" in doc.text else set()
    for chunk in doc.noun_chunks:
        words = [
            lemma.lower().strip()
            for tok in chunk
            if tok.pos_ not in _SKIP_POS
            and tok.i not in annotations
            and tok.is_alpha
            and tok.text.lower() not in stops
            and (lemma := _lemma(tok, lemmatizer)).lower() not in stops
        ]
        words = [w for w in words if len(set(w)) > 1]  # drops "a", "xxxx" (redactions)
        phrase = " ".join(words)
        if words and len(words) <= _MAX_WORDS and not set(words) <= _VAGUE:
            if not is_small_talk(phrase):  # "oui", "bonjour", "thanks" name no theme
                phrases.append(phrase)
    return phrases


def key_phrases(
    texts_by_cluster: Sequence[Sequence[str]],
    langs_by_cluster: Sequence[Sequence[str]],
    *,
    nlp: Mapping[str, Any],
    embedder: Embedder | None = None,
    top_n: int = 8,
    diversity: float = 0.3,
    max_statements: int = 300,
    cache_dir: Path | None = None,
) -> list[list[str]]:
    """Key phrases of each cluster, most characteristic first.

    Args:
        texts_by_cluster: the statements of each cluster.
        langs_by_cluster: the language code of each statement, same shape.
        nlp: loaded spaCy pipelines by language code; must hold ``"en"``.
        embedder: embeds candidate phrases for MMR; None uses word overlap instead.
        top_n: phrases per cluster.
        diversity: 0 = pure c-TF-IDF order, 1 = maximally different phrases.
        max_statements: statements parsed per cluster (a stable sample above, see module).
        cache_dir: keep each statement's phrases in the run cache (by pipeline and
            text hash), so a second run parses none of them again.

    Returns:
        One list of at most `top_n` phrases per cluster (empty when none was found).

    Example:
        >>> key_phrases([["The delay was long"]], [["en"]], nlp={"en": en_nlp})
        [['delay']]
    """
    if "en" not in nlp:
        raise UsageError("key_phrases needs an English spaCy pipeline under nlp['en']")
    if len(texts_by_cluster) != len(langs_by_cluster):
        raise UsageError("key_phrases: texts_by_cluster and langs_by_cluster differ in length")
    texts_by_cluster, kept, phrases = _sampled_phrases(
        texts_by_cluster, langs_by_cluster, nlp, max_statements, cache_dir
    )
    counts, scaled = [], []
    for statements, texts in zip(kept, texts_by_cluster, strict=True):
        count: Counter[str] = Counter()
        for text, lang in statements:
            count.update(set(phrases[_language(lang, nlp)][html.unescape(text)]))
        factor = len(texts) / max(len(statements), 1)
        counts.append(count)
        scaled.append(Counter({p: n * factor for p, n in count.items()}))
    scores = _ctfidf(scaled)
    for score, count, texts in zip(scores, counts, texts_by_cluster, strict=True):
        if len(texts) >= _MIN_SUPPORT_FROM and any(n >= 2 for n in count.values()):
            for phrase in [p for p, n in count.items() if n < 2]:
                del score[phrase]
    ranked = [_ranked(s, top_n) for s in scores]
    vectors = _phrase_vectors(ranked, embedder)
    return [_select(r, s, vectors, diversity, top_n) for r, s in zip(ranked, scores, strict=True)]


def make_label(
    phrases: Sequence[str], *, max_words: int = 6, embedder: Embedder | None = None
) -> str:
    """A short readable label (at most `max_words` words) from the top key phrases.

    The first phrase, joined by the next one that shares no word (or word stem) with
    it when both fit in `max_words` words and the first has fewer than three words.
    With an `embedder`, a phrase that means the same as the first (cosine ≥
    `_SYNONYM`, e.g. "bike" / "vélo") is not a companion either.

    Example:
        >>> make_label(["lost bag", "baggage claim", "customer service"])
        'Lost bag, baggage claim'
    """
    if not phrases:
        return "Unlabelled"
    words = phrases[0].split()[:max_words]
    if len(words) < 3:
        same = _synonyms(phrases, embedder)
        for other, synonym in zip(phrases[1:], same, strict=True):
            extra = other.split()
            if synonym or _overlaps(extra, words):
                continue
            if len(words) + len(extra) <= max_words:
                words = [*words[:-1], words[-1] + ",", *extra]
                break
    label = " ".join(words)
    return label[:1].upper() + label[1:]


def _synonyms(phrases: Sequence[str], embedder: Embedder | None) -> list[bool]:
    """For each phrase after the first: does it mean the same as the first?"""
    if embedder is None or len(phrases) < 2:
        return [False] * (len(phrases) - 1)
    vectors = _unit_vectors(embedder, phrases)
    return (vectors[1:] @ vectors[0] >= _SYNONYM).tolist()


def _unit_vectors(embedder: Embedder, phrases: Sequence[str]) -> np.ndarray:
    """L2-normalised float64 vectors of `phrases`, one row each."""
    vectors = np.asarray(embedder.encode(list(phrases)), dtype=np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return vectors


def _overlaps(words: Sequence[str], others: Sequence[str]) -> bool:
    """True when two phrases share a word or a word stem (first 4 letters)."""
    stems = {w[:4] for w in others}
    return any(w[:4] in stems for w in words)


def _stable_sample(texts: Sequence[str], most: int) -> list[int]:
    """All indices of `texts`, or the `most` whose (text, copy number) hash lowest, in order.

    The k-th copy of a repeated text has its own key, so repeats are sampled like
    any other statements; adding statements leaves the others' keys unchanged.
    """
    if len(texts) <= most:
        return list(range(len(texts)))
    keys = [(key, index) for index, key in enumerate(_sample_keys(texts))]
    return sorted(index for _, index in heapq.nsmallest(most, keys))


def _sample_keys(texts: Sequence[str]) -> list[bytes]:
    """Each text's sampling key: the hash of its copy number and itself."""
    copies: Counter[str] = Counter()
    keys = []
    for text in texts:
        copies[text] += 1
        keys.append(hashlib.blake2b(f"{copies[text]}\x1f{text}".encode(), digest_size=8).digest())
    return keys


def _language(lang: str, nlp: Mapping[str, Any]) -> str:
    """The pipeline a statement is parsed with: its language's, else English."""
    return lang if lang in nlp else "en"


def parse_ahead(
    texts_by_cluster: Sequence[Sequence[str]],
    langs_by_cluster: Sequence[Sequence[str]],
    *,
    nlp: Mapping[str, Any],
    cache_dir: Path,
    until: Callable[[], bool],
    max_statements: int = 300,
    chunk: int = 64,
) -> int:
    """Parse into the run cache the statements `key_phrases` will read, until `until()` holds.

    For a process with a core to spare before these clusters' key phrases are
    asked for (the delights' clustering child, while the pains are still being
    clustered): it parses the same sample, `chunk` statements at a time, and
    stores each chunk's phrases, so `key_phrases` later finds them in the cache
    and parses only the rest. Returns how many statements it parsed.
    """
    from insights.spacy_pipelines import extract_all

    texts_by_cluster = [[unnumbered(t) for t in texts] for texts in texts_by_cluster]
    kept = _kept(texts_by_cluster, langs_by_cluster, max_statements)
    stops, parsed = stop_words(), 0
    for lang, texts in _by_language(kept, nlp).items():
        if until():
            return parsed
        cache = _phrase_cache(nlp, lang, cache_dir)
        stored = cache.get(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in stored]
        if not todo:
            continue
        idle, phrases_of = _extractor(nlp[lang], stops)  # one per language: its rules' memo
        for start in range(0, len(todo), chunk):
            if until():
                return parsed
            part = todo[start : start + chunk]
            found = extract_all(nlp[lang], part, phrases_of, disable=idle, batch_size=64)
            cache.put(dict(zip(part, found, strict=True)))
            parsed += len(part)
    return parsed


def parse_phrases(
    texts_by_cluster: Sequence[Sequence[str]],
    langs_by_cluster: Sequence[Sequence[str]],
    *,
    nlp: Mapping[str, Any],
    cache_dir: Path,
    max_statements: int = 300,
) -> None:
    """Parse into the run cache the statements `key_phrases` will read for these clusters.

    All at once, each language in one batch (forked workers for many), so that
    `key_phrases` then only counts and ranks what the cache holds.
    """
    _sampled_phrases(texts_by_cluster, langs_by_cluster, nlp, max_statements, cache_dir)


def _sampled_phrases(
    texts_by_cluster: Sequence[Sequence[str]],
    langs_by_cluster: Sequence[Sequence[str]],
    nlp: Mapping[str, Any],
    max_statements: int,
    cache_dir: Path | None,
) -> tuple[list[list[str]], list[list[tuple[str, str]]], dict[str, dict[str, list[str]]]]:
    """The clusters' texts as read (unnumbered), each one's sample, and the sample's phrases.

    What `key_phrases` reads and `parse_phrases` parses ahead: the same statements.
    """
    clean = [[unnumbered(t) for t in texts] for texts in texts_by_cluster]
    kept = _kept(clean, langs_by_cluster, max_statements)
    return clean, kept, _phrases_by_language(kept, nlp, stop_words(), cache_dir)


def parse_statements_ahead(
    texts: Sequence[str],
    langs: Sequence[str],
    *,
    nlp: Mapping[str, Any],
    cache_dir: Path,
    until: Callable[[], bool],
) -> int:
    """Parse into the run cache the phrases of `texts` not stored yet, until `until()` holds.

    For a process with a core to spare before any clustering is known (a re-run
    over a grown input, while its new statements are embedded and scored). The
    statements a cluster's sample most likely takes come first: those whose
    sampling key is lowest (`_stable_sample` keeps the lowest keys of a large
    cluster, all statements of a small one), those of the rarer languages before
    (a French statement among English ones is parsed first, so that the French
    lemmatizer's tables are built here, see `insights.spacy_tables`). Returns how
    many it parsed.
    """
    clean = [unnumbered(t) for t in texts]
    keys, count = _sample_keys(clean), Counter(langs)
    # the rarer languages first: few statements, and their pipeline's tables built aside
    order = sorted(range(len(clean)), key=lambda i: (count[langs[i]], langs[i], keys[i]))
    return parse_ahead(
        [[clean[i] for i in order]],
        [[langs[i] for i in order]],
        nlp=nlp,
        cache_dir=cache_dir,
        until=until,
        max_statements=len(clean),
        chunk=32,
    )


def _kept(
    texts_by_cluster: Sequence[Sequence[str]],
    langs_by_cluster: Sequence[Sequence[str]],
    max_statements: int,
) -> list[list[tuple[str, str]]]:
    """The (text, language) statements each cluster's phrases are read from (a stable sample)."""
    return [
        [(t[i], g[i]) for i in _stable_sample(t, max_statements)]
        for t, g in zip(texts_by_cluster, langs_by_cluster, strict=True)
    ]


def _by_language(
    statements_by_cluster: Sequence[Sequence[tuple[str, str]]], nlp: Mapping[str, Any]
) -> dict[str, list[str]]:
    """Every statement's text (entities unescaped), by the language of its pipeline."""
    by_lang: dict[str, list[str]] = {}
    for statements in statements_by_cluster:
        for text, lang in statements:
            by_lang.setdefault(_language(lang, nlp), []).append(html.unescape(text))
    return by_lang


def _phrase_cache(nlp: Mapping[str, Any], lang: str, cache_dir: Path) -> JsonCache:
    """Where the phrases of `lang`'s statements are kept: by pipeline and extraction rules."""
    from insights.spacy_ids import mapping_model_id
    from insights.store import JsonCache

    return JsonCache(cache_dir, "phrases", f"{mapping_model_id(nlp, lang)}#{_RULES}")


def _parse(
    nlp: Mapping[str, Any], lang: str, stops: frozenset[str], texts: list[str]
) -> list[list[str]]:
    """The phrases of `texts`, parsed by `nlp[lang]` (in forked workers when many)."""
    from insights.spacy_pipelines import extract_all

    idle, phrases_of = _extractor(nlp[lang], stops)
    return extract_all(nlp[lang], texts, phrases_of, disable=idle, batch_size=64)


def _extractor(
    pipeline: Any, stops: frozenset[str]
) -> tuple[list[str], Callable[[Any], list[str]]]:
    """The components key phrases leave idle, and the phrases of a doc parsed without them."""
    from insights.spacy_rules import deferred_rules

    # NER and the sentence recogniser are not needed; the lemmatizer runs on phrase words only
    idle = [p for p in pipeline.pipe_names if p in ("ner", "senter", "lemmatizer")]
    lemmatizer = pipeline.get_pipe("lemmatizer") if "lemmatizer" in idle else None
    phrases_of: Callable[[Any], list[str]]
    phrases_of = partial(extract_phrases, stops=stops, lemmatizer=lemmatizer)
    rules = deferred_rules(pipeline, idle)  # the attribute ruler, 6x faster
    if rules is not None:
        idle.append("attribute_ruler")
        phrases_of = partial(_then, rules, phrases_of)
    return idle, phrases_of


def _phrases_by_language(
    statements_by_cluster: Sequence[Sequence[tuple[str, str]]],
    nlp: Mapping[str, Any],
    stops: frozenset[str],
    cache_dir: Path | None,
) -> dict[str, dict[str, list[str]]]:
    """Phrases of every (text, language) statement, by pipeline language, then by text.

    All clusters' statements of one language go through one cache lookup and one
    spaCy batch; `nlp[lang]` is only touched (a lazy mapping loads it then) when
    a statement is missing from the cache.
    """
    from insights.store import cached_per_text

    out = {}
    for lang, texts in _by_language(statements_by_cluster, nlp).items():
        cache = None if cache_dir is None else _phrase_cache(nlp, lang, cache_dir)
        parse = partial(_parse, nlp, lang, stops)
        out[lang] = dict(zip(texts, cached_per_text(cache, texts, parse), strict=True))
    return out


def _then(first: Callable[[Any], Any], then: Callable[[Any], list[str]], doc: Any) -> list[str]:
    return then(first(doc))


def _ctfidf(counts: Sequence[Counter[str]]) -> list[dict[str, float]]:
    totals = [sum(c.values()) for c in counts]
    overall: Counter[str] = Counter()
    for c in counts:
        overall.update(c)
    mean_total = sum(totals) / max(len(counts), 1)
    scores = []
    for c, total in zip(counts, totals, strict=True):
        scores.append(
            {
                p: (n / total) * math.log(1.0 + mean_total / overall[p])
                for p, n in c.items()
                if total
            }
        )
    return scores


def _ranked(scores: Mapping[str, float], top_n: int) -> list[str]:
    """The candidates MMR looks at: the `top_n` x `_CANDIDATES` best phrases, best first."""
    return sorted(scores, key=lambda p: (-scores[p], p))[: top_n * _CANDIDATES]


def _phrase_vectors(
    ranked: Sequence[Sequence[str]], embedder: Embedder | None
) -> dict[str, np.ndarray] | None:
    """Unit vectors of every cluster's candidates, embedded in one call (None: no embedder).

    One call for all clusters rather than one per cluster: the embedder sorts
    and batches them together, and a text's vector does not depend on its batch.
    """
    if embedder is None:
        return None
    phrases = list(dict.fromkeys(p for r in ranked if len(r) > 1 for p in r))
    if not phrases:
        return {}
    return dict(zip(phrases, _unit_vectors(embedder, phrases), strict=True))


def _select(
    ranked: list[str],
    scores: Mapping[str, float],
    vectors: Mapping[str, np.ndarray] | None,
    diversity: float,
    top_n: int,
) -> list[str]:
    if len(ranked) <= 1:
        return ranked
    relevance = np.array([scores[p] for p in ranked])
    relevance = relevance / relevance.max()
    if vectors is None:
        words = [set(p.split()) for p in ranked]
        n = len(ranked)
        similarity = np.array(
            [
                [len(words[i] & words[j]) / len(words[i] | words[j]) for j in range(n)]
                for i in range(n)
            ]
        )
    else:
        rows = np.stack([vectors[p] for p in ranked])
        similarity = rows @ rows.T
    picked = _mmr(relevance, similarity, top_n, diversity)
    return [ranked[i] for i in picked]


def _mmr(relevance: np.ndarray, similarity: np.ndarray, k: int, diversity: float) -> list[int]:
    """Maximal marginal relevance: greedy picks of relevance minus redundancy."""
    picked = [int(np.argmax(relevance))]
    while len(picked) < min(k, len(relevance)):
        redundancy = similarity[:, picked].max(axis=1)
        score = (1.0 - diversity) * relevance - diversity * redundancy
        score[picked] = -np.inf
        picked.append(int(np.argmax(score)))
    return picked
