"""Build the Velora demo corpus in ``corpora/demo/`` from the texts in ``corpora/_demo_*.py``.

The material is fictional and written for the insights project (CC BY 4.0, see
``corpora/LICENSE.md``). The build is deterministic: running it twice gives
byte-identical files, so the generated files are committed alongside this script.

Usage::

    python corpora/_build_demo.py            # writes corpora/demo/
    python corpora/_build_demo.py --out DIR  # writes elsewhere
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _demo_interviews_en as interviews_en  # noqa: E402
import _demo_interviews_fr as interviews_fr  # noqa: E402
import _demo_reviews_en as reviews_en  # noqa: E402
import _demo_reviews_fr as reviews_fr  # noqa: E402
import _demo_surveys as surveys  # noqa: E402

SEED = 2026
FIXED_ZIP_TIME = (2026, 9, 30, 12, 0, 0)
CHANNELS = {"a": "app store", "w": "website", "g": "google", "t": "trustpilot"}


@dataclass(frozen=True)
class Turn:
    """One speaker turn of an interview script: role "I" (interviewer) or "P"."""

    role: str
    text: str


def parse_turns(script: str) -> list[Turn]:
    """Parse ``I:``/``P:`` lines; a ``+`` line continues the previous turn."""
    turns: list[Turn] = []
    for line in script.strip().splitlines():
        if line.startswith("+ "):
            last = turns.pop()
            turns.append(Turn(last.role, last.text + "\n" + line[2:].strip()))
        elif line[:2] in ("I:", "P:"):
            turns.append(Turn(line[0], line[2:].strip()))
        elif line.strip():
            raise ValueError(f"bad script line: {line!r}")
    return turns


def seconds_for(text: str) -> float:
    """Speaking time of a text at about 2.6 words a second."""
    return max(0.9, len(text.split()) / 2.6)


# --- plain-text transcripts -------------------------------------------------


def write_txt(
    path: Path,
    turns: list[Turn],
    labels: dict[str, str],
    *,
    header: str,
    colon: str,
    blank_lines: bool,
) -> None:
    """Write ``Speaker<colon>text`` lines; continuation paragraphs get no label."""
    lines = [header, ""]
    for turn in turns:
        first, *rest = turn.text.split("\n")
        lines.append(f"{labels[turn.role]}{colon}{first}")
        lines.extend(rest)
        if blank_lines:
            lines.append("")
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


# --- WebVTT -----------------------------------------------------------------


def vtt_time(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp ``HH:MM:SS.mmm``."""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def caption_chunks(text: str, max_words: int = 18) -> Iterator[str]:
    """Split a turn into caption-sized chunks, at sentence ends when possible."""
    words_so_far: list[str] = []
    for sentence in re.split(r"(?<=[.!?…])\s+", text.replace("\n", " ")):
        words = sentence.split()
        if words_so_far and len(words_so_far) + len(words) > max_words:
            yield " ".join(words_so_far)
            words_so_far = []
        while len(words) > max_words + 6:
            yield " ".join(words[:14])
            words = words[14:]
        words_so_far.extend(words)
    if words_so_far:
        yield " ".join(words_so_far)


def write_vtt(
    path: Path,
    turns: list[Turn],
    labels: dict[str, str],
    *,
    preamble: str,
    cue_ids: bool,
    rng: random.Random,
) -> None:
    """Write a WebVTT file with one ``<v Speaker>`` cue per caption chunk."""
    blocks = [preamble]
    clock = 2.0
    number = 0
    for turn in turns:
        for chunk in caption_chunks(turn.text):
            end = clock + seconds_for(chunk)
            number += 1
            cue = f"{vtt_time(clock)} --> {vtt_time(end)}\n<v {labels[turn.role]}>{chunk}</v>"
            blocks.append(f"{number}\n{cue}" if cue_ids else cue)
            clock = end + 0.04
        clock += rng.uniform(0.3, 1.4)
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


# --- DOCX -------------------------------------------------------------------


def save_docx_deterministic(document: object, path: Path) -> None:
    """Save a python-docx document with fixed zip timestamps (byte-stable output)."""
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))


def new_document(title: str, author: str) -> object:
    """A python-docx document with fixed core properties."""
    import docx

    document = docx.Document()
    props = document.core_properties
    when = dt.datetime(*FIXED_ZIP_TIME)
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.created = when
    props.modified = when
    props.revision = 1
    return document


def write_docx_labelled(
    path: Path, turns: list[Turn], labels: dict[str, str], *, title: str, intro: str
) -> None:
    """Word transcript with a bold ``Speaker:`` run and a blank paragraph between turns."""
    document = new_document(title, "Velora research team")
    document.add_heading(title, level=1)  # type: ignore[attr-defined]
    document.add_paragraph(intro)  # type: ignore[attr-defined]
    for turn in turns:
        paragraph = document.add_paragraph()  # type: ignore[attr-defined]
        paragraph.add_run(f"{labels[turn.role]}:").bold = True
        paragraph.add_run(f" {turn.text}")
        document.add_paragraph()  # type: ignore[attr-defined]
    save_docx_deterministic(document, path)


def write_docx_timestamped(
    path: Path,
    turns: list[Turn],
    labels: dict[str, str],
    *,
    title: str,
    intro: str,
    rng: random.Random,
) -> None:
    """Word transcript with ``[hh:mm:ss] Speaker : text`` paragraphs."""
    document = new_document(title, "Équipe recherche Velora")
    document.add_heading(title, level=1)  # type: ignore[attr-defined]
    document.add_paragraph(intro)  # type: ignore[attr-defined]
    clock = 4.0
    for turn in turns:
        stamp = vtt_time(clock)[:8]
        document.add_paragraph(f"[{stamp}] {labels[turn.role]} : {turn.text}")  # type: ignore[attr-defined]
        clock += seconds_for(turn.text) + rng.uniform(0.5, 2.5)
    save_docx_deterministic(document, path)


# --- surveys ----------------------------------------------------------------


def rows_of(block: str, width: int) -> list[list[str]]:
    """Split a ``|``-separated block into rows, ``¶`` becoming a line break."""
    rows = [line.split("|") for line in block.strip().splitlines()]
    for row in rows:
        if len(row) != width:
            raise ValueError(f"expected {width} fields: {row!r}")
    return [[cell.replace("¶", "\n") for cell in row] for row in rows]


def spread_times(
    rng: random.Random, n: int, start: dt.datetime, end: dt.datetime
) -> list[dt.datetime]:
    """``n`` sorted random timestamps between ``start`` and ``end`` (whole seconds)."""
    span = int((end - start).total_seconds())
    return sorted(start + dt.timedelta(seconds=rng.randrange(span)) for _ in range(n))


def write_nps_csv(path: Path, rng: random.Random) -> int:
    """Typeform-style UTF-8 export of the Q3 NPS survey; returns the respondent count."""
    rows = rows_of(surveys.NPS_ROWS, 6)
    rng.shuffle(rows)
    times = spread_times(rng, len(rows), dt.datetime(2026, 9, 1, 7), dt.datetime(2026, 9, 30, 22))
    header = [
        "Respondent ID",
        "Submitted At",
        "How likely are you to recommend Velora to a friend? (0-10)",
        "Which plan do you have?",
        "Customer segment",
        "Country",
        "What is the main reason for your score?",
        "What one thing should we improve?",
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row, when in zip(rows, times, strict=True):
            token = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(12))
            writer.writerow([token, when.strftime("%Y-%m-%d %H:%M:%S"), *row])
    return len(rows)


def excel_fr_text(text: str, curly: bool) -> str:
    """Mimic Excel/Word FR autocorrect: typographic apostrophes in some answers."""
    return text.replace("'", "\u2019") if curly else text


def write_fr_csv(path: Path, rng: random.Random) -> int:
    """Excel FR export: cp1252, ``;`` delimiter, CRLF, decimal commas; returns row count."""
    rows = rows_of(surveys.FR_ROWS, 6)
    times = spread_times(rng, len(rows), dt.datetime(2026, 9, 2), dt.datetime(2026, 9, 26))
    header = [
        "ID répondant",
        "Date",
        "Note (0-10)",
        "Formule",
        "Ville",
        "Montant dernière commande (€)",
        "Qu'avez-vous le plus apprécié ?",
        "Que devrions-nous améliorer ?",
    ]
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for number, (row, when) in enumerate(zip(rows, times, strict=True), start=1):
            note, plan, city, amount, liked, improve = row
            curly = number % 3 == 0
            writer.writerow(
                [
                    f"FR-{number:04d}",
                    when.strftime("%d/%m/%Y"),
                    note,
                    plan,
                    city,
                    amount.replace(" ", "\u00a0"),
                    excel_fr_text(liked, curly),
                    excel_fr_text(improve, curly),
                ]
            )
    return len(rows)


# --- reviews ----------------------------------------------------------------

FIRST_EN = [
    "James",
    "Sarah",
    "Tom",
    "Emma",
    "Oliver",
    "Chloe",
    "Dan",
    "Hannah",
    "Rob",
    "Lucy",
    "Aisling",
    "Conor",
    "Fiona",
    "Gareth",
    "Nia",
    "Priyanka",
    "Ahmed",
    "Grace",
    "Ben",
    "Kate",
    "Liam",
    "Zoe",
    "Matt",
    "Helen",
    "Steve",
    "Rachel",
    "Callum",
    "Amy",
]
FIRST_FR = [
    "Camille",
    "Thomas",
    "Léa",
    "Nicolas",
    "Manon",
    "Julie",
    "Antoine",
    "Sophie",
    "Mathieu",
    "Élodie",
    "Karim",
    "Inès",
    "Pierre",
    "Aurélie",
    "Yann",
    "Margaux",
    "Sébastien",
    "Nadia",
    "Hugo",
    "Céline",
    "François",
    "Océane",
]
HANDLES = ["commuter", "rider", "velo", "cyclist", "pedal", "ebike", "wheels", "spin"]


def author_for(rng: random.Random, lang: str, channel: str) -> str:
    """A fictional author name in the style of the channel."""
    first = rng.choice(FIRST_FR if lang == "fr" else FIRST_EN)
    if channel == "app store":
        plain = first.lower().translate(str.maketrans("éèëç", "eeec"))
        return f"{plain}_{rng.choice(HANDLES)}{rng.randrange(10, 99)}"
    if channel == "google" and rng.random() < 0.3:
        return first
    return f"{first} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."


REVIEW_START = dt.date(2026, 1, 4)
REVIEW_END = dt.date(2026, 9, 28)


@dataclass(frozen=True)
class Review:
    """One review line of the source texts."""

    lang: str
    rating: int
    channel: str
    title: str
    text: str
    earliest: dt.date = REVIEW_START
    latest: dt.date = REVIEW_END


def parse_review(line: str, lang: str) -> Review:
    """Parse ``rating|channel|title|text[|from[..to]]``."""
    rating, code, title, text, *bounds = line.split("|")
    review = Review(lang, int(rating), CHANNELS[code], title, text)
    if bounds:
        low, _, high = bounds[0].partition("..")
        earliest = dt.date.fromisoformat(low)
        latest = dt.date.fromisoformat(high) if high else REVIEW_END
        review = Review(lang, review.rating, review.channel, title, text, earliest, latest)
    return review


def write_reviews(path: Path, rng: random.Random) -> int:
    """Reviews as JSONL sorted by date; returns the review count."""
    items = [parse_review(line, "en") for line in reviews_en.REVIEWS_EN.strip().splitlines()]
    items += [parse_review(line, "fr") for line in reviews_fr.REVIEWS_FR.strip().splitlines()]
    texts = [item.text for item in items]
    if len(set(texts)) != len(texts):
        raise ValueError("duplicate review text")
    rng.shuffle(items)
    dated = []
    for item in items:
        days = (item.latest - item.earliest).days
        dated.append((item.earliest + dt.timedelta(days=rng.randrange(days + 1)), item))
    dated.sort(key=lambda pair: pair[0])
    ids = rng.sample(range(100_000, 999_999), len(items))
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for (day, item), rid in zip(dated, ids, strict=True):
            record = {
                "review_id": f"rv-{rid}",
                "author": author_for(rng, item.lang, item.channel),
                "rating": item.rating,
                "date": day.isoformat(),
                "channel": item.channel,
                "title": item.title,
                "text": item.text,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(items)


# --- main -------------------------------------------------------------------

EN = {"I": "Interviewer"}
FR = {"I": "Intervieweur"}


def build_interviews(out: Path, rng: random.Random) -> None:
    """Write the six interview transcripts."""
    folder = out / "interviews"
    folder.mkdir(parents=True, exist_ok=True)
    write_txt(
        folder / "interview_01_claire.txt",
        parse_turns(interviews_fr.CLAIRE),
        {**FR, "P": "Claire"},
        colon=" : ",
        blank_lines=False,
        header="Entretien n°1 — Claire, 34 ans, Lyon, Urbano E7 — 9 septembre 2026 (visio)",
    )
    write_txt(
        folder / "interview_02_mark.txt",
        parse_turns(interviews_en.MARK),
        {**EN, "P": "Mark"},
        colon=": ",
        blank_lines=True,
        header="Velora customer interview 02 - Mark, Bristol, Cargo Duo owner - 10 Sept 2026",
    )
    write_vtt(
        folder / "interview_03_sofia.vtt",
        parse_turns(interviews_en.SOFIA),
        {**EN, "P": "Sofia"},
        preamble="WEBVTT",
        cue_ids=True,
        rng=rng,
    )
    write_vtt(
        folder / "interview_04_julien.vtt",
        parse_turns(interviews_fr.JULIEN),
        {**FR, "P": "Julien"},
        cue_ids=False,
        rng=rng,
        preamble="WEBVTT\n\nNOTE\nEntretien Velora n°4, Julien, Grenoble.\n"
        "Transcription automatique relue par l'équipe recherche.",
    )
    write_docx_labelled(
        folder / "interview_05_priya.docx",
        parse_turns(interviews_en.PRIYA),
        {"I": "Moderator", "P": "Priya"},
        title="Velora customer interview 05 - Priya",
        intro="Remote video interview, 4 September 2026. "
        "Priya is 38, lives in east London and commutes on an Urbano E5.",
    )
    write_docx_timestamped(
        folder / "interview_06_amelie.docx",
        parse_turns(interviews_fr.AMELIE),
        {"I": "Intervieweuse", "P": "Amélie"},
        title="Entretien Velora n°6 - Amélie",
        intro="Entretien en visio du 16 septembre 2026. Amélie, 68 ans, Annecy, City Step E3.",
        rng=rng,
    )


def build(out: Path) -> dict[str, int]:
    """Write the whole demo corpus under ``out``; returns counts for the README."""
    rng = random.Random(SEED)
    build_interviews(out, rng)
    (out / "survey").mkdir(parents=True, exist_ok=True)
    (out / "reviews").mkdir(parents=True, exist_ok=True)
    return {
        "nps": write_nps_csv(out / "survey" / "nps_survey_2026_q3.csv", rng),
        "fr": write_fr_csv(out / "survey" / "enquete_satisfaction_fr.csv", rng),
        "reviews": write_reviews(out / "reviews" / "app_store_reviews.jsonl", rng),
    }


def check(out: Path) -> dict[str, int]:
    """Check that the files under ``out`` decode and parse as intended; returns counts."""
    import docx
    import pandas as pd

    folder = out / "interviews"
    counts: dict[str, int] = {}
    for name in ("interview_01_claire.txt", "interview_02_mark.txt"):
        text = (folder / name).read_text(encoding="utf-8")
        counts[name] = len(re.findall(r"^\w+ ?: ", text, flags=re.MULTILINE))
    for name in ("interview_03_sofia.vtt", "interview_04_julien.vtt"):
        text = (folder / name).read_text(encoding="utf-8")
        assert text.startswith("WEBVTT"), name
        counts[name] = text.count("<v ")
    for name in ("interview_05_priya.docx", "interview_06_amelie.docx"):
        paragraphs = [p.text for p in docx.Document(str(folder / name)).paragraphs]
        counts[name] = sum(bool(re.match(r"(\[[\d:]+\] )?\w+ ?: ", p)) for p in paragraphs)
    nps = pd.read_csv(out / "survey" / "nps_survey_2026_q3.csv", encoding="utf-8")
    counts["nps_survey_2026_q3.csv"] = len(nps)
    raw = (out / "survey" / "enquete_satisfaction_fr.csv").read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise AssertionError("enquete_satisfaction_fr.csv must not be valid UTF-8")
    assert all(ch in raw.decode("cp1252") for ch in "éèàçœ’€"), "missing cp1252 characters"
    french = pd.read_csv(out / "survey" / "enquete_satisfaction_fr.csv", sep=";", encoding="cp1252")
    assert french.shape[1] == 8, french.columns
    counts["enquete_satisfaction_fr.csv"] = len(french)
    lines = (out / "reviews" / "app_store_reviews.jsonl").read_text(encoding="utf-8").splitlines()
    reviews = [json.loads(line) for line in lines]
    assert len({r["review_id"] for r in reviews}) == len({r["text"] for r in reviews}) == len(lines)
    assert all(1 <= r["rating"] <= 5 and r["channel"] in CHANNELS.values() for r in reviews)
    counts["app_store_reviews.jsonl"] = len(reviews)
    return counts


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "demo")
    parser.add_argument(
        "--check", action="store_true", help="rebuild in a temporary folder, compare, check"
    )
    args = parser.parse_args()
    if not args.check:
        print(build(args.out))
        return
    import filecmp
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        for fresh in sorted(Path(tmp).rglob("*.*")):
            committed = args.out / fresh.relative_to(tmp)
            if not filecmp.cmp(fresh, committed, shallow=False):
                raise SystemExit(f"{committed} differs from a fresh build: rerun the script")
    print(check(args.out))


if __name__ == "__main__":
    main()
