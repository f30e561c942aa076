"""Representative, diverse quotes of a cluster: the most central one, then MMR.

Selection rule:

1. Candidates are the members with at least `min_words` words (all members when
   none has that many).
2. Relevance of a candidate = cosine similarity of its embedding to the cluster
   centroid (normalised mean of all members' embeddings). The first quote is the
   most relevant one.
3. Each next quote maximises ``(1 - diversity) * relevance - diversity * redundancy``
   (maximal marginal relevance), where redundancy is the highest cosine similarity
   to a quote already chosen, among candidates from respondents not quoted yet;
   only when every respondent has been quoted may a respondent be quoted twice.
4. Ties go to the earlier member, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from insights.errors import UsageError

__all__ = ["representative_quotes"]


def representative_quotes(
    member_idx: Sequence[int] | np.ndarray,
    embeddings: np.ndarray,
    respondent_ids: Sequence[str],
    texts: Sequence[str],
    *,
    n: int = 5,
    diversity: float = 0.5,
    min_words: int = 4,
) -> list[int]:
    """Pick up to `n` quotes of one cluster: central first, then diverse, one per respondent.

    Args:
        member_idx: row indices of the cluster's members in `embeddings`,
            `respondent_ids` and `texts`.
        embeddings: one row per statement (the same rows as `texts`).
        respondent_ids: respondent of each statement.
        texts: text of each statement.
        n: number of quotes wanted.
        diversity: 0 = the `n` most central, 1 = as different as possible.
        min_words: statements shorter than this are skipped when longer ones exist.

    Returns:
        Indices (values of `member_idx`) of the chosen statements, in pick order.

    Example:
        >>> representative_quotes([0, 1, 2], vectors, ["r1", "r1", "r2"], texts, n=2)
        [1, 2]
    """
    members = np.asarray(member_idx, dtype=np.int64)
    if not 0.0 <= diversity <= 1.0:
        raise UsageError(f"quote diversity {diversity} is not in [0, 1]; give e.g. 0.5")
    if len(members) == 0 or n <= 0:
        return []
    vectors = _unit_rows(np.asarray(embeddings, dtype=np.float64)[members])
    centroid = _unit_rows(vectors.mean(axis=0, keepdims=True))[0]
    long_enough = np.array([len(str(texts[i]).split()) >= min_words for i in members])
    candidates = np.flatnonzero(long_enough) if long_enough.any() else np.arange(len(members))
    relevance = vectors[candidates] @ centroid
    people = [str(respondent_ids[i]) for i in members[candidates]]
    picked = _pick(relevance, vectors[candidates], people, n, diversity)
    return [int(members[candidates[i]]) for i in picked]


def _pick(
    relevance: np.ndarray, vectors: np.ndarray, people: list[str], n: int, diversity: float
) -> list[int]:
    picked: list[int] = []
    quoted: set[str] = set()
    while len(picked) < min(n, len(relevance)):
        score = (
            relevance.copy() if not picked else _mmr_score(relevance, vectors, picked, diversity)
        )
        score[picked] = -np.inf
        fresh = np.array([p not in quoted for p in people])
        if fresh[score > -np.inf].any():
            score[~fresh] = -np.inf
        best = int(np.argmax(score))
        picked.append(best)
        quoted.add(people[best])
    return picked


def _mmr_score(
    relevance: np.ndarray, vectors: np.ndarray, picked: list[int], diversity: float
) -> np.ndarray:
    redundancy = (vectors @ vectors[picked].T).max(axis=1)
    return np.asarray((1.0 - diversity) * relevance - diversity * redundancy, dtype=np.float64)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
