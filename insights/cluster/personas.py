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
shape them. K-means runs for k = 3..6 (seeded, 10 inits); the k with
the best silhouette wins. Stability is reported as the mean ARI between seeds.

Above `_LARGE` respondents (a review dump where every review is its own
respondent) k-means, the silhouette (quadratic in the number of rows) and the
stability ARI run on a seeded sample of `_LARGE` profiles, with 3 inits instead
of 10, and every respondent then joins the group of their nearest centroid;
below, every respondent counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from insights.schema import Col

__all__ = ["PersonaGroups", "attribute_table", "find_personas", "respondent_profiles"]

_MIN_COVERAGE = 0.5
_ATTRIBUTE_WEIGHT = 0.5
_PROVENANCE = re.compile(
    r"channel|canal|source|platform|plate-?forme|store|site|date|time|heure|submitted|"
    r"envoy|title|titre|url|link|lien|\bid\b|identifiant",
    re.IGNORECASE,
)
_MAX_CATEGORIES = 12
_LARGE = 3000
_META = (Col.RESPONDENT_ID.value, Col.SOURCE.value)
_VERSION = "find_personas.v2"  # cache version: bump whenever find_personas' results may change


@dataclass(frozen=True)
class PersonaGroups:
    """Respondents and the group each belongs to."""

    respondent_ids: list[str]
    labels: np.ndarray
    k: int
    silhouette: float
    stability_ari: float


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
    counts = pd.crosstab(units[Col.RESPONDENT_ID.value], units[column].fillna("none"))
    counts = counts.reindex(list(ids), fill_value=0)
    return (counts.to_numpy(dtype=float).T / np.maximum(counts.sum(axis=1).to_numpy(), 1)).T


def _unit_block(block: np.ndarray) -> np.ndarray:
    """Scale a block so its rows have unit mean norm (blocks then weigh the same)."""
    if block.shape[1] == 0:
        return block
    centred = block - block.mean(axis=0)
    scale = np.linalg.norm(centred, axis=1).mean()
    return centred / scale if scale > 0 else centred


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
    ids = sorted(set(rid))
    index = {r: i for i, r in enumerate(ids)}
    sums = np.zeros((len(ids), embeddings.shape[1]))
    np.add.at(sums, [index[r] for r in rid], embeddings)
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


def _kmeans(profiles: np.ndarray, k: int, seed: int, *, inits: int) -> Any:
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=inits, random_state=seed).fit(profiles)


def _silhouette(profiles: np.ndarray, labels: np.ndarray, seed: int) -> float:
    from sklearn.metrics import silhouette_score

    sample = _LARGE if len(profiles) > _LARGE else None
    return float(silhouette_score(profiles, labels, sample_size=sample, random_state=seed))


def find_personas(
    ids: Sequence[str],
    profiles: np.ndarray,
    *,
    k_range: tuple[int, int] = (3, 6),
    seed: int = 0,
    stability_seeds: int = 5,
    cache_dir: Path | None = None,
) -> PersonaGroups | None:
    """Group respondents into k personas, k chosen by silhouette; None if too few people.

    Args:
        ids: respondent ids, one per profile row.
        profiles: profile matrix from `respondent_profiles`.
        k_range: smallest and largest number of personas.
        seed: random seed of the chosen clustering.
        stability_seeds: seeds compared for the stability ARI.
        cache_dir: run cache; the groups of these exact profiles and options are
            kept there, so a re-run on unchanged input fits no k-means.

    Returns:
        The groups, or None when there are fewer than three respondents per group
        at the smallest k.
    """
    from insights.store import array_digest, memoised

    lo, hi = k_range
    if len(ids) < 3 * lo:
        return None
    key = f"{array_digest(profiles, list(ids))}|{lo}|{hi}|{seed}|{stability_seeds}"
    return memoised(
        cache_dir,
        "personas",
        _VERSION,
        key,
        lambda: _fit(ids, profiles, lo, hi, seed, stability_seeds),
        dump=_dump,
        load=lambda stored: _load(stored, ids),
    )


def _fit(
    ids: Sequence[str], profiles: np.ndarray, lo: int, hi: int, seed: int, stability_seeds: int
) -> PersonaGroups:
    from sklearn.metrics import adjusted_rand_score

    large = len(profiles) > _LARGE
    inits = 3 if large else 10
    if large:  # fit on a seeded sample; everyone joins their nearest centroid below
        rows = np.random.default_rng(seed).choice(len(profiles), size=_LARGE, replace=False)
        sample = profiles[np.sort(rows)]
    else:
        sample = profiles
    scored = []
    for k in range(lo, min(hi, len(ids) // 3) + 1):
        model = _kmeans(sample, k, seed, inits=inits)
        scored.append((_silhouette(sample, model.labels_, seed), k, model))
    silhouette, k, model = max(scored, key=lambda item: (item[0], -item[1]))
    runs = [_kmeans(sample, k, seed + s, inits=inits).labels_ for s in range(1, stability_seeds)]
    aris = [adjusted_rand_score(model.labels_, other) for other in runs]
    stability = float(np.mean(aris)) if aris else 1.0
    labels = model.predict(profiles) if large else model.labels_
    return PersonaGroups(list(ids), _ordered(np.asarray(labels)), k, silhouette, stability)


def _dump(groups: PersonaGroups) -> dict[str, Any]:
    return {
        "labels": groups.labels.tolist(),
        "k": groups.k,
        "silhouette": groups.silhouette,
        "stability_ari": groups.stability_ari,
    }


def _load(stored: dict[str, Any], ids: Sequence[str]) -> PersonaGroups:
    labels = np.asarray(stored["labels"], dtype=np.int64)
    if len(labels) != len(ids):
        raise ValueError("stored personas do not match the respondents")
    return PersonaGroups(
        list(ids), labels, int(stored["k"]), float(stored["silhouette"]),
        float(stored["stability_ari"]),
    )  # fmt: skip


def _ordered(labels: np.ndarray) -> np.ndarray:
    """Renumber groups by size (largest first), ties by first member, for stable output."""
    groups = sorted(set(labels), key=lambda g: (-(labels == g).sum(), np.argmax(labels == g)))
    mapping = {g: i for i, g in enumerate(groups)}
    return np.array([mapping[g] for g in labels])
