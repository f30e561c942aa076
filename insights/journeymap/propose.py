"""From analysed units to pain-point and delight proposals (the clustering stage).

Negative statements are clustered into pain points, positive ones into
delights, each polarity on its own; neutral statements are not clustered.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from insights.analysis.embed import Embedder
from insights.cluster.clustering import ClusterResult
from insights.cluster.incremental import cached_clustering, fit_clustering, stored_clustering
from insights.forking import can_fork, side_by_side
from insights.journeymap.model import Proposal, ProposalKind
from insights.journeymap.proposals import (
    WEAK_SUPPORT,
    ClusterEvidence,
    build_proposal,
    phrase_support,
    sort_by_severity,
)
from insights.schema import Col, Role
from insights.spacy_pipelines import SpacyPipelines

__all__ = [
    "SIDE_BY_SIDE_FROM",
    "ProposalSet",
    "cluster_kinds",
    "load_phrase_pipelines",
    "parse_key_phrases",
    "propose",
]

_PREFIX = {ProposalKind.PAIN: "P", ProposalKind.DELIGHT: "D"}
_POLARITY = {ProposalKind.PAIN: "negative", ProposalKind.DELIGHT: "positive"}
_MIN_STATEMENTS = 3  # a kind with fewer statements is not clustered (no proposal)
SIDE_BY_SIDE_FROM = 1000  # statements of each kind from which due fits run at once


@dataclass(frozen=True)
class ProposalSet:
    """Proposals of one kind and what stayed unclustered."""

    proposals: list[Proposal]
    unclustered: int
    cluster_of: dict[str, str]
    clustering: dict[str, object] = field(default_factory=dict)  # recorded in map.json


def _evidence(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    positions: np.ndarray,
    labels: np.ndarray,
    confidence: np.ndarray,
    *,
    kind: ProposalKind,
    nlp: Mapping[str, Any],
    n_quotes: int,
    embedder: Embedder | None,
    cache_dir: Path | None = None,
) -> list[ClusterEvidence]:
    from insights.cluster.clustering import proposal_id
    from insights.cluster.keyphrases import key_phrases
    from insights.cluster.quotes import representative_quotes

    clusters, members = _members(positions, labels)
    column = {  # as strings, indexed by position (a frame slice per cluster cost ~1 ms each)
        c: units[c.value].astype(str).to_numpy() for c in (Col.RESPONDENT_ID, Col.UNIT_ID)
    }
    texts, langs = _texts_and_langs(units, members)
    phrases = key_phrases(texts, langs, nlp=nlp, embedder=embedder, cache_dir=cache_dir)
    evidence = []
    for c, member, phrase, said in zip(clusters, members, phrases, texts, strict=True):
        picks = representative_quotes(
            np.arange(len(member)),
            embeddings[member],
            column[Col.RESPONDENT_ID][member].tolist(),
            said,
            n=n_quotes,
        )
        evidence.append(
            ClusterEvidence(
                proposal_id=proposal_id(column[Col.UNIT_ID][member].tolist(), _PREFIX[kind]),
                members=member,
                key_phrases=phrase,
                label=_label(phrase, said, embedder),
                confidence=float(confidence[labels == c].mean()),
                quote_positions=[int(member[i]) for i in picks],
            )
        )
    return evidence


def _texts_and_langs(
    units: pd.DataFrame, members: Sequence[np.ndarray]
) -> tuple[list[list[str]], list[list[str]]]:
    """Each cluster's statements and their languages, as strings (the key phrases' input)."""
    text, lang = (units[c.value].astype(str).to_numpy() for c in (Col.TEXT, Col.LANG))
    return [text[m].tolist() for m in members], [lang[m].tolist() for m in members]


def _members(positions: np.ndarray, labels: np.ndarray) -> tuple[list[int], list[np.ndarray]]:
    """The clusters of `labels` (noise left out), and the unit positions of each."""
    clusters = sorted(set(labels.tolist()) - {-1})
    return clusters, [positions[labels == c] for c in clusters]


def _label(phrases: list[str], texts: list[str], embedder: Embedder | None) -> str:
    """The key-phrase label, or "" when its phrase is too rare in the cluster to name it."""
    from insights.cluster.keyphrases import make_label

    if not phrases or phrase_support(phrases[0], texts) < WEAK_SUPPORT:
        return ""
    return make_label(phrases, embedder=embedder)


def propose(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    *,
    kind: ProposalKind,
    stage_names: dict[str, str],
    nlp: Mapping[str, Any],
    seed: int = 0,
    n_quotes: int = 5,
    min_cluster_size: int | None = None,
    embedder: Embedder | None = None,
    cache_dir: Path | None = None,
    refit: bool = False,
    clustering: ClusterResult | None = None,
) -> ProposalSet:
    """Cluster the statements of `kind`'s polarity and build their proposals.

    Args:
        units: analysed units (all rows; only respondent statements of the polarity count).
        embeddings: one row per unit, aligned with `units`.
        kind: pain points (negative statements) or delights (positive ones).
        stage_names: stage id → display name, for summaries.
        nlp: loaded spaCy pipelines by language, for key phrases.
        seed: random seed.
        n_quotes: quotes per proposal.
        min_cluster_size: override of the size-based default.
        embedder: embeds key phrases so MMR can drop synonyms, across languages too
            ("refund" / "remboursement"); None compares their words instead.
        cache_dir: run cache for the clustering (a re-run on unchanged input fits
            nothing; on a grown input, new statements join the earlier clusters, see
            `insights.cluster.incremental`) and the key phrases of each statement.
        refit: cluster from scratch even when an earlier clustering could be extended.
        clustering: `kind`'s result of `cluster_kinds` with the same options; None
            clusters here.

    Returns:
        Proposals sorted by severity, the unclustered count, and unit id → proposal id.
    """
    respondent = units[Col.ROLE.value] == Role.RESPONDENT.value
    positions = _positions(units, kind)
    if len(positions) < _MIN_STATEMENTS:
        return ProposalSet([], len(positions), {})
    result = clustering
    if result is None:
        result = cached_clustering(
            embeddings[positions],
            polarity=_POLARITY[kind],
            min_cluster_size=min_cluster_size,
            seed=seed,
            cache_dir=cache_dir,
            refit=refit,
        )
    evidence = _evidence(
        units,
        embeddings,
        positions,
        result.labels,
        result.probabilities,
        kind=kind,
        nlp=nlp,
        n_quotes=n_quotes,
        embedder=embedder,
        cache_dir=cache_dir,
    )
    total = int(units.loc[respondent, Col.RESPONDENT_ID.value].nunique())
    proposals = [
        build_proposal(units, e, kind=kind, total_respondents=total, stage_names=stage_names)
        for e in evidence
    ]
    cluster_of = clusters_of_units(units, kind, result)
    used = result.params
    recorded: dict[str, object] = {
        "statements": len(positions),
        "distinct": used.n_distinct,
        "fitted": used.n_fit,
        "min_cluster_size": used.min_cluster_size,
        "extends_earlier_fit": used.extended,
        "new_since_earlier_fit": used.n_new,
        "new_clustered": used.n_placed,
    }
    return ProposalSet(
        sort_by_severity(proposals), int((result.labels == -1).sum()), cluster_of, recorded
    )


def parse_key_phrases(
    units: pd.DataFrame,
    clusterings: Mapping[ProposalKind, ClusterResult | None],
    *,
    nlp: Mapping[str, Any],
    cache_dir: Path,
) -> None:
    """Parse into the run cache the key phrases `propose` will read for each kind's clusters.

    Every kind's statements in one batch per language (`insights.cluster.keyphrases.
    parse_phrases`), with both cores; `propose` then finds them in the cache.
    """
    from insights.cluster.keyphrases import parse_phrases

    members: list[np.ndarray] = []
    for kind, result in clusterings.items():
        positions = _positions(units, kind)
        if result is not None and len(positions) >= _MIN_STATEMENTS:  # else no phrase is read
            members += _members(positions, result.labels)[1]
    texts, langs = _texts_and_langs(units, members)
    parse_phrases(texts, langs, nlp=nlp, cache_dir=cache_dir)


def clusters_of_units(
    units: pd.DataFrame, kind: ProposalKind, clustering: ClusterResult | None
) -> dict[str, str]:
    """Unit id → id of its proposal, for `kind`'s statements in `clustering` (noise left out).

    The proposal ids `propose` gives, known before its key phrases and quotes:
    each names its members (`insights.cluster.clustering.proposal_id`).
    """
    from insights.cluster.clustering import proposal_id

    if clustering is None:
        return {}
    unit_ids = units[Col.UNIT_ID.value].astype(str).to_numpy()
    _, members = _members(_positions(units, kind), clustering.labels)
    out = {}
    for member in members:
        ids = unit_ids[member].tolist()
        out.update(dict.fromkeys(ids, proposal_id(ids, _PREFIX[kind])))
    return out


def cluster_kinds(
    units: pd.DataFrame,
    embeddings: np.ndarray,
    *,
    seed: int = 0,
    min_cluster_size: int | None = None,
    cache_dir: Path | None = None,
    refit: bool = False,
    nlp: Mapping[str, Any] | None = None,
) -> dict[ProposalKind, ClusterResult]:
    """The clustering of each kind's statements, as `propose` would find it.

    UMAP's layout and HDBSCAN run on one core. So when both kinds have
    `SIDE_BY_SIDE_FROM` statements or more and neither result is in the run cache,
    the delights are clustered in a forked process meanwhile (`insights.forking`).
    Each fit is the same code with the same seed, so the results are those of one
    fit after the other. Kinds with fewer than three statements are left out.

    The delights' fit usually ends first (fewer statements); with `nlp` and a run
    cache, that process then parses its clusters' key-phrase statements into the
    cache (`insights.cluster.keyphrases.parse_ahead`) until the pains' fit ends,
    instead of leaving its core idle.
    """
    calls = {}
    for kind, polarity in _POLARITY.items():
        positions = _positions(units, kind)
        if len(positions) >= _MIN_STATEMENTS:
            options: dict[str, Any] = {
                "polarity": polarity, "min_cluster_size": min_cluster_size, "seed": seed,
                "cache_dir": cache_dir, "refit": refit,
            }  # fmt: skip
            vectors = embeddings[positions]
            stored = stored_clustering(vectors, **options)
            fit = partial(fit_clustering, vectors, **options)  # when nothing is stored
            calls[kind] = (len(positions), stored, fit)
    results = {kind: stored for kind, (_, stored, _) in calls.items() if stored is not None}
    due = {kind: (n, fit) for kind, (n, stored, fit) in calls.items() if stored is None}
    if len(due) > 1 and min(n for n, _ in due.values()) >= SIDE_BY_SIDE_FROM:
        fits: list[Callable[[], ClusterResult]] = [fit for _, fit in due.values()]
        if nlp is not None and cache_dir is not None and can_fork():
            fits = _parsing_ahead(fits, list(due), units, nlp, cache_dir)
        results.update(zip(due, side_by_side(fits), strict=True))
    else:
        results.update({kind: fit() for kind, (_, fit) in due.items()})
    return results


def _parsing_ahead(
    fits: list[Callable[[], ClusterResult]],
    kinds: list[ProposalKind],
    units: pd.DataFrame,
    nlp: Mapping[str, Any],
    cache_dir: Path,
) -> list[Callable[[], ClusterResult]]:
    """`fits` for `side_by_side`: the first says when it is done, the others parse until then.

    Only where `side_by_side` forks (`insights.forking.can_fork`): the event is a fork
    context's, which Windows has not.
    """
    import multiprocessing

    done = multiprocessing.get_context("fork").Event()
    ahead = [
        partial(_fit_then_parse, fit, units, _positions(units, kind), nlp, cache_dir, done)
        for fit, kind in zip(fits[1:], kinds[1:], strict=True)
    ]
    return [partial(_fit_then_signal, fits[0], done), *ahead]


def _fit_then_signal(fit: Callable[[], ClusterResult], done: Any) -> ClusterResult:
    try:
        return fit()
    finally:
        done.set()


def _fit_then_parse(
    fit: Callable[[], ClusterResult],
    units: pd.DataFrame,
    positions: np.ndarray,
    nlp: Mapping[str, Any],
    cache_dir: Path,
    done: Any,
) -> ClusterResult:
    """`fit()`, then its clusters' key-phrase statements parsed into the cache until `done`."""
    from insights.cluster.keyphrases import parse_ahead

    parent = os.getppid()
    result = fit()
    _, members = _members(positions, result.labels)
    texts = units[Col.TEXT.value].astype(str).to_numpy()
    langs = units[Col.LANG.value].astype(str).to_numpy()
    try:
        parse_ahead(
            [texts[m].tolist() for m in members],
            [langs[m].tolist() for m in members],
            nlp=nlp,
            cache_dir=cache_dir,
            until=lambda: done.is_set() or os.getppid() != parent,  # done, or it died
        )
    except Exception:  # noqa: BLE001, S110 - a head start: key_phrases parses what is missing
        pass
    return result


def _positions(units: pd.DataFrame, kind: ProposalKind) -> np.ndarray:
    """Rows of the respondent statements of `kind`'s polarity."""
    respondent = units[Col.ROLE.value] == Role.RESPONDENT.value
    return np.flatnonzero((respondent & (units[Col.SENTIMENT.value] == _POLARITY[kind])).to_numpy())


def load_phrase_pipelines() -> SpacyPipelines:
    """SpaCy pipelines for key phrases, English and French (each loads on first use).

    A run passes its shared `SpacyPipelines` instead, so each language loads once.
    """
    return SpacyPipelines()
