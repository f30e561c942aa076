"""Generate the PII test set: realistic en + fr sentences with planted, annotated items.

Three splits, each from its own seed: `dev` and `test` take alternate halves of the
templates (templates.py) and of the name pools (pools.py); `dev` is what the rules
were developed on. `test` was held out until its first measurement, then its errors
were read, so `holdout` (holdout.py: its own people and sentences, written after the
rules were settled) is the clean measure that benchmarks/pii.py reports by default.

Each JSONL line: {"id", "split", "lang", "text", "items": [{"type", "start", "end",
"text"}]}. Types: NAME, EMAIL, PHONE, IBAN, CARD, ADDRESS, TERM (TERM items are what
benchmarks/pii/terms.txt asks to redact). Sentences without items are the negatives.

Usage:
    python benchmarks/pii/make_set.py      # writes pii_dev, pii_test and pii_holdout .jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import holdout  # noqa: E402
import pools  # noqa: E402
import values  # noqa: E402
from templates import EN_NONE, EN_PII, FR_NONE, FR_PII  # noqa: E402

HERE = Path(__file__).resolve().parent
SEEDS = {"dev": 20261125, "test": 90210, "holdout": 4242}
# Planted items per split and language, and negative sentences per split and language.
QUOTA = {"NAME": 100, "PHONE": 55, "EMAIL": 35, "IBAN": 18, "CARD": 18, "ADDRESS": 30, "TERM": 10}
NEGATIVES = 180
SLOT = re.compile(r"\{([A-Z]+)\}")
PLANTED = {"NAME", "FIRST", "FULL", "EMAIL", "PHONE", "IBAN", "CARD", "ADDRESS", "TERM"}
TYPE_OF = {"FIRST": "NAME", "FULL": "NAME"}


def fill(template: str, lang: str, make: values.Values) -> dict[str, object]:
    """Fill every slot of `template`, recording the offsets of planted values."""
    text, items, pos = "", [], 0
    for match in SLOT.finditer(template):
        text += template[pos : match.start()]
        slot = match.group(1)
        value, start, end = make.value(slot, lang, sentence_start=not text.strip())
        if slot in PLANTED:
            kind = TYPE_OF.get(slot, slot)
            items.append(
                {
                    "type": kind,
                    "start": len(text) + start,
                    "end": len(text) + end,
                    "text": value[start:end],
                }
            )
        text += value
        pos = match.end()
    text += template[pos:]
    return {"lang": lang, "text": text, "items": items}


def types_of(template: str) -> set[str]:
    return {TYPE_OF.get(s, s) for s in SLOT.findall(template) if s in PLANTED}


def positives(templates: list[str], lang: str, make: values.Values, rng: random.Random) -> list:
    counts: Counter[str] = Counter()
    rows = []
    while any(counts[t] < q for t, q in QUOTA.items()):
        template = rng.choice(templates)
        if all(counts[t] >= QUOTA[t] for t in types_of(template)):
            continue
        row = fill(template, lang, make)
        counts.update(item["type"] for item in row["items"])
        rows.append(row)
    return rows


def negatives(templates: list[str], lang: str, make: values.Values, rng: random.Random) -> list:
    seen: set[str] = set()
    rows = []
    for _ in range(100 * NEGATIVES):
        if len(rows) >= NEGATIVES:
            break
        parts = [fill(rng.choice(templates), lang, make)["text"]]
        if rng.random() < 0.3:
            parts.append(fill(rng.choice(templates), lang, make)["text"])
        text = " ".join(parts)
        if text not in seen:
            seen.add(text)
            rows.append({"lang": lang, "text": text, "items": []})
    return rows


def sources(split: str) -> tuple[values.Values, dict[str, tuple[list[str], list[str]]]]:
    """The value maker and the (PII, none) templates by language of a split."""
    rng = random.Random(SEEDS[split])
    if split == "holdout":
        first = {"en": holdout.FIRST_EN, "fr": holdout.FIRST_FR}
        last = {"en": holdout.LAST_EN, "fr": holdout.LAST_FR}
        templates = {
            "en": (holdout.EN_PII, holdout.EN_NONE),
            "fr": (holdout.FR_PII, holdout.FR_NONE),
        }
        return values.Values(rng, first, last), templates
    half = 0 if split == "dev" else 1
    first = {"en": pools.FIRST_EN[half::2], "fr": pools.FIRST_FR[half::2]}
    last = {"en": pools.LAST_EN[half::2], "fr": pools.LAST_FR[half::2]}
    templates = {
        "en": (EN_PII[half::2], EN_NONE[half::2]),
        "fr": (FR_PII[half::2], FR_NONE[half::2]),
    }
    return values.Values(rng, first, last), templates


def make_split(split: str) -> list[dict[str, object]]:
    make, templates = sources(split)
    rng = make.rng
    rows = []
    for lang, (pii, none) in templates.items():
        rows += positives(pii, lang, make, rng)
        rows += negatives(none, lang, make, rng)
    rng.shuffle(rows)
    return [{"id": f"{split}-{i:04d}", "split": split, **row} for i, row in enumerate(rows)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    for split in SEEDS:
        rows = make_split(split)
        path = args.out / f"pii_{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        items = Counter(item["type"] for row in rows for item in row["items"])
        empty = sum(not row["items"] for row in rows)
        print(f"{path.name}: {len(rows)} sentences, {empty} without PII, items {dict(items)}")


if __name__ == "__main__":
    main()
