"""How fast the installed spaCy runs what a run asks of it: NER, parsing, sentences.

Why the pin `spacy<3.8.8` (pyproject.toml): spaCy's 3.8.8 and later wheels were built
by a newer Cython whose exception checks take the GIL at every call of the
transition parser's state methods, thousands of times per text. On the same model
weights, entities are the same and NER takes about twice the CPU time. Run this under
a newer spaCy (e.g. ``pip install --target /tmp/sp spacy==3.8.X`` then
``PYTHONPATH=/tmp/sp``) to see whether the pin can be lifted: compare the CPU seconds,
and check that the entity, chunk and sentence digests are the same.

Usage:
    python benchmarks/spacy_speed.py --data ../shared/eval [--n 3000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from insights.privacy.ner import idle_pipes, load_ner  # noqa: E402
from insights.spacy_pipelines import PACKAGES, load_installed  # noqa: E402

AIRLINE = Path("01_twitter_airline_sentiment") / "tweets.csv"


def read_texts(data: Path, n: int) -> list[str]:
    """The first `n` airline tweets (English, capitalised names and places)."""
    frame = pd.read_csv(data / AIRLINE, dtype=str, keep_default_na=False)
    return frame["text"].head(n).tolist()


def timed(work: Callable[[], Iterable[Any]], repeat: int) -> tuple[float, str]:
    """Best CPU seconds of `repeat` runs of `work`, and a digest of what it yields."""
    best, digest = float("inf"), ""
    for _ in range(repeat):
        start = time.process_time()
        found = [repr(item) for item in work()]
        best = min(best, time.process_time() - start)
        digest = hashlib.sha256("\n".join(found).encode()).hexdigest()[:12]
    return best, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--n", type=int, default=3000, help="texts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per task (best kept)")
    args = parser.parse_args()

    import spacy

    texts = read_texts(args.data, args.n)
    ner = load_ner("en")
    full = load_installed(PACKAGES["en"], lambda name: [])
    if full is None:
        sys.exit(f"no English spaCy pipeline among {', '.join(PACKAGES['en'])}")
    parse_idle = [p for p in full.pipe_names if p in ("ner", "senter", "lemmatizer")]
    tasks: dict[str, Callable[[], Iterable[Any]]] = {
        "NER (privacy)": lambda: (
            [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in ner.pipe(texts, batch_size=256, disable=idle_pipes(ner))
        ),
        "parse (key phrases)": lambda: (
            [c.text for c in doc.noun_chunks]
            for doc in full.pipe(texts, batch_size=64, disable=parse_idle)
        ),
        "senter (sentences)": lambda: (
            [(s.start_char, s.end_char) for s in doc.sents]
            for doc in full.pipe(
                texts, batch_size=256, disable=[p for p in full.pipe_names if p != "senter"]
            )
        ),
    }
    full.enable_pipe("senter")
    print(f"spaCy {spacy.__version__}, {len(texts)} texts, best of {args.repeat} runs (CPU)")
    for name, work in tasks.items():
        seconds, digest = timed(work, args.repeat)
        print(f"{name:22} {seconds:6.2f} s  {len(texts) / seconds:7.0f} texts/s  digest {digest}")


if __name__ == "__main__":
    main()
