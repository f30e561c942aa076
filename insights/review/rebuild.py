"""Rebuild proposals from a run folder's statements: after a merge, and for each part of a split.

Stats, stage, touchpoints, emotions, severity and quotes are recomputed from
``units.csv`` exactly as `insights run` computes them (`build_proposal`,
`representative_quotes`); quotes need the respondent embeddings the run kept in
``embeddings.npz``. Both files are read lazily, only when a merge or split needs them.

Split rule (`split_members`): the members' L2-normalised embeddings are
clustered by k-means (scikit-learn, ``n_init=10``, ``random_state=seed``) into
the number of parts asked for, or, when none is asked, into 2 or 3 parts,
whichever has the higher cosine silhouette (ties: 2). Parts are ordered by
decreasing size (ties: first unit id), so a split is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from insights.cluster.kmeans import kmeans, silhouette
from insights.errors import UsageError
from insights.journeymap.model import JourneyMap, Label, Proposal, ProposalKind
from insights.schema import Col

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "RunData",
    "build_from_members",
    "label_parts",
    "most_similar",
    "regroup",
    "split_members",
    "stage_names",
]

_PREFIX = {ProposalKind.PAIN: "P", ProposalKind.DELIGHT: "D"}
_N_QUOTES = 5
_ID = Col.UNIT_ID.value


class RunData:
    """The statements and embeddings of a run folder, loaded on first use.

    Args:
        run_dir: the run folder.
        nlp: spaCy pipelines by language for key phrases of split parts
            (`load_phrase_pipelines`); loaded on the first split when not given.
    """

    def __init__(self, run_dir: Path, *, nlp: Mapping[str, Any] | None = None) -> None:
        self.run_dir = Path(run_dir)
        self._nlp = nlp

    @cached_property
    def units(self) -> pd.DataFrame:
        """The units table (``units.csv`` or ``units.parquet``)."""
        import pandas as pd

        for name, read in (("units.csv", pd.read_csv), ("units.parquet", pd.read_parquet)):
            path = self.run_dir / name
            if path.exists():
                frame: pd.DataFrame = read(path)
                return frame.assign(**{_ID: frame[_ID].astype(str)})
        raise UsageError(
            f"{self.run_dir / 'units.csv'} is missing; merge and split rebuild proposals from "
            "the run's statements: run `insights run … --out` into this folder again"
        )

    @cached_property
    def position(self) -> dict[str, int]:
        """Unit id → row position in `units`."""
        return {u: i for i, u in enumerate(self.units[_ID].tolist())}

    @cached_property
    def _vectors(self) -> tuple[dict[str, int], np.ndarray]:
        path = self.run_dir / "embeddings.npz"
        if not path.exists():
            raise UsageError(
                f"{path} is missing; merge and split need the run's embeddings: "
                "run `insights run … --out` into this folder again"
            )
        with np.load(path, allow_pickle=False) as arrays:
            ids = [str(u) for u in arrays["unit_id"].tolist()]
            vectors = np.asarray(arrays["vector"], dtype=np.float64)
        return {u: i for i, u in enumerate(ids)}, vectors

    @property
    def nlp(self) -> Mapping[str, Any]:
        """SpaCy pipelines for key phrases of split parts (loaded on the first split)."""
        if self._nlp is None:
            from insights.journeymap.propose import load_phrase_pipelines

            self._nlp = load_phrase_pipelines()
        return self._nlp

    def vectors(self, unit_ids: Sequence[str]) -> np.ndarray:
        """L2-normalised embeddings of `unit_ids`, one row each."""
        row_of, vectors = self._vectors
        missing = [u for u in unit_ids if u not in row_of]
        if missing:
            raise UsageError(
                f"statement {missing[0]} has no embedding in {self.run_dir / 'embeddings.npz'}; "
                "the run folder is incomplete: run `insights run … --out` into it again"
            )
        rows = vectors[[row_of[u] for u in unit_ids]]
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)

    def positions(self, unit_ids: Iterable[str]) -> list[int]:
        """Row positions of `unit_ids` in `units`, in table order."""
        missing = [u for u in unit_ids if u not in self.position]
        if missing:
            raise UsageError(
                f"statement {missing[0]} is not in {self.run_dir / 'units.csv'}; "
                "the run folder is incomplete: run `insights run … --out` into it again"
            )
        return sorted(self.position[u] for u in unit_ids)


def stage_names(journey_map: JourneyMap) -> dict[str, str]:
    """Stage id → English display name, from the map's taxonomy."""
    names = {}
    for stage in journey_map.taxonomy.stages:
        label = stage.get("label")
        text = label.get("en", stage["id"]) if isinstance(label, dict) else stage["id"]
        names[str(stage["id"])] = str(text)
    return names


def _quote_positions(
    data: RunData, positions: list[int], pinned: set[str], dropped: set[str]
) -> list[int]:
    """Pinned members first, then representative quotes among the rest (dropped ones excluded)."""
    from insights.cluster.quotes import representative_quotes

    ids = data.units[_ID].to_numpy()
    first = [p for p in positions if ids[p] in pinned]
    rest = [p for p in positions if ids[p] not in pinned and ids[p] not in dropped]
    if not rest:
        return first
    rows = data.units.iloc[rest]
    picks = representative_quotes(
        np.arange(len(rest)),
        data.vectors([str(u) for u in rows[_ID]]),
        rows[Col.RESPONDENT_ID.value].astype(str).tolist(),
        rows[Col.TEXT.value].astype(str).tolist(),
        n=max(_N_QUOTES - len(first), 0),
    )
    return first + [rest[i] for i in picks]


def build_from_members(
    unit_ids: Sequence[str],
    *,
    kind: ProposalKind,
    label: Label,
    key_phrases: list[str],
    data: RunData,
    total_respondents: int,
    stage_names: dict[str, str],
    pinned: set[str] | None = None,
    dropped: set[str] | None = None,
) -> Proposal:
    """A proposal over `unit_ids`, its id derived from them (`proposal_id`), stats recomputed."""
    from insights.cluster.clustering import proposal_id
    from insights.journeymap.proposals import ClusterEvidence, build_proposal

    positions = data.positions(unit_ids)
    evidence = ClusterEvidence(
        proposal_id=proposal_id(unit_ids, _PREFIX[kind]),
        members=np.asarray(positions, dtype=np.int64),
        key_phrases=list(key_phrases),
        label=label.text,
        confidence=label.confidence or 0.0,
        quote_positions=_quote_positions(data, positions, pinned or set(), dropped or set()),
    )
    proposal = build_proposal(
        data.units,
        evidence,
        kind=kind,
        total_respondents=total_respondents,
        stage_names=stage_names,
    )
    return proposal.model_copy(update={"label": label})


def split_members(
    unit_ids: Sequence[str], vectors: np.ndarray, *, parts: int | None = None, seed: int = 0
) -> list[list[str]]:
    """Partition a proposal's members into 2–3 parts by k-means; see the module docstring."""
    n = len(unit_ids)
    if parts is not None and parts not in (2, 3):
        raise UsageError(f"a proposal splits into 2 or 3 parts, not {parts}")
    if n < 4:
        raise UsageError(f"a proposal of {n} statements is too small to split; it needs 4 or more")
    choices = [parts] if parts else [k for k in (2, 3) if n >= 2 * k]
    best: tuple[float, list[list[str]]] | None = None
    for k in choices:
        labels = _kmeans(vectors, k, seed)
        score = _silhouette(vectors, labels)
        if best is None or score > best[0] + 1e-9:
            best = (score, _groups(unit_ids, labels))
    assert best is not None
    return best[1]


def _kmeans(vectors: np.ndarray, k: int, seed: int) -> np.ndarray:
    return np.asarray(kmeans(vectors, k, seed=seed, n_init=10).labels, dtype=np.int64)


def _silhouette(vectors: np.ndarray, labels: np.ndarray) -> float:
    if not 2 <= len(set(labels.tolist())) <= len(labels) - 1:
        return -1.0
    return silhouette(vectors, labels, metric="cosine")


def _groups(unit_ids: Sequence[str], labels: np.ndarray) -> list[list[str]]:
    groups: dict[int, list[str]] = {}
    for unit, label in zip(unit_ids, labels.tolist(), strict=True):
        groups.setdefault(int(label), []).append(str(unit))
    members = [sorted(g) for g in groups.values()]
    return sorted(members, key=lambda g: (-len(g), g[0]))


def label_parts(data: RunData, parts: Sequence[Sequence[str]], nlp: Any) -> list[dict[str, Any]]:
    """Key phrases and a label for each part (c-TF-IDF across the parts), as split values."""
    from insights.cluster.keyphrases import key_phrases, make_label

    rows = [data.units.iloc[data.positions(p)] for p in parts]
    phrases = key_phrases(
        [r[Col.TEXT.value].astype(str).tolist() for r in rows],
        [r[Col.LANG.value].astype(str).tolist() for r in rows],
        nlp=nlp,
    )
    return [
        {"unit_ids": sorted(p), "label": make_label(ph), "key_phrases": ph}
        for p, ph in zip(parts, phrases, strict=True)
    ]


def regroup(
    parts: Sequence[Sequence[str]], members: Sequence[str], data: RunData
) -> list[tuple[int, list[str]]]:
    """Re-apply a recorded split to a proposal's current members.

    Each member stays in the part that held it; a member no part held (new
    statements after a re-run) joins the part whose centroid (normalised mean of
    its members' embeddings) it is most similar to. Parts left empty are dropped.

    Returns:
        (index of the recorded part, its members now) for each non-empty part.
    """
    current = set(members)
    kept = [sorted(set(p) & current) for p in parts]
    placed = set().union(*map(set, kept))
    leftover = sorted(current - placed)
    alive = [i for i, k in enumerate(kept) if k]
    if leftover and alive:
        centroids = np.vstack([data.vectors(kept[i]).mean(axis=0) for i in alive])
        nearest = (data.vectors(leftover) @ centroids.T).argmax(axis=1)
        for unit, j in zip(leftover, nearest.tolist(), strict=True):
            kept[alive[j]].append(unit)
    return [(i, sorted(kept[i])) for i in alive]


def most_similar(
    proposal: Proposal, others: Sequence[Proposal], data: RunData, *, n: int = 5
) -> list[tuple[Proposal, float]]:
    """The `n` proposals whose centroid is closest (cosine) to `proposal`'s, closest first."""
    if not others:
        return []

    def centroid(p: Proposal) -> np.ndarray:
        mean = data.vectors(p.unit_ids).mean(axis=0)
        return np.asarray(mean / max(float(np.linalg.norm(mean)), 1e-12))

    target = centroid(proposal)
    scored = [(float(centroid(o) @ target), o) for o in others]
    scored.sort(key=lambda s: (-s[0], s[1].id))
    return [(o, score) for score, o in scored[:n]]
