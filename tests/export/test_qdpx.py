from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from insights.export.qdpx import QDA_NAMESPACE, render_qdpx

XSD = Path(__file__).parent / "data" / "Project.xsd"
NS = {"q": QDA_NAMESPACE}


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(XSD)))


def _open(data: bytes) -> tuple[etree._Element, dict[str, str]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n != "project.qde"}
    return etree.fromstring(archive.read("project.qde")), texts


def _segments(root, texts) -> dict[str, tuple[str, set[str]]]:
    """Selection name → (coded text, names of its codes)."""
    names = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", NS)}
    found = {}
    for source in root.iterfind(".//q:TextSource", NS):
        text = texts["Sources/" + source.get("plainTextPath").removeprefix("internal://")]
        for sel in source.iterfind("q:PlainTextSelection", NS):
            span = text[int(sel.get("startPosition")) : int(sel.get("endPosition"))]
            codes = {names[r.get("targetGUID")] for r in sel.iterfind("q:Coding/q:CodeRef", NS)}
            found[sel.get("name")] = (span, codes)
    return found


@pytest.mark.parametrize("with_units", [True, False])
def test_project_validates_against_the_refi_qda_xsd(schema, small_map, small_run, with_units):
    root, _ = _open(render_qdpx(small_map, run_dir=small_run if with_units else None))
    assert schema.validate(root), schema.error_log.last_error


def test_a_map_with_no_proposal_is_still_a_valid_project(schema, small_map):
    empty = small_map.model_copy(
        update={"pain_points": [], "delights": [], "moments_of_truth": [], "personas": []}
    )
    root, texts = _open(render_qdpx(empty))
    assert schema.validate(root), schema.error_log.last_error
    assert texts == {}


def test_codebook_holds_stages_and_shown_proposals(small_map):
    root, _ = _open(render_qdpx(small_map))
    categories = {
        c.get("name"): [k.get("name") for k in c.iterfind("q:Code", NS)]
        for c in root.iterfind("q:CodeBook/q:Codes/q:Code", NS)
    }
    assert categories == {
        "Stages": ["Purchase", "Usage", "Support"],
        "Pain points": ["Refund takes weeks", "App crash <b>at login</b>"],
        "Delights": ["Fast delivery"],
    }
    accepted, _ = _open(render_qdpx(small_map, accepted_only=True))
    pains = accepted.find("q:CodeBook/q:Codes/q:Code[@name='Pain points']", NS)
    assert [c.get("name") for c in pains] == ["Refund takes weeks"]


def test_segments_are_the_coded_statements_at_their_offsets(small_map, small_run, planted):
    root, texts = _open(render_qdpx(small_map, run_dir=small_run))
    segments = _segments(root, texts)
    assert segments["u3"] == ("Le remboursement a pris un mois.", {"Refund takes weeks", "Support"})
    assert segments["u2"] == (planted["formula"], {"Refund takes weeks", "Support"})
    assert segments["u6"] == ("I love riding it every day.", {"Fast delivery", "Usage"})
    assert "u7" not in segments  # neither a member nor staged
    assert "No stage." in next(iter(texts.values()))  # context is kept in the source text


def test_without_a_run_folder_sources_are_rebuilt_from_quotes(small_map):
    root, texts = _open(render_qdpx(small_map))
    segments = _segments(root, texts)
    assert set(segments) == {"u1", "u2", "u3", "u4", "u5", "u6"}
    assert segments["u1"][1] == {"Refund takes weeks", "Support"}  # stage from the moment of truth
    sel = root.find(".//q:PlainTextSelection[@name='u3']", NS)
    assert "original characters 0-32 of survey/answers.csv" in sel.findtext("q:Description", "", NS)


def test_original_input_files_are_never_copied(small_map, small_run, tmp_path):
    original = small_run / "answers.csv"
    original.write_text("id,Comment\nr1,Mail me at jane.doe@example.com\n", encoding="utf-8")
    data = render_qdpx(small_map, run_dir=small_run)
    assert b"jane.doe" not in zipfile.ZipFile(io.BytesIO(data)).read("project.qde")
    _, texts = _open(data)
    assert not any("jane.doe" in t for t in texts.values())


def test_export_is_byte_identical_across_calls(small_map, small_run):
    assert render_qdpx(small_map, run_dir=small_run) == render_qdpx(small_map, run_dir=small_run)


def test_control_characters_are_dropped_so_the_xml_stays_valid(schema, small_map):
    pain = small_map.pain_points[0]
    quote = pain.quotes[0].model_copy(update={"text": "bad\x00\x07 bytes\x1b"})
    broken = small_map.model_copy(
        update={
            "pain_points": [
                pain.model_copy(
                    update={
                        "quotes": [quote],
                        "label": pain.label.model_copy(update={"text": "x\x01y"}),
                    }
                )
            ]
        }
    )
    root, texts = _open(render_qdpx(broken))
    assert schema.validate(root), schema.error_log.last_error
    assert _segments(root, texts)["u1"][0] == "bad bytes"
