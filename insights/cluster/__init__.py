"""Clustering of statements into proposals: embedding cache, HDBSCAN, key phrases, quotes.

Modules: `cache` (embeddings on disk by text hash + model id), `clustering`
(UMAP + HDBSCAN with outlier reassignment, stable proposal ids), `keyphrases`
(c-TF-IDF over lemmatised noun chunks + MMR, labels), `quotes` (central then
diverse quotes, one per respondent), `personas` (respondent groups).
"""

from __future__ import annotations

from insights.cluster.cache import embed_cached, embedding_text
from insights.cluster.clustering import (
    ClusterParams,
    ClusterResult,
    cluster_embeddings,
    default_min_cluster_size,
    proposal_id,
)
from insights.cluster.keyphrases import key_phrases, make_label
from insights.cluster.quotes import representative_quotes

__all__ = [
    "ClusterParams",
    "ClusterResult",
    "cluster_embeddings",
    "default_min_cluster_size",
    "embed_cached",
    "embedding_text",
    "key_phrases",
    "make_label",
    "proposal_id",
    "representative_quotes",
]
