"""QDPX export: a REFI-QDA project that QualCoder, NVivo, ATLAS.ti and MAXQDA import.

The `.qdpx` file is a zip holding `project.qde` (XML, namespace
`urn:QDA-XML:project:1.0`, valid against the REFI-QDA Project.xsd 1.0) and
one `Sources/<guid>.txt` file per source.

- Codebook: three categories — *Stages* (every stage of the taxonomy),
  *Pain points* and *Delights* (the shown proposals: accepted only with
  `accepted_only`, otherwise accepted and not yet reviewed; rejected never).
- Sources: the run's redacted statements rebuilt per input file (see
  `_qdpx_text`); the original files are not copied, they hold personal data.
- Coded segments: every member statement of a proposal present in the
  sources is coded with it (with a run folder that is all of them, from its
  units table; without one, the map's quotes); statements are coded with their
  stage (from the units table, or a moment of truth's stage). Each selection's
  description gives the statement's original place: locator, respondent and
  the character offsets of `Quote.selector` in the original source.

Positions count Unicode code points, end exclusive, lines end with `\\n`.
GUIDs are derived from ids, so the same map exports to the same bytes.
"""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from insights.export._common import filter_map, signed, stage_labels
from insights.export._qdpx_text import (
    SourceText,
    TextUnit,
    build_texts,
    clean,
    load_units,
    units_from_map,
)
from insights.journeymap.model import JourneyMap, Proposal

__all__ = ["QDA_NAMESPACE", "render_qdpx"]

QDA_NAMESPACE = "urn:QDA-XML:project:1.0"
_GUID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "insights:qdpx")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_COLORS = {"stage": "#4C78A8", "pain": "#D62728", "delight": "#2CA02C"}


def _guid(key: str) -> str:
    return str(uuid.uuid5(_GUID_ROOT, key))


def _el(parent: ET.Element | None, tag: str, **attrs: str) -> ET.Element:
    if parent is None:  # the root declares the default namespace every element is in
        return ET.Element(tag, {"xmlns": QDA_NAMESPACE, **attrs})
    return ET.SubElement(parent, tag, attrs)


def _describe(parent: ET.Element, text: str) -> None:
    _el(parent, "Description").text = "\n".join(clean(line) for line in text.splitlines())


@dataclass
class _Code:
    key: str
    name: str
    color: str
    description: str
    unit_ids: set[str] = field(default_factory=set)

    @property
    def guid(self) -> str:
        return _guid(f"code:{self.key}")


def _proposal_code(p: Proposal, prefix: str, color: str) -> _Code:
    f = p.frequency
    text = (
        f"{p.summary.text}\nSeverity {p.severity:.2f}; {f.respondents} respondents "
        f"({f.share_of_respondents:.1%}); {f.units} statements; mean sentiment "
        f"{signed(p.mean_sentiment)}; stage {p.stage or 'none'}; status {p.status.value}; "
        f"id {p.id}\nKey phrases: {', '.join(p.key_phrases)}"
    )
    return _Code(f"{prefix}:{p.id}", clean(p.label.text) or p.id, color, text, set(p.unit_ids))


def _codebook(jm: JourneyMap, units: list[TextUnit]) -> dict[str, list[_Code]]:
    labels = stage_labels(jm)
    stages = {
        sid: _Code(f"stage:{sid}", clean(label) or sid, _COLORS["stage"], f"Journey stage {sid}")
        for sid, label in labels.items()
    }
    for unit in units:
        if unit.stage in stages:
            stages[unit.stage].unit_ids.add(unit.unit_id)
    return {
        "Stages": list(stages.values()),
        "Pain points": [_proposal_code(p, "pain", _COLORS["pain"]) for p in jm.pain_points],
        "Delights": [_proposal_code(d, "delight", _COLORS["delight"]) for d in jm.delights],
    }


def _codebook_xml(root: ET.Element, categories: dict[str, list[_Code]]) -> None:
    codes = _el(_el(root, "CodeBook"), "Codes")
    for name, members in categories.items():
        category = _el(codes, "Code", guid=_guid(f"category:{name}"), name=name, isCodable="false")
        for code in members:
            node = _el(
                category, "Code", guid=code.guid, name=code.name, isCodable="true", color=code.color
            )
            _describe(node, code.description)


def _selection(
    parent: ET.Element, source: SourceText, unit_id: str, codes: list[_Code], user: str
) -> None:
    unit = source.units[unit_id]
    start, end = source.spans[unit_id]
    node = _el(
        parent,
        "PlainTextSelection",
        guid=_guid(f"selection:{unit_id}"),
        name=unit_id,
        startPosition=str(start),
        endPosition=str(end),
        creatingUser=user,
    )
    _describe(
        node,
        f"{unit.locator}; respondent {unit.respondent_id}; original characters "
        f"{unit.char_start}-{unit.char_end} of {unit.source}",
    )
    for code in codes:
        coding = _el(node, "Coding", guid=_guid(f"coding:{unit_id}:{code.key}"), creatingUser=user)
        _el(coding, "CodeRef", targetGUID=code.guid)


def _sources_xml(
    root: ET.Element, texts: list[SourceText], codes: list[_Code], jm: JourneyMap, user: str
) -> dict[str, str]:
    files: dict[str, str] = {}
    meta = {s.source: s for s in jm.sources}
    if not texts:
        return files
    sources = _el(root, "Sources")
    for text in texts:
        guid = _guid(f"source:{text.source}")
        node = _el(
            sources,
            "TextSource",
            guid=guid,
            name=text.source,
            plainTextPath=f"internal://{guid}.txt",
            creatingUser=user,
        )
        info = meta.get(text.source)
        origin = f"{info.kind} file {info.path}, sha256 {info.sha256}" if info else text.source
        _describe(node, f"{origin}. Rebuilt from the run's redacted statements.")
        for unit_id in text.spans:
            applied = [c for c in codes if unit_id in c.unit_ids]
            if applied:
                _selection(node, text, unit_id, applied, user)
        files[f"Sources/{guid}.txt"] = text.text
    return files


def _project_xml(
    jm: JourneyMap, units: list[TextUnit], *, accepted_only: bool
) -> tuple[bytes, dict[str, str]]:
    user = _guid("user:insights")
    root = _el(
        None,
        "Project",
        name="insights journey map",
        origin=f"{jm.generated_by}",
        creatingUserGUID=user,
    )
    _el(_el(root, "Users"), "User", guid=user, name="insights")
    categories = _codebook(jm, units)
    _codebook_xml(root, categories)
    codes = [code for members in categories.values() for code in members]
    files = _sources_xml(root, build_texts(units), codes, jm, user)
    shown = "accepted proposals only" if accepted_only else "accepted and unreviewed proposals"
    _describe(
        root,
        f"Journey-map codes exported by insights ({shown}); sources are the "
        "run's redacted statements, not the original files.",
    )
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{xml}\n'.encode(), files


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def render_qdpx(
    journey_map: JourneyMap, *, accepted_only: bool = False, run_dir: Path | None = None
) -> bytes:
    """The REFI-QDA project as `.qdpx` bytes (a zip).

    Args:
        journey_map: The map (with review decisions applied).
        accepted_only: Codebook of accepted proposals only.
        run_dir: The run folder; its units table gives the full source texts
            and every coded statement. Without it, the map's quotes are used.

    Example:
        >>> data = render_qdpx(journey_map, run_dir=Path("out/demo"))  # doctest: +SKIP
    """
    jm = filter_map(journey_map, accepted_only=accepted_only)
    units = load_units(run_dir) if run_dir is not None else None
    if units is None:
        units = units_from_map(jm)
    project, files = _project_xml(jm, units, accepted_only=accepted_only)
    entries = {"project.qde": project, **{k: v.encode("utf-8") for k, v in files.items()}}
    return _zip(entries)
