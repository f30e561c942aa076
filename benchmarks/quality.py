"""Sentiment quality benchmark on real labelled data, default model vs VADER in one run.

Prints one table per dataset (macro-F1, accuracy, units/s) for the default offline
sentiment model and the VADER baseline, then the throughput of the analysis step
(embedding + head, after model load) and the acceptance targets of the Analysis issue.

Scoring rules (same for every model):
- 3-class datasets: the model's label (negative / neutral / positive).
- binary datasets (UCI, Allociné): positive iff score >= 0, i.e. the larger of
  P(positive) and P(negative) for the head, VADER compound >= 0 for VADER.
- NHS: sentiment 1-2 positive, 3 neutral (or mixed), 4-5 negative; rows without a
  label dropped. Scored twice: text alone, and with the survey question each
  comment answers (``fft_question``, passed as ``questions=``, as a run passes its
  ``question`` column), so a bare "Nothing." to "How could we improve?" reads as praise.
  Trustpilot and Alexa: stars 1-2 negative, 3 neutral, 4-5 positive.

None of these rows is used to train the head (see models/sentiment-head.md).
Languages are not passed: the head detects them, as it does without a ``lang`` column.

``--cache DIR`` keeps each embedder's vectors in DIR (npz keyed by text hash) so that
repeated runs embed each dataset once; the units/s then exclude embedding, so measure
throughput without it.

Usage:
    python benchmarks/quality.py --data ../shared/eval
    python benchmarks/quality.py --data ../shared/eval --limit 2000
    python benchmarks/quality.py --data ../shared/eval --cache /tmp/sentiment_cache
    python benchmarks/quality.py --data ../shared/eval --sentiment e5-head.v1 --limit 1500
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from embedding_cache import CachedEmbedder  # noqa: E402

from insights.analysis.embed import Embedder  # noqa: E402
from insights.analysis.sentiment import (  # noqa: E402
    DEFAULT_SENTIMENT,
    HeadSentiment,
    SentimentModel,
    SentimentResult,
    make_sentiment,
)
from insights.analysis.sentiment_head import (  # noqa: E402
    HEAD_FILES,
    build_embedder,
    fast_variant,
    load_head,
)

THREE = {1: "negative", 2: "negative", 3: "neutral", 4: "positive", 5: "positive"}
NHS = {1: "positive", 2: "positive", 3: "neutral", 4: "negative", 5: "negative"}
BINARY = {0: "negative", 1: "positive"}


@dataclass(frozen=True)
class Dataset:
    """Texts with gold labels, how to score them and the issue's target if any."""

    name: str
    texts: list[str]
    gold: list[str]
    binary: bool
    note: str
    target: tuple[str, float] | None = None
    questions: list[str] | None = None


@dataclass(frozen=True)
class Scores:
    """One model on one dataset."""

    macro_f1: float
    accuracy: float
    seconds: float


@dataclass(frozen=True)
class Spec:
    """Where a dataset lives and how its label column maps to sentiment labels."""

    name: str
    path: str
    column: str
    mapping: Callable[[object], str | None]
    binary: bool
    note: str
    target: tuple[str, float] | None = None
    question: str | None = None


def _map(table: dict[int, str]) -> Callable[[object], str | None]:
    def mapper(value: object) -> str | None:
        return None if pd.isna(value) else table.get(int(value))  # type: ignore[call-overload]

    return mapper


SPECS = [
    Spec(
        "airline tweets (en, 3-class)",
        "01_twitter_airline_sentiment/tweets.csv",
        "airline_sentiment",
        lambda v: str(v),
        False,
        "crowd labels",
        ("macro-F1", 0.70),
    ),
    Spec(
        "UCI sentences (en, binary)",
        "08_uci_sentiment_labelled_sentences/sentiment_labelled_sentences.csv",
        "label",
        _map(BINARY),
        True,
        "amazon/imdb/yelp; not used for training",
        ("macro-F1", 0.85),
    ),
    Spec(
        "NHS feedback (en, 3-class)",
        "03_nhs_fft_patient_feedback/nhs_fft_feedback.csv",
        "sentiment",
        _map(NHS),
        False,
        "1-2 pos, 3 neutral/mixed, 4-5 neg",
        ("macro-F1", 0.65),
    ),
    Spec(
        "NHS feedback + question (en, 3-class)",
        "03_nhs_fft_patient_feedback/nhs_fft_feedback.csv",
        "sentiment",
        _map(NHS),
        False,
        "same rows; questions=fft_question",
        ("macro-F1", 0.65),
        question="fft_question",
    ),
    Spec(
        "Allociné (fr, binary)",
        "07_french_reviews/allocine_tv_series_reviews_fr.csv",
        "polarity",
        _map(BINARY),
        True,
        "TV-series reviews",
        ("accuracy", 0.85),
    ),
    Spec(
        "Trustpilot (fr, stars->3)",
        "07_french_reviews/trustpilot_fr_reviews.csv",
        "rating",
        _map(THREE),
        False,
        "1-2 neg, 3 neu, 4-5 pos; 93% positive",
    ),
    Spec(
        "Amazon Alexa (en, stars->3)",
        "10_amazon_alexa_reviews/amazon_alexa_reviews.csv",
        "rating",
        _map(THREE),
        False,
        "1-2 neg, 3 neu, 4-5 pos; 87% positive",
    ),
]


def load_dataset(data: Path, spec: Spec, *, limit: int | None, seed: int) -> Dataset:
    """Read one dataset; keep rows with text and a label; subsample to `limit` rows."""
    frame = pd.read_csv(data / spec.path, dtype={"text": str}, keep_default_na=False)
    frame = frame.assign(gold=frame[spec.column].replace("", np.nan).map(spec.mapping))
    frame = frame[frame["gold"].notna() & (frame["text"].str.strip() != "")]
    note = spec.note
    if limit is not None and len(frame) > limit:
        frame = frame.sample(n=limit, random_state=seed).sort_index()
        note += f"; random {limit} rows (seed {seed})"
    questions = frame[spec.question].astype(str).tolist() if spec.question else None
    return Dataset(
        spec.name,
        frame["text"].tolist(),
        frame["gold"].tolist(),
        spec.binary,
        note,
        spec.target,
        questions,
    )


def predicted_labels(result: SentimentResult, binary: bool) -> list[str]:
    """The model's labels, or sign of the score for a binary dataset."""
    if binary:
        return ["positive" if s >= 0 else "negative" for s in result.scores]
    return list(result.labels)


def evaluate(model: SentimentModel, dataset: Dataset) -> Scores:
    """Predict every text of `dataset` (timed) and score against its gold labels."""
    from sklearn.metrics import accuracy_score, f1_score

    start = time.perf_counter()
    result = model.predict(dataset.texts, questions=dataset.questions)
    seconds = time.perf_counter() - start
    predicted = predicted_labels(result, dataset.binary)
    return Scores(
        float(f1_score(dataset.gold, predicted, average="macro")),
        float(accuracy_score(dataset.gold, predicted)),
        seconds,
    )


def verdict(dataset: Dataset, ours: Scores, baseline: Scores) -> str:
    """Whether the issue's target holds: threshold met and above the baseline."""
    if dataset.target is None:
        return "-"
    metric, threshold = dataset.target
    value, base = (
        (ours.macro_f1, baseline.macro_f1)
        if metric == "macro-F1"
        else (ours.accuracy, baseline.accuracy)
    )
    ok = value >= threshold and value > base
    return f"{metric} >= {threshold:.2f}: {'PASS' if ok else 'MISS'} ({value:.3f})"


def render(
    datasets: Sequence[Dataset],
    names: Sequence[str],
    table: list[list[Scores]],
    *,
    cached: bool = False,
) -> None:
    """Print one table per dataset, then throughput and a summary of targets."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for dataset, row in zip(datasets, table, strict=True):
        view = Table(title=f"{dataset.name}: n={len(dataset.texts)} ({dataset.note})")
        for column in ("model", "macro-F1", "accuracy", "units/s"):
            view.add_column(column, justify="left" if column == "model" else "right")
        for name, scores in zip(names, row, strict=True):
            speed = len(dataset.texts) / max(scores.seconds, 1e-9)
            view.add_row(name, f"{scores.macro_f1:.3f}", f"{scores.accuracy:.3f}", f"{speed:,.0f}")
        view.caption = verdict(dataset, row[0], row[-1])  # the baseline is the last column
        console.print(view)
    total = sum(len(d.texts) for d in datasets)
    what = "embeddings cached: embedding NOT included" if cached else "embedding included"
    summary = Table(title=f"sentiment step throughput (after model load, {what})")
    summary.add_column("model")
    summary.add_column("units", justify="right")
    summary.add_column("units/s", justify="right")
    for index, name in enumerate(names):
        seconds = sum(row[index].seconds for row in table)
        summary.add_row(name, f"{total:,}", f"{total / seconds:,.0f}")
    console.print(summary)


def build_models(args: argparse.Namespace) -> list[tuple[str, SentimentModel]]:
    """Our model (a head by name or file, or another backend) and VADER.

    A head's English block runs on the int8 runtime when the ``fast`` extra is
    installed, as in a run; ``--compare-fp32`` adds the same head on fp32 vectors.
    """
    head = str(args.head or args.sentiment)
    name = args.head.name if args.head else args.sentiment
    if not (args.head or head in HEAD_FILES):
        return [(name, make_sentiment(args.sentiment)), _vader()]
    meta = load_head(head)[2]

    def cached(embedder_name: str) -> Embedder:
        options = {"threads": args.threads} if args.threads and "use" in embedder_name else {}
        embedder = build_embedder(embedder_name, **options)
        return CachedEmbedder(embedder, args.cache) if args.cache else embedder

    main_block = cached(meta["embedder"])
    english = meta.get("english_embedder")
    fast = fast_variant(english) if english else ""
    models = [
        (
            name,
            HeadSentiment(
                artefact=head, embedder=main_block, english_embedder=cached(fast) if fast else None
            ),
        )
    ]
    if args.compare_fp32 and english and fast != english:
        fp32 = HeadSentiment(
            artefact=head, embedder=main_block, english_embedder=cached(english), fast=False
        )
        models.append((f"{name} (fp32 English block)", fp32))
    return [*models, _vader()]


def _vader() -> tuple[str, SentimentModel]:
    """The lexicon baseline, in every table."""
    return ("vader.v1 (baseline)", make_sentiment("vader.v1"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared eval folder")
    parser.add_argument("--threads", type=int, help="BLAS threads of the USE embedder")
    parser.add_argument("--cache", type=Path, help="keep embeddings in this folder (see above)")
    parser.add_argument("--sentiment", default=DEFAULT_SENTIMENT, help="sentiment backend name")
    parser.add_argument("--head", type=Path, help="evaluate this head .npz instead")
    parser.add_argument("--limit", type=int, help="at most N random rows per dataset")
    parser.add_argument("--seed", type=int, default=0, help="seed of the --limit sample")
    parser.add_argument(
        "--compare-fp32", action="store_true", help="also run the head with an fp32 English block"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    datasets = [load_dataset(args.data, s, limit=args.limit, seed=args.seed) for s in SPECS]
    models = build_models(args)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"ours: {models[0][1].model_id}; data: {args.data}; {os.cpu_count()} cores, "
        f"load average {load:.1f}" + ("; embeddings cached" if args.cache else "")
    )
    for _, model in models:  # load lazily built parts (embedder) before timing
        model.predict(["warm-up"])
    table = [[evaluate(model, dataset) for _, model in models] for dataset in datasets]
    render(datasets, [name for name, _ in models], table, cached=args.cache is not None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
