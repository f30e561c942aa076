"""Personas: respondents grouped by what they say and who they are.

Each respondent gets a profile of four blocks: the mean embedding of their
statements, their stage mix, their pain/delight mix with their emotion mix
(each weight 1), and their closed attributes (categorical values one-hot,
numbers such as NPS scaled to [0, 1]; weight `_ATTRIBUTE_WEIGHT`, since one-hot
columns split people cleanly along whichever attribute has the most values).
Attributes count only when at least half of the respondents have them, so
groups don't simply mirror which file a respondent came from, and columns that
say where or when a statement was collected rather than who said it (channel,
platform, source, date, title…) describe personas (attribute lifts) but don't
shape them. K-means runs for k = 3..6 (seeded, 10 inits; numpy, `insights.cluster.kmeans`);
the k with the best silhouette wins, unless its groups change with the seed
(mean ARI between seeds below `_STABLE_ARI`): then the next best k whose groups
hold does. Stability is reported as the mean ARI between seeds.

Above `_LARGE` respondents (a review dump where every review is its own
respondent) k-means, the silhouette (quadratic in the number of rows) and the
stability ARI run on a seeded sample of `_LARGE` profiles, with 3 inits instead
of 10, and every respondent then joins the group of their nearest centroid;
below, every respondent counts.

A run over a grown corpus keeps the earlier k (as incremental clustering keeps
the earlier clusters): from `_KEEP_K_FROM` respondents, when at most 25 % of
them are new and at most 10 % of the earlier fit's are gone (respondents are
recognised by `respondent_keys`), only the k-means of that k is fitted, which
is the fit a full search would make if it chose the same k; the k search and
the stability runs are skipped and the earlier stability ARI is reported
(`PersonaGroups.k_kept`). ``refit=True`` searches k again.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from insights.analysis.embed import one_blas_thread, thread_budget
from insights.cluster.kmeans import KMeansFit, adjusted_rand, kmeans, silhouette
from insights.schema import Col

__all__ = [
    "PersonaGroups",
    "attribute_table",
    "find_personas",
    "profile_digest",
    "respondent_ids",
    "respondent_keys",
    "respondent_profiles",
]

_MIN_COVERAGE = 0.5
_PROFILES = "respondent_profiles.v1"  # bump when respondent_profiles' code changes
_PROFILE_COLUMNS = (Col.RESPONDENT_ID, Col.STAGE, Col.CLUSTER_ID, Col.EMOTION)
_ATTRIBUTE_WEIGHT = 0.5
_PROVENANCE = re.compile(
    r"channel|canal|source|platform|plate-?forme|store|site|date|time|heure|submitted|"
    r"envoy|title|titre|url|link|lien|\bid\b|identifiant",
    re.IGNORECASE,
)
_MAX_CATEGORIES = 12
_LARGE = 3000
_META = (Col.RESPONDENT_ID.value, Col.SOURCE.value)
_VERSION = "find_personas.v6"  # cache version: bump whenever find_personas' results may change
_STABLE_ARI = 0.8  # mean ARI between seeds from which a k's groups count as stable
_KEEP_K_FROM = 1000
_NEW_SHARE = 0.25
_GONE_SHARE = 0.10


@dataclass(frozen=True)
class PersonaGroups:
    """Respondents and the group each belongs to."""

    respondent_ids: list[str]
    labels: np.ndarray
    k: int
    silhouette: float
    stability_ari: float
    k_kept: bool = False  # k and stability_ari come from the earlier fit of a grown corpus


def _to_number(values: pd.Series) -> pd.Series:
    cleaned = values.str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(cleaned, errors="coerce")


def attribute_table(respondents: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    """Closed attributes usable for personas, one row per id in `ids`, strings.

    Keeps columns present for at least half of the respondents, numeric or
    with at most twelve distinct values (free text, ids and dates are dropped).
    """
    frame = respondents.drop_duplicates(Col.RESPONDENT_ID.value).set_index(Col.RESPONDENT_ID.value)
    frame = frame.reindex(list(ids)).drop(columns=[c for c in _META if c in frame], errors="ignore")
    keep = []
    for col in frame.columns:
        values = frame[col].dropna().astype(str).str.strip()
        values = values[values != ""]
        if len(values) < _MIN_COVERAGE * len(ids):
            continue
        numeric = _to_number(values)
        if numeric.notna().mean() >= 0.9 or values.nunique() <= _MAX_CATEGORIES:
            keep.append(col)
    return frame[keep].astype("string")


def _attribute_block(attrs: pd.DataFrame) -> np.ndarray:
    blocks = []
    for col in attrs.columns:
        values = attrs[col].fillna("").str.strip()
        numeric = _to_number(values)
        if numeric.notna().mean() >= 0.9 * (values != "").mean():
            lo, hi = numeric.min(), numeric.max()
            scaled = (numeric - lo) / (hi - lo) if hi > lo else numeric * 0
            blocks.append(scaled.fillna(scaled.mean()).to_numpy()[:, None])
        else:
            dummies = pd.get_dummies(values[values != ""]).reindex(values.index, fill_value=0)
            blocks.append(dummies.to_numpy(dtype=float))
    return np.hstack(blocks) if blocks else np.zeros((len(attrs), 0))


def _share_block(units: pd.DataFrame, ids: Sequence[str], column: str) -> np.ndarray:
    """Each respondent's share of statements per value of `column` (sorted values, "none" for NA).

    For the string columns it is used on (cluster id, stage, emotion), the table
    ``pd.crosstab`` gives, counted with numpy (crosstab took 0.4 s at 10k
    respondents); values are compared as strings.
    """
    row_of = {r: i for i, r in enumerate(ids)}
    rows = units[Col.RESPONDENT_ID.value].map(row_of)
    values = units[column].astype(object).where(units[column].notna(), "none").astype(str)
    kept = rows.notna().to_numpy()
    categories = sorted(set(values))
    col_of = {v: j for j, v in enumerate(categories)}
    cells = rows[kept].astype(int).to_numpy() * len(categories) + values[kept].map(col_of)
    size = len(ids) * len(categories)
    counts = np.bincount(cells.to_numpy(dtype=np.int64), minlength=size).astype(float)
    counts = counts.reshape(len(ids), len(categories))
    return (counts.T / np.maximum(counts.sum(axis=1), 1)).T


def _unit_block(block: np.ndarray) -> np.ndarray:
    """Scale a block so its rows have unit mean norm (blocks then weigh the same)."""
    if block.shape[1] == 0:
        return block
    centred = block - block.mean(axis=0)
    scale = np.linalg.norm(centred, axis=1).mean()
    return centred / scale if scale > 0 else centred


def _sums_by_row(owner: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Row i: the sum of the rows of `values` whose `owner` is i (float64, summed in row order).

    What ``np.add.at`` gives, to the bit, in a third of its time (one weighted
    ``np.bincount`` per column).
    """
    columns = [np.bincount(owner, weights=column, minlength=n) for column in values.T]
    return np.stack(columns, axis=1) if columns else np.zeros((n, 0))


def respondent_ids(units: pd.DataFrame) -> list[str]:
    """The respondents of `units`, in profile row order (sorted ids)."""
    return sorted(set(units[Col.RESPONDENT_ID.value].to_numpy()))


def profile_digest(units: pd.DataFrame, embeddings: np.ndarray, respondents: pd.DataFrame) -> str:
    """A digest of everything `respondent_profiles` reads from these arguments.

    The personas of a run are kept in the run cache under it, so a re-run on
    unchanged input finds them without building the profiles (0.4 s at 10,000
    respondents; the digest takes a few hundredths).
    """
    from insights.store import array_digest

    def strings(name: object, values: pd.Series) -> list[str]:
        missing = values.isna().tolist()  # "\0" + type: never equal to a text value
        texts = [
            f"\0{type(v).__name__}" if m else str(v)
            for v, m in zip(values.tolist(), missing, strict=True)
        ]
        return [str(name), *texts]

    settings = [_PROFILES, str(_MIN_COVERAGE), str(_ATTRIBUTE_WEIGHT), str(_MAX_CATEGORIES)]
    settings.append(_PROVENANCE.pattern)
    columns = [strings(c.value, units[c.value]) for c in _PROFILE_COLUMNS if c.value in units]
    cells = [strings(c, respondents[c]) for c in respondents.columns]
    return array_digest(embeddings, settings, *columns, *cells)


def respondent_profiles(
    units: pd.DataFrame, embeddings: np.ndarray, respondents: pd.DataFrame
) -> tuple[list[str], np.ndarray]:
    """Build one profile row per respondent (see module docstring).

    Args:
        units: analysed respondent units (stage, emotion, cluster_id columns).
        embeddings: one row per unit, aligned with `units`.
        respondents: closed attributes per respondent id.

    Returns:
        The respondent ids and their profile matrix.
    """
    rid = units[Col.RESPONDENT_ID.value].to_numpy()
    ids = respondent_ids(units)
    index = {r: i for i, r in enumerate(ids)}
    owner = np.array([index[r] for r in rid], dtype=np.int64)
    sums = _sums_by_row(owner, embeddings, len(ids))
    mean_emb = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)
    behaviour = np.hstack(
        [
            _share_block(units, ids, Col.CLUSTER_ID.value),
            _share_block(units, ids, Col.EMOTION.value),
        ]
    )
    attrs = attribute_table(respondents, ids)
    attrs = attrs[[c for c in attrs.columns if not _PROVENANCE.search(str(c))]]
    blocks = [
        _unit_block(mean_emb),
        _unit_block(_share_block(units, ids, Col.STAGE.value)),
        _unit_block(behaviour),
        _ATTRIBUTE_WEIGHT * _unit_block(_attribute_block(attrs)),
    ]
    return ids, np.hstack(blocks)


def respondent_keys(units: pd.DataFrame, ids: Sequence[str]) -> list[str]:
    """A key per respondent in `ids`: a hash of their id and their statements' unit ids.

    It recognises the same respondent saying the same things in a later run of a
    grown corpus, whatever else changed, without storing what they said.
    """
    said: dict[str, list[str]] = {}
    for rid, unit in zip(
        units[Col.RESPONDENT_ID.value].astype(str).tolist(),
        units[Col.UNIT_ID.value].astype(str).tolist(),
        strict=True,
    ):
        said.setdefault(rid, []).append(unit)
    return [
        hashlib.sha256("\x1f".join([r, *sorted(said.get(r, []))]).encode()).hexdigest()[:24]
        for r in ids
    ]


def _kmeans(profiles: np.ndarray, k: int, seed: int, *, inits: int) -> KMeansFit:
    return kmeans(profiles, k, seed=seed, n_init=inits)


def find_personas(
    ids: Sequence[str],
    profiles: np.ndarray | Callable[[], np.ndarray],
    *,
    k_range: tuple[int, int] = (3, 6),
    seed: int = 0,
    stability_seeds: int = 5,
    cache_dir: Path | None = None,
    keys: Sequence[str] | None = None,
    refit: bool = False,
    digest: str | None = None,
) -> PersonaGroups | None:
    """Group respondents into k personas, k chosen by silhouette; None if too few people.

    Args:
        ids: respondent ids, one per profile row.
        profiles: profile matrix from `respondent_profiles`, or a function building
            it (called only when the groups are not in the run cache).
        k_range: smallest and largest number of personas.
        seed: random seed of the chosen clustering.
        stability_seeds: seeds compared for the stability ARI.
        cache_dir: run cache; the groups of these exact profiles and options are
            kept there, so a re-run on unchanged input fits no k-means, and a run
            over a grown corpus keeps the earlier k (module doc).
        keys: `respondent_keys` of `ids`; without them no earlier k is kept.
        refit: search k again even when an earlier fit's k could be kept.
        digest: what the groups are kept under in the run cache (`profile_digest` of
            the profiles' inputs); default a digest of the profiles themselves.

    Returns:
        The groups, or None when there are fewer than three respondents per group
        at the smallest k.
    """
    from insights.store import array_digest, memoised

    lo, hi = k_range
    if len(ids) < 3 * lo:
        return None
    options = f"{lo}|{hi}|{seed}|{stability_seeds}"
    built = cache(profiles) if callable(profiles) else lambda: profiles

    def fit() -> PersonaGroups:
        earlier = None
        if cache_dir is not None and keys is not None and not refit and len(ids) >= _KEEP_K_FROM:
            earlier = _earlier_fit(keys, cache_dir, options)
        if earlier is not None:
            return _fit(ids, built(), lo, hi, seed, stability_seeds, keep=earlier)
        groups = _fit(ids, built(), lo, hi, seed, stability_seeds)
        if cache_dir is not None and keys is not None:
            _keep_as_base(keys, groups, cache_dir, options)
        return groups

    if cache_dir is None:  # nothing to look up: no key to compute
        return fit()
    return memoised(
        cache_dir,
        "personas",
        _VERSION,
        f"{digest or array_digest(built(), list(ids))}|{options}",
        fit,
        dump=_dump,
        load=lambda stored: _load(stored, ids),
        accept=lambda groups: not (refit and groups.k_kept),  # a refit redoes a kept k
    )


def _earlier_fit(keys: Sequence[str], cache_dir: Path, options: str) -> tuple[int, float] | None:
    """(k, stability ARI) of the full fit most of these respondents belong to, if close enough."""
    from insights.store import earlier_fit

    found = earlier_fit(cache_dir, "persona", f"{_VERSION}|{options}", keys)
    if found is None:
        return None
    stored, known = found
    new = 1 - len(known) / len(keys)
    gone = 1 - len(known) / max(int(stored["n"]), 1)
    if new > _NEW_SHARE or gone > _GONE_SHARE:
        return None
    return int(stored["k"]), float(stored["stability_ari"])


def _keep_as_base(
    keys: Sequence[str], groups: PersonaGroups, cache_dir: Path, options: str
) -> None:
    """Record a full fit's k, and make it the fit of each of its respondents."""
    from insights.store import record_fit

    fit = {"n": len(set(keys)), "k": groups.k, "stability_ari": groups.stability_ari}
    record_fit(cache_dir, "persona", f"{_VERSION}|{options}", keys, fit)


def _fit(
    ids: Sequence[str],
    profiles: np.ndarray,
    lo: int,
    hi: int,
    seed: int,
    stability_seeds: int,
    *,
    keep: tuple[int, float] | None = None,
) -> PersonaGroups:
    """Search k (or fit the kept k, whose stability ARI comes with it) and label everyone."""
    large = len(profiles) > _LARGE
    inits = 3 if large else 10
    if large:  # fit on a seeded sample; everyone joins their nearest centroid below
        rows = np.random.default_rng(seed).choice(len(profiles), size=_LARGE, replace=False)
        sample = profiles[np.sort(rows)]
    else:
        sample = profiles
    if keep is None:
        ks = list(range(lo, min(hi, len(ids) // 3) + 1))
        # The fits are independent and numpy releases the GIL in their products:
        # two at a time, each on one BLAS thread (the same fits as one by one).
        with one_blas_thread(), ThreadPoolExecutor(thread_budget(2)) as pool:

            def scored(k: int) -> tuple[float, int, KMeansFit]:
                model = _kmeans(sample, k, seed, inits=inits)
                return silhouette(sample, model.labels), k, model

            ranked = sorted(pool.map(scored, ks), key=lambda item: (-item[0], item[1]))

            def stability_of(k: int, model: KMeansFit) -> float:
                runs = pool.map(
                    lambda s: _kmeans(sample, k, seed + s, inits=inits).labels,
                    range(1, stability_seeds),
                )
                aris = [adjusted_rand(model.labels, other) for other in runs]
                return float(np.mean(aris)) if aris else 1.0

            score, k, model, stability = _stable_first(ranked, stability_of)
    else:
        k, stability = keep
        model = _kmeans(sample, k, seed, inits=inits)
        score = silhouette(sample, model.labels)
    labels = model.predict(profiles) if large else model.labels
    return PersonaGroups(
        list(ids), _ordered(np.asarray(labels)), k, score, stability, k_kept=keep is not None
    )


def _stable_first(
    ranked: Sequence[tuple[float, int, KMeansFit]],
    stability_of: Callable[[int, KMeansFit], float],
) -> tuple[float, int, KMeansFit, float]:
    """The best-silhouette fit whose grouping holds across seeds (`_STABLE_ARI`).

    `ranked` is by silhouette, best first. Silhouettes of respondent profiles are
    often close across k (0.088-0.096 on the demo), so the best one alone may
    pick a k whose groups a k-means seed reshuffles (ARI 0.74 there): such
    personas would change from run to run of a slightly different input. The
    next k is tried until one is stable; if none is, the best silhouette wins,
    and its stability is reported as measured.
    """
    first: tuple[float, int, KMeansFit, float] | None = None
    for score, k, model in ranked:
        stability = stability_of(k, model)
        if stability >= _STABLE_ARI:
            return score, k, model, stability
        first = first or (score, k, model, stability)
    if first is None:
        raise ValueError("no k to choose from")
    return first


def _dump(groups: PersonaGroups) -> dict[str, Any]:
    return {
        "labels": groups.labels.tolist(),
        "k": groups.k,
        "silhouette": groups.silhouette,
        "stability_ari": groups.stability_ari,
        "k_kept": groups.k_kept,
    }


def _load(stored: dict[str, Any], ids: Sequence[str]) -> PersonaGroups:
    labels = np.asarray(stored["labels"], dtype=np.int64)
    if len(labels) != len(ids):
        raise ValueError("stored personas do not match the respondents")
    return PersonaGroups(
        list(ids), labels, int(stored["k"]), float(stored["silhouette"]),
        float(stored["stability_ari"]), bool(stored["k_kept"]),
    )  # fmt: skip


def _ordered(labels: np.ndarray) -> np.ndarray:
    """Renumber groups by size (largest first), ties by first member, for stable output."""
    groups = sorted(set(labels), key=lambda g: (-(labels == g).sum(), np.argmax(labels == g)))
    mapping = {g: i for i, g in enumerate(groups)}
    return np.array([mapping[g] for g in labels])
