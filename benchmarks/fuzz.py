"""Coverage-guided fuzzing of every ingest parser (atheris), for a bounded time each.

Each target writes the fuzzer's bytes to a file with the parser's suffix and runs
the whole ingest path on it (`insights.ingest.ingest`: decoding, format reader,
speaker/column detection, sentence splitting, units). The only acceptable
outcomes are a units table or an `InsightsError` (our one-line user errors);
anything else is a finding. DOCX and XLSX targets are structure-aware: the bytes
become the main XML part of a valid seed package (``word/document.xml`` or
``xl/worksheets/sheet1.xml``), or, when the first byte is odd, the raw file.

Findings are written to ``tests/fuzz_cases/<parser>/`` and replayed by
``tests/ingest/test_fuzz_cases.py`` forever after.

Needs atheris, which is NOT a dependency of insights (benchmark environment only):
``.venv/bin/pip install atheris``.

Usage:
    python benchmarks/fuzz.py --parser csv --seconds 600
    python benchmarks/fuzz.py --all --seconds 600      # one process per parser
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "fuzz_cases"
PARSERS = ("txt", "md", "vtt", "srt", "docx", "csv", "tsv", "xlsx", "json", "jsonl")
_ZIP_PART = {"docx": "word/document.xml", "xlsx": "xl/worksheets/sheet1.xml"}


def seed_files(parser: str) -> list[Path]:
    """Real inputs of this format from the demo corpus and the test fixtures."""
    roots = [ROOT / "corpora" / "demo", ROOT / "tests" / "fixtures"]
    return sorted(p for r in roots for p in r.rglob(f"*.{parser}") if p.is_file())


def seed_package(parser: str) -> bytes:
    """A small valid DOCX or XLSX to carry fuzzed XML."""
    buffer = io.BytesIO()
    if parser == "docx":
        import docx

        document = docx.Document()
        document.add_paragraph("Interviewer: How was delivery?")
        document.add_paragraph("Claire: Late, and nobody called.")
        document.save(buffer)
    else:
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["id", "What should we improve?"])
        sheet.append(["r1", "The refund took six weeks."])
        book.save(buffer)
    return buffer.getvalue()


def with_part(package: bytes, part: str, content: bytes) -> bytes:
    """`package` (a zip) with `part` replaced by `content`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, content if item.filename == part else src.read(item))
    return out.getvalue()


def materialise(parser: str, data: bytes, package: bytes | None) -> bytes:
    """The file bytes a fuzz input stands for."""
    if parser in _ZIP_PART and package is not None and data[:1] and data[0] % 2 == 0:
        return with_part(package, _ZIP_PART[parser], data[1:])
    return data


def make_target(parser: str, folder: Path):  # noqa: ANN201 - atheris callback
    """The fuzz callback: ingest the bytes as a `parser` file; only InsightsError may escape."""
    from insights.errors import InsightsError
    from insights.ingest import ingest
    from insights.ingest.language import LanguageDetector
    from insights.ingest.sentences import SentenceSplitter

    splitter, detector = SentenceSplitter(), LanguageDetector()
    package = seed_package(parser) if parser in _ZIP_PART else None
    path = folder / f"input.{parser}"

    def target(data: bytes) -> None:
        path.write_bytes(materialise(parser, data, package))
        try:
            ingest([path], splitter=splitter, detector=detector)
        except InsightsError:
            pass
        except Exception:
            keep(parser, data, package)
            raise

    return target


def keep(parser: str, data: bytes, package: bytes | None) -> Path:
    """Save a finding (as the file it stands for) for the regression tests."""
    import hashlib

    content = materialise(parser, data, package)
    folder = CASES / parser
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(content).hexdigest()[:12]}.{parser}"
    path.write_bytes(content)
    print(f"finding kept: {path}", file=sys.stderr)
    return path


def fuzz_one(parser: str, seconds: int) -> None:
    """Fuzz one parser in this process for `seconds` (atheris exits the process)."""
    import atheris

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i, seed in enumerate(seed_files(parser)):
            data = seed.read_bytes()
            (corpus / f"seed{i}").write_bytes(b"\x01" + data if parser in _ZIP_PART else data)
        if parser in _ZIP_PART:
            xml = zipfile.ZipFile(io.BytesIO(seed_package(parser))).read(_ZIP_PART[parser])
            (corpus / "xml").write_bytes(b"\x00" + xml)
        artifacts = Path(tempfile.gettempdir()) / "insights-fuzz" / parser  # timeouts, OOMs
        artifacts.mkdir(parents=True, exist_ok=True)
        with atheris.instrument_imports(include=["insights"]):
            target = make_target(parser, Path(tmp))
        args = [sys.argv[0], str(corpus), f"-max_total_time={seconds}", "-timeout=30"]
        args += ["-rss_limit_mb=4096", "-print_final_stats=1", f"-artifact_prefix={artifacts}/"]
        atheris.Setup(args, target)
        atheris.Fuzz()


def main() -> None:
    """Command line: one parser in-process, or every parser one after the other."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parser", choices=PARSERS)
    parser.add_argument("--all", action="store_true", help="every parser, one process each")
    parser.add_argument("--seconds", type=int, default=600)
    args = parser.parse_args()
    if args.all:
        for name in PARSERS:
            command = [sys.executable, __file__, "--parser", name, "--seconds", str(args.seconds)]
            code = subprocess.run(command, check=False).returncode
            print(f"== {name}: exit {code} ({'no finding' if code == 0 else 'FINDING'})")
        return
    if not args.parser:
        parser.error("give --parser NAME or --all")
    fuzz_one(args.parser, args.seconds)


if __name__ == "__main__":
    main()
