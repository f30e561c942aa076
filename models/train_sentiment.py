"""Train the shipped sentiment head (``head.v1``) reproducibly.

Multinomial logistic regression over sentence embeddings, on data whose licence
allows shipping a derived model (see models/sentiment-head.md):

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

from insights.analysis.embed import DEFAULT_EMBEDDER, make_embedder  # noqa: E402
from insights.analysis.sentiment import LABELS, normalise_text  # noqa: E402

SEED_FILE = REPO / "models" / "sentiment_seed.tsv"
BANKING = "04_banking77_intents/banking77_test.csv"
CFPB = "09_cfpb_consumer_complaints/cfpb_complaints.csv"
OUT = REPO / "insights" / "analysis" / "sentiment_head.npz"

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
    """One training text with its label index (into LABELS) and source name."""

    text: str
    label: int
    source: str


def read_seed(path: Path) -> list[Example]:
    """Read the hand-written seed sentences (TSV, ``#`` comment lines skipped)."""
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [Example(r["text"], LABELS.index(r["label"]), "seed") for r in rows]


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


def train(data: Path, embedder_name: str) -> tuple[np.ndarray, np.ndarray, dict[str, object]]:
    """Embed every training text with `embedder_name` and fit the head."""
    from sklearn.linear_model import LogisticRegression

    files = {"seed": SEED_FILE, "banking77": data / BANKING, "cfpb": data / CFPB}
    examples = read_seed(files["seed"]) + read_banking(files["banking77"])
    examples += read_cfpb(files["cfpb"])
    embedder = make_embedder(embedder_name)
    x = embedder.encode([normalise_text(e.text) for e in examples]).astype(np.float64)
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
        "name": "head.v1",
        "labels": list(LABELS),
        "embedder": embedder_name,
        "embedder_model_id": embedder.model_id,
        "method": (
            f"multinomial logistic regression, C={C}, class-balanced, "
            f"source weights {SOURCE_WEIGHT}"
        ),
        "training_counts": counts,
        "sources_sha256": {src: sha256(path) for src, path in files.items()},
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
    parser.add_argument("--embedder", default=DEFAULT_EMBEDDER)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare with --out, do not write")
    args = parser.parse_args(argv)
    weights, bias, meta = train(args.data, args.embedder)
    if args.check:
        diff = check(args.out, weights, bias)
        print(f"max |difference| with {args.out}: {diff:.2e}")
        return 0 if diff < 1e-4 else 1
    save(args.out, weights, bias, meta)
    print(
        f"wrote {args.out} ({args.out.stat().st_size} bytes): {json.dumps(meta['training_counts'])}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
