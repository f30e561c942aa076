from __future__ import annotations

import pytest

from insights.errors import TaxonomyError
from insights.journeymap.mapfile import load_map
from insights.journeymap.merge import empty_like, merge_maps, run_id
from insights.journeymap.model import (
    SCHEMA_VERSION,
    Frequency,
    JourneyMap,
    Label,
    LabelOrigin,
    MomentOfTruth,
    Opportunity,
    Persona,
    Proposal,
    ProposalKind,
    Quote,
    RunInfo,
    Selector,
    Source,
    Stats,
    Status,
    TaxonomyRef,
)

ACCEPTED, PROPOSED, REJECTED = Status.ACCEPTED, Status.PROPOSED, Status.REJECTED


def quote(unit: str, *, text: str | None = None, representative: bool = True) -> Quote:
    text = text or f"statement {unit}"
    return Quote(
        unit_id=unit,
        text=text,
        source="survey.csv",
        source_sha256="0" * 64,
        respondent_id=f"survey.csv#{unit}",
        locator="row 1",
        lang="en",
        sentiment_score=-0.5,
        selector=Selector(exact=text, prefix="", suffix="", start=0, end=len(text)),
        representative=representative,
    )


def proposal(
    pid: str,
    units: list[str],
    *,
    status: Status = ACCEPTED,
    label: str = "Refund is slow",
    stage: str | None = "support",
    kind: ProposalKind = ProposalKind.PAIN,
    severity: float = 5.0,
) -> Proposal:
    return Proposal(
        id=pid,
        kind=kind,
        status=status,
        label=Label(text=label, confidence=0.8),
        summary=Label(text=f"{len(units)} statements"),
        key_phrases=[label.lower()],
        stage=stage,
        stage_distribution={stage: 0.9, "none": 0.1} if stage else {"none": 1.0},
        touchpoints={"web": 1.0},
        emotions={"anger": 1.0},
        frequency=Frequency(units=len(units), respondents=len(units), share_of_respondents=0.1),
        mean_sentiment=-0.5,
        severity=severity,
        quotes=[quote(u) for u in units[:2]],
        unit_ids=sorted(units),
    )


def persona(pid: str, respondents: list[str], *, status: Status = ACCEPTED, top=()) -> Persona:
    return Persona(
        id=pid,
        status=status,
        name=Label(text=f"Group {pid}"),
        size=len(respondents),
        share=0.5,
        traits=[],
        attribute_lifts=[],
        top_pains=list(top),
        goals=[],
        quotes=[],
        respondent_ids=respondents,
    )


def journey(
    pains=(), delights=(), *, personas=(), moments=(), opportunities=(), stages=None
) -> JourneyMap:
    stage_ids = stages or ["purchase", "support"]
    return JourneyMap(
        generated_by="insights",
        run=RunInfo(params={}, models={}),
        taxonomy=TaxonomyRef(
            id="t",
            name="T",
            version="1",
            stages=[{"id": s} for s in stage_ids],
            touchpoints=[],
            emotions=[],
        ),  # fmt: skip
        sources=[
            Source(
                source="survey.csv",
                path="survey.csv",
                kind="survey",
                sha256="0" * 64,
                records=10,
                units=10,
                respondents=10,
                skipped_records=0,
                notes={},
            )  # fmt: skip
        ],
        stats=Stats(units=10, units_analysed=10, respondents=10, languages={"en": 10}),
        stages=[],
        pain_points=list(pains),
        delights=list(delights),
        moments_of_truth=list(moments),
        personas=list(personas),
        opportunities=list(opportunities),
    )


def units(*numbers: int) -> list[str]:
    return [f"u{n:02d}" for n in numbers]


def first_merge(run: JourneyMap, *, accepted_only: bool = True) -> JourneyMap:
    return merge_maps(empty_like(run), run, accepted_only=accepted_only).map


def test_merging_the_same_run_twice_equals_merging_once():
    run = journey(
        [proposal("P-a", units(1, 2, 3)), proposal("P-b", units(4, 5), status=PROPOSED)],
        personas=[persona("persona-1", ["r1", "r2"], top=["P-a"])],
        opportunities=[Opportunity(id="O-1", text=Label(text="Faster refunds"))],
    )
    base = journey([proposal("P-old", units(1, 2, 3, 9), label="Refunds")])
    once = merge_maps(base, run)
    twice = merge_maps(once.map, run)
    assert twice.map.model_dump() == once.map.model_dump()
    assert (twice.added, twice.updated, twice.kept) == (0, 0, once.kept)
    assert twice.unchanged == once.added + once.updated + once.unchanged


def test_merge_is_idempotent_on_the_demo_run(demo_run):
    run = load_map(demo_run / "map.json")
    once = first_merge(run, accepted_only=False)
    again = merge_maps(once, run, accepted_only=False)
    assert again.map.model_dump() == once.model_dump()
    assert again.added == again.updated == 0
    assert len(once.pain_points) == len(run.pain_points) > 0
    assert all(p.new and p.first_seen == run_id(run) for p in once.pain_points)


def test_inputs_are_left_untouched():
    base = journey([proposal("P-a", units(1, 2, 3), label="Old")])
    run = journey([proposal("P-a", units(1, 2, 3, 4), label="New")])
    before = (base.model_dump(), run.model_dump())
    merge_maps(base, run)
    assert (base.model_dump(), run.model_dump()) == before


@pytest.mark.parametrize(
    "edited",
    [
        Label(text="Refund takes weeks", origin=LabelOrigin.HUMAN, checked=True),
        Label(text="Refund, remboursement", checked=True),  # a person checked the model's label
    ],
)
def test_human_labels_and_decisions_survive_a_merge(edited):
    old = proposal("P-a", units(1, 2, 3), status=REJECTED)
    old = old.model_copy(update={"label": edited, "summary": edited})
    run = journey([proposal("P-a", units(1, 2, 3), label="Refund, bank", severity=9.0)])
    merged = merge_maps(journey([old]), run).map.pain_points[0]
    assert merged.label == edited and merged.summary == edited
    assert merged.status is REJECTED
    assert merged.severity == 9.0  # the model's numbers are the run's


def test_model_labels_and_numbers_take_the_runs():
    base = first_merge(journey([proposal("P-a", units(1, 2, 3), label="Refund")]))
    run = journey([proposal("P-a", units(1, 2, 3), label="Refund, bank", severity=7.5)])
    result = merge_maps(base, run)
    merged = result.map.pain_points[0]
    assert merged.label.text == "Refund, bank" and merged.severity == 7.5
    assert (result.added, result.updated, result.unchanged) == (0, 1, 0)


def test_new_items_are_marked_new_and_absent_ones_kept():
    first = journey([proposal("P-a", units(1, 2, 3)), proposal("P-b", units(4, 5, 6))])
    base = first_merge(first)
    second = journey([proposal("P-a", units(1, 2, 3)), proposal("P-c", units(7, 8, 9))])
    result = merge_maps(base, second)
    by_id = {p.id: p for p in result.map.pain_points}
    assert list(by_id) == ["P-a", "P-b", "P-c"]
    assert [by_id[i].new for i in by_id] == [False, False, True]
    assert by_id["P-a"].first_seen == run_id(first) and by_id["P-a"].last_seen == run_id(second)
    assert by_id["P-b"].last_seen == run_id(first)  # kept, not in the second run
    assert (result.added, result.unchanged, result.kept) == (1, 1, 1)
    assert [m.id for m in result.map.merges] == [run_id(first), run_id(second)]


def test_a_reclustered_proposal_keeps_its_id():
    base = first_merge(journey([proposal("P-old", units(*range(10)), label="Refund")]))
    # 8 of its 10 statements, plus 2 the map never clustered: a new id after re-clustering
    run = journey([proposal("P-new", units(*range(2, 12)), label="Refund, bank")])
    result = merge_maps(base, run)
    (merged,) = result.map.pain_points
    assert merged.id == "P-old" and merged.unit_ids == units(*range(2, 12))
    assert merged.label.text == "Refund, bank" and not merged.new
    assert result.notes == ("P-new matched P-old (member overlap 1.00)",)


@pytest.mark.parametrize(("shared", "matches"), [(8, True), (5, True), (3, False)])
def test_overlap_threshold_decides_a_match(shared, matches):
    base = first_merge(journey([proposal("P-old", units(*range(10)))]))
    # `shared` of P-old's statements plus new ones; the run put the rest of P-old elsewhere
    moved = proposal("P-else", units(*range(shared, 10)), status=REJECTED)
    run = journey([proposal("P-new", units(*range(shared), *range(50, 60 - shared))), moved])
    ids = [p.id for p in merge_maps(base, run).map.pain_points]
    assert ids == (["P-old"] if matches else ["P-old", "P-new"])


def test_statements_new_to_the_run_do_not_dilute_the_overlap():
    base = first_merge(journey([proposal("P-half", units(1, 2, 3, 4))]))
    grown = journey([proposal("P-whole", units(1, 2, 3, 4, *range(50, 56)))])  # Jaccard 0.4
    assert [p.id for p in merge_maps(base, grown).map.pain_points] == ["P-half"]


def test_pains_never_match_delights():
    base = first_merge(journey([proposal("P-a", units(1, 2, 3))]))
    delight = proposal("D-a", units(1, 2, 3), kind=ProposalKind.DELIGHT)
    merged = merge_maps(base, journey(delights=[delight])).map
    assert [p.id for p in merged.pain_points] == ["P-a"]
    assert [d.id for d in merged.delights] == ["D-a"]


def test_quotes_are_a_union_keeping_the_maps_edits():
    old = proposal("P-a", units(1, 2, 3))
    kept = quote("u01", text="edited by a person", representative=False)
    base = journey([old.model_copy(update={"quotes": [kept]})])
    new = proposal("P-a", units(1, 2, 3))  # quotes u01, u02
    merged = merge_maps(base, journey([new])).map.pain_points[0]
    assert [(q.unit_id, q.text, q.representative) for q in merged.quotes] == [
        ("u01", "edited by a person", False),
        ("u02", "statement u02", True),
    ]


def test_a_stage_moved_by_a_person_is_kept():
    moved = proposal("P-a", units(1, 2, 3)).model_copy(update={"stage": "purchase"})
    model = proposal("P-b", units(4, 5, 6))
    run = journey(
        [
            proposal("P-a", units(1, 2, 3), stage="support"),
            proposal("P-b", units(4, 5, 6), stage="purchase"),
        ]
    )
    merged = merge_maps(journey([moved, model]), run).map
    assert [p.stage for p in merged.pain_points] == ["purchase", "purchase"]


def test_only_accepted_proposals_merge_unless_all_and_rejected_never():
    run = journey(
        [
            proposal("P-a", units(1, 2)),
            proposal("P-b", units(3, 4), status=PROPOSED),
            proposal("P-c", units(5, 6), status=REJECTED),
        ]
    )
    accepted = merge_maps(empty_like(run), run)
    everything = merge_maps(empty_like(run), run, accepted_only=False)
    assert [p.id for p in accepted.map.pain_points] == ["P-a"] and accepted.skipped == 2
    assert [p.id for p in everything.map.pain_points] == ["P-a", "P-b"]


def test_references_follow_the_maps_ids():
    base = first_merge(
        journey([proposal("P-old", units(*range(10)))], personas=[persona("persona-1", ["r1"])])
    )
    moment = MomentOfTruth(
        id="mot-support", kind="trough", stage="support", proposal_id="P-new",
        mean_sentiment=-0.4, difference=-0.3, p_value=0.01, quotes=[],
    )  # fmt: skip
    run = journey(
        [proposal("P-new", units(*range(1, 10))), proposal("P-no", units(30, 31), status=PROPOSED)],
        personas=[persona("persona-1", ["r7", "r8"], top=["P-new", "P-no"])],
        moments=[moment],
        opportunities=[
            Opportunity(id="O-1", text=Label(text="Refund in days"), proposal_ids=["P-new"])
        ],
    )
    merged = merge_maps(base, run).map
    assert [p.id for p in merged.personas] == ["persona-1", "persona-2"]  # new group, free id
    assert merged.personas[1].top_pains == ["P-old"]  # P-no was not merged
    assert merged.moments_of_truth[0].proposal_id == "P-old"
    assert merged.opportunities[0].proposal_ids == ["P-old"]


def test_opportunities_match_by_text():
    text = Label(text="Refund in days", origin=LabelOrigin.HUMAN, checked=True)
    base = first_merge(journey(opportunities=[Opportunity(id="O-1", text=text)]))
    same = Opportunity(id="O-9", text=text.model_copy(update={"text": "refund  in DAYS"}))
    other = Opportunity(id="O-1", text=text.model_copy(update={"text": "Chat with a person"}))
    merged = merge_maps(base, journey(opportunities=[same, other])).map
    assert [(o.id, o.text.text) for o in merged.opportunities] == [
        ("O-1", "Refund in days"),
        ("O-2", "Chat with a person"),
    ]


def test_a_taxonomy_mismatch_is_one_clear_error():
    base = journey([proposal("P-a", units(1, 2))])
    run = journey([proposal("P-a", units(1, 2))], stages=["trial", "renewal"])
    with pytest.raises(TaxonomyError) as info:
        merge_maps(base, run)
    message = str(info.value)
    assert "\n" not in message
    assert "purchase, support" in message and "trial, renewal" in message
    assert "--taxonomy t" in message


def test_a_1_0_0_map_merges_into_the_current_schema(demo_run):
    run = load_map(demo_run / "map.json")
    tracking = {"new", "first_seen", "last_seen"}
    exclude = {
        "merges": True,
        **{key: {"__all__": tracking} for key in ("pain_points", "delights", "personas")},
        "moments_of_truth": {"__all__": tracking},
        "opportunities": {"__all__": tracking},
    }
    old = run.model_dump(mode="json", exclude=exclude) | {"schema_version": "1.0.0"}
    legacy = JourneyMap.model_validate(old)
    result = merge_maps(legacy, run, accepted_only=False)
    assert result.map.schema_version == SCHEMA_VERSION
    assert result.added == 0 and result.updated == 0
    assert all(p.first_seen is None and not p.new for p in result.map.pain_points)
