"""Score every respondent statement: sentiment, emotion, stage and touchpoint.

`Analyzer` bundles the models (loaded once, passed explicitly); `analyse` is a
pure function: a units frame and its embeddings in, a new frame with the
analysis columns out. Interviewer turns are context: their analysis cells stay
empty.

With a run cache (`Analyzer.cache_dir`), results are kept at two levels, under
a version that digests the models and code that score them
(`Analyzer.memo_version`): each call's ten columns under a digest of all its
statements' keys, and each statement's row under its own key (`_row_keys`: the
text as the models read it, its language, question and kind, the labels the
input gives its respondent, a digest of its vector). A re-run over the same
batch reads the batch back instead of loading the scorer's vectors and running
the sentiment head and the three zero-shot classifiers (10,000 statements
re-run: scoring 1.6 s → 0.3 s); a batch that changed (a grown input, a
statement re-redacted) scores only its new statements. The values are labels
and rounded scores, never text.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from insights.analysis.embed import Embedder
from insights.analysis.given import GIVEN_DIMENSIONS, input_given
from insights.analysis.small_talk import is_small_talk
from insights.analysis.zeroshot import (
    ZERO_SHOT_EMBEDDER,
    ZERO_SHOT_MODEL_ID,
    PrototypeClassifier,
    ZeroShotResult,
)
from insights.analysis.zeroshot_blend import ENGLISH_EMBEDDER, EnglishBlend
from insights.privacy.people import unnumbered
from insights.schema import Col, Kind, Role
from insights.store import memoised
from insights.taxonomies.model import Dimension, Taxonomy

__all__ = ["Analyzer", "analyse"]

NEGATIVE_EMOTIONS = frozenset({"frustration", "anger", "anxiety", "confusion", "disappointment"})
POSITIVE_EMOTIONS = frozenset({"satisfaction", "delight", "trust"})
AHEAD_FROM = 2000  # statements the scorer lacks from which it embeds them ahead
AHEAD_SAMPLE = 500  # statements looked up first, to estimate how many it lacks
_MEMO_TABLE = "analysis_batches"
_ROW_TABLE = "analysis_rows"
# The columns `analyse` fills, in the order it adds them; the scores are floats.
_COLUMNS = (
    Col.SENTIMENT, Col.SENTIMENT_SCORE, Col.EMOTION, Col.EMOTION_SCORE,
    Col.STAGE, Col.STAGE_SCORE, Col.STAGE_ORIGIN,
    Col.TOUCHPOINT, Col.TOUCHPOINT_SCORE, Col.TOUCHPOINT_ORIGIN,
)  # fmt: skip
_SCORES = frozenset({Col.SENTIMENT_SCORE, Col.EMOTION_SCORE, Col.STAGE_SCORE, Col.TOUCHPOINT_SCORE})
# The files whose content decides a batch's result besides the models' weights.
_CODE_PACKAGES = ("insights.analysis", "insights.taxonomies")


@dataclass
class Analyzer:
    """The models one run uses, loaded once.

    `scorer` is the embedder whose vectors the sentiment head and the zero-shot
    labels read: the run's `embedder` when it is the one zero-shot was calibrated
    on (`ZERO_SHOT_EMBEDDER`), else that model, through the run cache. A run that
    clusters on another model (``--embedder minilm-int8.v1``) thus keeps the
    measured stage, touchpoint and emotion quality (stage macro-F1 0.588 on USE
    vectors against 0.472 on MiniLM's, see ``benchmarks/quality_stage.py``), and
    the default head, trained on USE, reads the same vectors instead of embedding
    its own. Stages also mix in, for English statements, the scores of the
    English-only model the default head runs on them (`EnglishBlend`).
    """

    taxonomy: Taxonomy
    embedder: Embedder
    scorer: Embedder
    sentiment: Any
    stages: EnglishBlend
    touchpoints: PrototypeClassifier
    emotions: PrototypeClassifier
    cache_dir: Path | None = None
    _code: str | None = field(default=None, init=False, repr=False)

    @classmethod
    def make(
        cls,
        taxonomy: Taxonomy,
        embedder: Embedder,
        *,
        sentiment: str = "",
        cache_dir: Path | None = None,
    ) -> Analyzer:
        """Build the default analyzer for `taxonomy` on the run's `embedder`.

        With a `cache_dir`, whatever the models embed themselves (taxonomy
        prototypes, the sentiment head's own blocks, the scorer's vectors when it
        is not the run's embedder) goes through the embedding cache, so a second
        run embeds none of it again.
        """
        from insights.analysis.embed import make_embedder
        from insights.analysis.sentiment import DEFAULT_SENTIMENT, make_sentiment
        from insights.cluster.cache import with_cache
        from insights.taxonomies import none_examples

        none = none_examples()
        if embedder.model_id == ZERO_SHOT_MODEL_ID:
            scorer = embedder
        else:
            scorer = make_embedder(ZERO_SHOT_EMBEDDER)
        cached = with_cache(scorer, cache_dir)
        model = make_sentiment(
            sentiment or DEFAULT_SENTIMENT,
            embedder=scorer,
            cache_dir=cache_dir,
            also_loaded=embedder if scorer is not embedder else None,
        )
        return cls(
            taxonomy=taxonomy,
            embedder=embedder,
            scorer=cached if scorer is not embedder else embedder,
            sentiment=model,
            stages=EnglishBlend.from_labels(
                taxonomy.stages,
                cached,
                partial(_english_model, model, cache_dir),
                none_examples=none,
            ),
            touchpoints=PrototypeClassifier.from_labels(
                taxonomy.touchpoints, cached, none_examples=none
            ),
            emotions=PrototypeClassifier.from_labels(taxonomy.emotions, cached),
            cache_dir=cache_dir,
        )

    def model_ids(self) -> dict[str, str]:
        """Model ids recorded in map.json."""
        return {
            "embedder": self.embedder.model_id,
            "sentiment": str(getattr(self.sentiment, "model_id", type(self.sentiment).__name__)),
            "zero_shot": f"prototype.v1@{self.scorer.model_id}",
            "zero_shot_english": (
                f"stages of English statements: {1 - self.stages.weight:g} x zero_shot"
                f" + {self.stages.weight:g} x the same prototypes on {ENGLISH_EMBEDDER}"
            ),
        }

    def memo_version(self) -> str:
        """What decides a batch's scores besides its inputs: models, prototypes and code.

        The model ids (the sentiment head's with its weights' digest), each
        classifier's `fingerprint` (few-shot examples added later change it) and
        a digest of the analysis and taxonomy code, so an edited rule never
        reads results of the old one.
        """
        if self._code is None:
            self._code = _code_digest()
        sentiment = self.sentiment
        parts = [
            self.embedder.model_id,
            self.scorer.model_id,
            str(getattr(sentiment, "cache_id", None) or getattr(sentiment, "model_id", "")),
            type(sentiment).__name__,
            self.stages.fingerprint(),
            self.touchpoints.fingerprint(),
            self.emotions.fingerprint(),
            self._code,
        ]
        return "analyse.v1#" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]

    def scoring_ahead(self, texts: Sequence[str]) -> AbstractContextManager[None]:
        """Within the block, the scorer embeds what it lacks of `texts` ahead, in a forked child.

        `texts` are the statements as the batches will score them, in that order.
        Only when the scorer is not the run's embedder (whose vectors serve as they
        are), can embed ahead (USE), the machine can fork, and about `AHEAD_FROM`
        texts or more are not in the run cache (`insights.analysis.prefetch`): below
        that, forking and looking texts up cost about what the overlap saves. The
        share missing is first estimated on `AHEAD_SAMPLE` evenly spaced texts, so
        that a warm run does not look every text up (0.3 s for 11,000).
        """
        from insights.cluster.cache import embedding_text, not_cached
        from insights.forking import can_fork

        inner = getattr(self.scorer, "inner", self.scorer)
        ahead = getattr(inner, "ahead", None)
        if self.scorer is self.embedder or ahead is None or not can_fork():
            return contextlib.nullcontext()
        model, step = self.scorer.model_id, max(1, len(texts) // AHEAD_SAMPLE)
        sample = [embedding_text(t) for t in texts[::step]]
        if len(not_cached(sample, model, self.cache_dir)) * step < AHEAD_FROM:
            return contextlib.nullcontext()
        wanted = not_cached([embedding_text(t) for t in texts], model, self.cache_dir)
        if len(wanted) < AHEAD_FROM:
            return contextlib.nullcontext()
        return cast("AbstractContextManager[None]", ahead(wanted))

    def english_vectors(
        self, texts: list[str], languages: Sequence[str], vectors: np.ndarray
    ) -> np.ndarray | None:
        """The stage blend's English-model vectors of the English statements of `texts`.

        The run embedder's `vectors` (of ``embedding_text(text)``) serve when it is
        that model; otherwise it embeds the same strings, through the run cache
        (where the sentiment head's block 2 has mostly put them already).
        """
        rows = self.stages.english_rows(languages)
        if not rows.size:
            return None
        model = self.stages.english_embedder
        if model.model_id == self.embedder.model_id:
            return np.asarray(vectors, np.float32)[rows]
        from insights.cluster.cache import embedding_text

        return np.asarray(model.encode([embedding_text(texts[i]) for i in rows]), np.float32)

    def scorer_vectors(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """The scorer's vectors of `texts`, given the run embedder's `vectors` of them.

        The run embeds ``embedding_text(text)``; so does the scorer, through the run
        cache when it is another model.
        """
        if self.scorer is self.embedder:
            return vectors
        from insights.cluster.cache import embedding_text

        return np.asarray(self.scorer.encode([embedding_text(t) for t in texts]), np.float32)


def _english_model(sentiment: Any, cache_dir: Path | None) -> Embedder:
    """The stage blend's English model: the sentiment head's block-2 model when it is that one."""
    if getattr(sentiment, "english_name", "") == ENGLISH_EMBEDDER:
        model = sentiment.english_embedder
        if model is not None:
            return cast("Embedder", model)
    from insights.analysis.embed import make_embedder
    from insights.cluster.cache import with_cache

    return with_cache(make_embedder(ENGLISH_EMBEDDER), cache_dir)


def _emotions(result: ZeroShotResult, sentiment: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pick each row's emotion among those agreeing with its sentiment polarity."""
    ids = np.array(result.label_ids, dtype=object)
    allowed = {
        "negative": np.isin(ids, list(NEGATIVE_EMOTIONS)),
        "positive": np.isin(ids, list(POSITIVE_EMOTIONS)),
    }
    labels, scores = result.labels.copy(), result.scores.copy()
    for polarity, mask in allowed.items():
        rows = np.flatnonzero(sentiment == polarity)
        if not mask.any() or not len(rows):
            continue
        sub = np.where(mask, result.matrix[rows], -1.0)
        best = sub.argmax(axis=1)
        labels[rows] = ids[best]
        scores[rows] = sub[np.arange(len(rows)), best] / result.matrix[rows].sum(axis=1)
    neutral = np.flatnonzero(sentiment == "neutral")
    if "neutral" in result.label_ids:
        labels[neutral] = "neutral"
    return labels, scores


def _zero_shot_columns(
    frame: pd.DataFrame,
    result: ZeroShotResult,
    given: pd.Series,
    label: Col,
    score: Col,
    origin: Col,
) -> dict[str, np.ndarray]:
    """Label, score and origin columns: the input's label where given, else the model's."""
    labels = pd.Series(result.labels, index=frame.index, dtype=object)
    scores = pd.Series(result.scores.astype(float), index=frame.index)
    origins = pd.Series("model", index=frame.index, dtype=object)
    from_input = frame[Col.RESPONDENT_ID.value].map(given)
    has_input = from_input.notna()
    labels[has_input] = from_input[has_input]
    scores[has_input] = 1.0
    origins[has_input] = "input"
    return {
        label.value: labels.to_numpy(dtype=object),
        score.value: scores.round(4).to_numpy(dtype=float),
        origin.value: origins.to_numpy(dtype=object),
    }


def _small_talk(part: pd.DataFrame, texts: list[str]) -> list[bool]:
    """Which statements are interview small talk ("Thank you! Bye."): read as neutral."""
    if Col.KIND.value not in part:
        return [False] * len(texts)
    kinds = part[Col.KIND.value].astype(str).tolist()
    return [
        k == Kind.TRANSCRIPT.value and is_small_talk(t) for k, t in zip(kinds, texts, strict=True)
    ]


def _questions(part: pd.DataFrame) -> list[str | None]:
    """The question each statement answers (survey column, interviewer turn), or None."""
    if Col.QUESTION.value not in part:
        return [None] * len(part)
    return [q if isinstance(q, str) and q.strip() else None for q in part[Col.QUESTION.value]]


def analyse(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    *,
    analyzer: Analyzer,
    respondents: pd.DataFrame | None = None,
    given: Mapping[Dimension, pd.Series] | None = None,
) -> pd.DataFrame:
    """Return a copy of `units` with the analysis columns filled for respondent units.

    Args:
        units: the units table from ingest.
        embeddings: one L2-normalised row per unit (same order), from the analyzer's embedder.
        analyzer: the models; with a `cache_dir`, results are kept per call (module doc).
        respondents: closed attributes per respondent; a stage or touchpoint
            column there is used as given (see `insights.analysis.given`).
        given: `input_given(respondents, taxonomy)` when already computed (a run
            computes it once for all batches); `respondents` is then not read.

    Returns:
        A new frame; the input is untouched.
    """
    out = units.copy()
    mask = (out[Col.ROLE.value] == Role.RESPONDENT.value).to_numpy()
    part = out.loc[mask].copy()
    vectors = np.asarray(embeddings)[mask]
    givens = given if given is not None else input_given(respondents, analyzer.taxonomy)

    if len(part) and analyzer.cache_dir is not None:
        keys = _row_keys(part, vectors, givens)
        version = analyzer.memo_version()
        columns = memoised(
            analyzer.cache_dir,
            _MEMO_TABLE,
            version,
            hashlib.sha256("\x1e".join(keys).encode("utf-8")).hexdigest(),
            partial(_scores_by_row, part, vectors, analyzer, givens, keys, version),
            dump=lambda cols: {name: values.tolist() for name, values in cols.items()},
            load=partial(_loaded, rows=len(part)),
        )
    else:
        columns = _scores(part, vectors, analyzer, givens)
    for name, values in columns.items():
        if name in out.columns:  # analysed before: overwrite the respondents' cells
            out.loc[mask, name] = values
        else:  # a new column: the respondents' values, missing for other roles
            column = np.full(len(out), pd.NA, dtype=object)
            column[mask] = values
            out[name] = column
    return out


def _scores(
    part: pd.DataFrame,
    vectors: np.ndarray,
    analyzer: Analyzer,
    givens: Mapping[Dimension, pd.Series],
) -> dict[str, np.ndarray]:
    """The analysis columns of the respondent statements `part`, by column name."""
    texts = _texts(part)
    run_vectors, vectors = vectors, analyzer.scorer_vectors(texts, vectors)
    languages = part[Col.LANG.value].astype(str).tolist()
    sentiment = analyzer.sentiment.predict(
        texts, vectors, languages=languages, questions=_questions(part)
    ).neutral_where(_small_talk(part, texts))
    labels = np.asarray(sentiment.labels, dtype=object)
    emotions, emotion_scores = _emotions(analyzer.emotions.predict(vectors), labels)
    columns = {
        Col.SENTIMENT.value: labels,
        Col.SENTIMENT_SCORE.value: np.round(np.asarray(sentiment.scores, dtype=float), 4),
        Col.EMOTION.value: np.asarray(emotions, dtype=object),
        Col.EMOTION_SCORE.value: np.round(emotion_scores.astype(float), 4),
    }
    english = analyzer.english_vectors(texts, languages, run_vectors)
    dimensions: tuple[tuple[Dimension, ZeroShotResult, tuple[Col, Col, Col]], ...] = (
        (
            "stages",
            analyzer.stages.predict(vectors, languages=languages, english_vectors=english),
            (Col.STAGE, Col.STAGE_SCORE, Col.STAGE_ORIGIN),
        ),
        (
            "touchpoints",
            analyzer.touchpoints.predict(vectors),
            (Col.TOUCHPOINT, Col.TOUCHPOINT_SCORE, Col.TOUCHPOINT_ORIGIN),
        ),
    )
    for dimension, result, cols in dimensions:
        columns.update(_zero_shot_columns(part, result, givens[dimension], *cols))
    return columns


def _texts(part: pd.DataFrame) -> list[str]:
    """The statements as the models read them: `[NAME n]` placeholders unnumbered."""
    return [unnumbered(t) for t in part[Col.TEXT.value].astype(str)]


def _row_keys(
    part: pd.DataFrame, vectors: np.ndarray, givens: Mapping[Dimension, pd.Series]
) -> list[str]:
    """Per statement, everything `_scores` reads of it (hashed before it is stored).

    The text as the models read it, its language, question and kind, the labels
    the input gives its respondent, and a digest of its vector.
    """
    n = len(part)
    ids = part[Col.RESPONDENT_ID.value]
    fields = [
        _texts(part),
        part[Col.LANG.value].astype(str).tolist(),
        [q or "" for q in _questions(part)],
        part[Col.KIND.value].astype(str).tolist() if Col.KIND.value in part else [""] * n,
        *([v if isinstance(v, str) else "" for v in ids.map(givens[d])] for d in GIVEN_DIMENSIONS),
        [hashlib.sha256(row.tobytes()).hexdigest() for row in np.asarray(vectors, np.float32)],
    ]
    return ["\x1f".join(values) for values in zip(*fields, strict=True)]


def _scores_by_row(
    part: pd.DataFrame,
    vectors: np.ndarray,
    analyzer: Analyzer,
    givens: Mapping[Dimension, pd.Series],
    keys: list[str],
    version: str,
) -> dict[str, np.ndarray]:
    """`_scores` of a batch, from the run cache for each statement scored before.

    A statement's scores depend on nothing but what its key holds, so only the
    new and changed statements of a grown input are scored.
    """
    from insights.store import JsonCache, cached_per_text

    first: dict[str, int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)

    def compute(todo: list[str]) -> list[list[object]]:
        rows = [first[key] for key in todo]
        columns = _scores(part.iloc[rows], vectors[rows], analyzer, givens)
        values = [columns[c.value].tolist() for c in _COLUMNS]
        return [list(row) for row in zip(*values, strict=True)]

    cache = JsonCache(analyzer.cache_dir, _ROW_TABLE, version) if analyzer.cache_dir else None
    rows = cached_per_text(cache, keys, compute, valid=_fits)  # a damaged row is scored again
    return {
        c.value: np.asarray([row[j] for row in rows], dtype=float if c in _SCORES else object)
        for j, c in enumerate(_COLUMNS)
    }


def _fits(row: object) -> bool:
    """Whether a stored statement row has one value per column, scores as numbers."""
    return (
        isinstance(row, list)
        and len(row) == len(_COLUMNS)
        and all(
            isinstance(v, int | float) and not isinstance(v, bool)
            for c, v in zip(_COLUMNS, row, strict=True)
            if c in _SCORES
        )
    )


def _loaded(stored: object, *, rows: int) -> dict[str, np.ndarray]:
    """Stored columns back as `_scores` returns them (ValueError if they do not fit)."""
    if not isinstance(stored, dict):
        raise ValueError("not a mapping of columns")
    columns = {}
    for col in _COLUMNS:
        values = stored[col.value]
        if not isinstance(values, list) or len(values) != rows:
            raise ValueError(f"column {col.value} does not fit {rows} rows")
        dtype = float if col in _SCORES else object
        columns[col.value] = np.asarray(values, dtype=dtype)
    return columns


def _code_digest() -> str:
    """SHA-256 of the files of the analysis and taxonomy packages (code, weights, presets)."""
    digest = hashlib.sha256()
    for package in _CODE_PACKAGES:
        folder = resources.files(package)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_file() and not entry.name.endswith((".pyc", ".pyo")):
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return digest.hexdigest()
