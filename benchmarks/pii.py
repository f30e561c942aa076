"""PII redaction benchmark: recall and precision per type on the generated test set.

The set (benchmarks/pii/, made by benchmarks/pii/make_set.py, described with the
results in benchmarks/pii/README.md) holds realistic en + fr customer-research
sentences with planted, annotated personal data, and sentences with none whose hard
negatives are product and brand names, cities, dates, prices, order and tracking
numbers and capitalised words. Report `pii_holdout.jsonl` (the default): `pii_dev`
is what the rules were developed on, and `pii_test`'s errors were read once measured.

Scoring:
- an item is *recalled* when every letter and digit of it is inside redacted spans
  (of any type: a phone redacted as a card is still not leaked); "typed" counts only
  spans of the item's own type.
- a redacted span is *correct* when it overlaps a planted item; precision per type is
  over the spans of that predicted type.
Two modes: `corpus` (default) redacts the whole file with one Redactor, as a run
does (names found once are redacted everywhere; the corpus vetoes brand names);
`sentence` redacts each sentence with a fresh Redactor (no corpus evidence).

Usage:
    python benchmarks/pii.py
    python benchmarks/pii.py --data benchmarks/pii/pii_dev.jsonl --mode sentence --errors 40
    python benchmarks/pii.py --demo corpora/demo
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from insights.privacy import Found, Redactor, load_terms  # noqa: E402
from insights.privacy.ner import load_ner  # noqa: E402

TYPES = ("EMAIL", "PHONE", "IBAN", "CARD", "ADDRESS", "NAME", "TERM")
TARGETS = {"EMAIL": 0.98, "PHONE": 0.98, "IBAN": 0.98, "CARD": 0.98, "NAME": 0.90}
HERE = Path(__file__).resolve().parent


def covered(item: dict, spans: list[Found], kind: str | None = None) -> bool:
    chars = [i for i in range(item["start"], item["end"]) if item["row_text"][i].isalnum()]
    return all(
        any(s.start <= i < s.end and (kind is None or s.kind.value == kind) for s in spans)
        for i in chars
    )


def predict(rows: list[dict], terms: Path | None, mode: str) -> tuple[list[list[Found]], float]:
    texts, langs = [r["text"] for r in rows], [r["lang"] for r in rows]
    pipelines = {lang: load_ner(lang) for lang in ("en", "fr")}
    loaded = load_terms(terms) if terms else None
    start = time.perf_counter()
    if mode == "corpus":
        found = Redactor(terms=loaded, pipelines=pipelines).find_many(texts, langs)
    else:
        found = [
            Redactor(terms=loaded, pipelines=pipelines).find(t, lang=g)
            for t, g in zip(texts, langs, strict=True)
        ]
    return found, time.perf_counter() - start


def score(rows: list[dict], found: list[list[Found]]) -> dict[str, Counter]:
    c: dict[str, Counter] = {t: Counter() for t in (*TYPES, "ALL")}
    for row, spans in zip(rows, found, strict=True):
        for item in row["items"]:
            item["row_text"] = row["text"]
            for key in (item["type"], "ALL"):
                c[key]["items"] += 1
                c[key]["recalled"] += covered(item, spans)
                c[key]["typed"] += covered(item, spans, item["type"])
        for s in spans:
            ok = any(s.start < i["end"] and i["start"] < s.end for i in row["items"])
            for key in (s.kind.value, "ALL"):
                c[key]["predicted"] += 1
                c[key]["correct"] += ok
                c[key]["chars"] += s.end - s.start
                c[key]["chars_ok"] += sum(
                    any(i["start"] <= k < i["end"] for i in row["items"])
                    for k in range(s.start, s.end)
                )
    return c


def table(c: dict[str, Counter], n_rows: int, n_empty: int) -> str:
    lines = [
        "| type | planted | recall | recall (typed) | redacted spans | precision | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for key in (*TYPES, "ALL"):
        k = c[key]
        rec = k["recalled"] / k["items"] if k["items"] else float("nan")
        typed = k["typed"] / k["items"] if k["items"] else float("nan")
        prec = k["correct"] / k["predicted"] if k["predicted"] else float("nan")
        target = f"recall ≥ {TARGETS[key]:.2f}" if key in TARGETS else ""
        target = "precision ≥ 0.90" if key == "ALL" else target
        lines.append(
            f"| {key} | {k['items']} | {rec:.3f} | {typed:.3f} | {k['predicted']} | {prec:.3f} "
            f"| {target} |"
        )
    chars = c["ALL"]["chars_ok"] / max(c["ALL"]["chars"], 1)
    lines.append(
        f"\n{n_rows} sentences ({n_empty} without PII); character-level precision {chars:.3f}"
    )
    return "\n".join(lines)


def errors(rows: list[dict], found: list[list[Found]], limit: int) -> None:
    misses, false = [], []
    for row, spans in zip(rows, found, strict=True):
        text = row["text"]
        for item in row["items"]:
            if not covered(item, spans):
                misses.append(f"  MISS {item['type']:7} {item['text']!r:32} in {text!r}")
        for s in spans:
            if not any(s.start < i["end"] and i["start"] < s.end for i in row["items"]):
                false.append(f"  FP   {s.kind.value:7} {text[s.start : s.end]!r:32} in {text!r}")
    print(f"\nmissed items ({len(misses)}):", *misses[:limit], sep="\n")
    print(f"\nfalse redactions ({len(false)}):", *false[:limit], sep="\n")


def demo_speed(folder: Path) -> None:
    from insights.ingest import IngestOptions, ingest
    from insights.privacy import redact_attributes, redact_units

    result = ingest([folder], options=IngestOptions())
    start = time.perf_counter()
    redactor = Redactor()
    units = redact_units(result.units, redactor=redactor)
    redact_attributes(result.respondents, redactor=redactor)
    seconds = time.perf_counter() - start
    n = len(units)
    print(
        f"\ndemo corpus {folder}: {n} units redacted in {seconds:.1f} s including model "
        f"loading ({n / seconds:.0f} units/s)"
    )
    start = time.perf_counter()
    redact_units(result.units, redactor=redactor)
    seconds = time.perf_counter() - start
    print(f"again with models loaded: {seconds:.2f} s ({n / seconds:.0f} units/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "pii" / "pii_holdout.jsonl")
    parser.add_argument("--terms", type=Path, default=HERE / "pii" / "terms.txt")
    parser.add_argument("--mode", choices=("corpus", "sentence"), default="corpus")
    parser.add_argument("--errors", type=int, default=0, help="print up to N misses and FPs")
    parser.add_argument("--demo", type=Path, help="also time redaction of this corpus")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line]
    found, seconds = predict(rows, args.terms, args.mode)
    empty = sum(not r["items"] for r in rows)
    print(f"{args.data.name}, mode {args.mode}: {len(rows) / seconds:.0f} sentences/s\n")
    print(table(score(rows, found), len(rows), empty))
    if args.errors:
        errors(rows, found, args.errors)
    if args.demo:
        demo_speed(args.demo)


if __name__ == "__main__":
    main()
