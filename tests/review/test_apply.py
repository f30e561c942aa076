from __future__ import annotations

import jsonschema
import pandas as pd
import pytest

from insights.cluster.clustering import proposal_id
from insights.errors import UsageError
from insights.io import write_json
from insights.journeymap.model import JourneyMap, LabelOrigin, Proposal, Status
from insights.journeymap.schema import published_schema
from insights.review import load_reviewed_map, replay_report
from insights.review.decisions import DecisionType
from insights.review.journal import read_journal
from insights.review.rebuild import RunData
from insights.review.script import DecisionSpec
from insights.review.state import load_base_map, load_state, record

T = DecisionType
S = DecisionSpec


@pytest.fixture(scope="module")
def phrase_nlp():
    from insights.journeymap.propose import load_phrase_pipelines

    return load_phrase_pipelines()


def _record(run, *specs, nlp=None):
    return record(load_state(run, data=RunData(run, nlp=nlp)), list(specs))


def _by_id(journey_map: JourneyMap) -> dict[str, Proposal]:
    return {p.id: p for p in [*journey_map.pain_points, *journey_map.delights]}


def _rewrite_map(run, **changes) -> None:
    """Stand in for `insights run` re-writing map.json from grown input."""
    base = load_base_map(run)
    write_json(run / "map.json", base.model_copy(update=changes).model_dump(mode="json"))


def _with_members(proposal: Proposal, members: list[str]) -> Proposal:
    return proposal.model_copy(
        update={"id": proposal_id(members, proposal.id[0]), "unit_ids": sorted(members)}
    )


def test_without_journal_the_reviewed_map_is_map_json(demo_run):
    on_disk = JourneyMap.model_validate_json((demo_run / "map.json").read_bytes())
    assert load_reviewed_map(demo_run) == on_disk
    report = replay_report(demo_run)
    assert (report.applied, report.unapplied, report.warnings) == (0, [], [])


def test_status_and_human_edits(run_copy):
    base = load_base_map(run_copy)
    first, second = base.pain_points[0], base.pain_points[1]
    state = _record(
        run_copy,
        S(T.ACCEPT, (first.id[:6],)),  # a short prefix is enough
        S(T.REJECT, (second.id,)),
        S(T.RENAME, (first.id,), {"text": " Refund takes weeks "}),
        S(T.SUMMARY, (first.id,), {"text": "Refunds take four to six weeks."}),
        S(T.MOVE, (second.id,), {"stage": "Achat"}),  # French stage label
        S(T.RENAME, (base.personas[0].id,), {"text": "Commuters"}),
    )
    reviewed = _by_id(state.reviewed)
    assert reviewed[first.id].status is Status.ACCEPTED
    assert reviewed[second.id].status is Status.REJECTED
    label = reviewed[first.id].label
    assert (label.text, label.origin, label.checked) == (
        "Refund takes weeks",
        LabelOrigin.HUMAN,
        True,
    )
    assert reviewed[first.id].summary.origin is LabelOrigin.HUMAN
    assert reviewed[second.id].stage == "purchase"
    assert state.reviewed.personas[0].name.text == "Commuters"
    assert state.report.applied == 6
    assert [d.type for d in read_journal(run_copy / "review.jsonl").decisions] == [
        T.ACCEPT, T.REJECT, T.RENAME, T.SUMMARY, T.MOVE, T.RENAME,
    ]  # fmt: skip


def test_merge_derives_its_id_from_members_recomputes_stats_and_follows_links(run_copy):
    base = load_base_map(run_copy)
    a, b = base.pain_points[0], base.pain_points[3]
    state = _record(run_copy, S(T.RENAME, (a.id,), {"text": "Refunds"}), S(T.MERGE, (a.id, b.id)))
    union = sorted({*a.unit_ids, *b.unit_ids})
    merged = _by_id(state.reviewed)[proposal_id(union, "P")]
    assert a.id not in _by_id(state.reviewed) and b.id not in _by_id(state.reviewed)
    assert merged.unit_ids == union and merged.frequency.units == len(union)
    assert merged.label.text == "Refunds" and merged.label.origin is LabelOrigin.HUMAN
    units = pd.read_csv(run_copy / "units.csv")
    members = units[units["unit_id"].isin(union)]
    assert merged.frequency.respondents == members["respondent_id"].nunique()
    assert {q.unit_id for q in merged.quotes} <= set(union)
    assert len(state.reviewed.pain_points) == len(base.pain_points) - 1
    for persona, before in zip(state.reviewed.personas, base.personas, strict=True):
        if a.id in before.top_pains:
            assert merged.id in persona.top_pains and a.id not in persona.top_pains
    linked = [m.proposal_id for m in state.reviewed.moments_of_truth]
    assert a.id not in linked and b.id not in linked
    # An id merged away still names the merged proposal.
    state = record(state, [S(T.ACCEPT, (b.id,))])
    assert _by_id(state.reviewed)[merged.id].status is Status.ACCEPTED


def test_merge_keeps_a_human_label_and_stage_of_any_target(run_copy):
    base = load_base_map(run_copy)
    a, b = base.pain_points[0], base.pain_points[1]
    state = _record(
        run_copy,
        S(T.RENAME, (b.id,), {"text": "Waiting for money back"}),
        S(T.MOVE, (b.id,), {"stage": "advocacy"}),
        S(T.MERGE, (a.id, b.id)),
    )
    (merged,) = [p for p in state.reviewed.pain_points if set(a.unit_ids) <= set(p.unit_ids)]
    assert merged.label.text == "Waiting for money back" and merged.stage == "advocacy"
    assert merged.summary.origin is LabelOrigin.MODEL  # recomputed: nobody edited it


def test_split_partitions_the_members_and_replays_identically(run_copy, phrase_nlp):
    base = load_base_map(run_copy)
    target = max(base.pain_points, key=lambda p: p.frequency.units)
    state = _record(run_copy, S(T.SPLIT, (target.id,), {"parts": 2}), nlp=phrase_nlp)
    parts = [p for p in state.reviewed.pain_points if set(p.unit_ids) <= set(target.unit_ids)]
    assert len(parts) == 2 and target.id not in _by_id(state.reviewed)
    assert sorted(u for p in parts for u in p.unit_ids) == sorted(target.unit_ids)
    assert all(p.id == proposal_id(p.unit_ids, "P") and p.label.text for p in parts)
    assert all(p.status is Status.PROPOSED and len(p.quotes) > 0 for p in parts)
    assert load_state(run_copy).reviewed == state.reviewed


def test_quotes_can_be_dropped_and_pinned(run_copy):
    target = load_base_map(run_copy).pain_points[0]
    unquoted = next(u for u in target.unit_ids if u not in {q.unit_id for q in target.quotes})
    dropped = target.quotes[0].unit_id
    state = _record(
        run_copy,
        S(T.QUOTE, (target.id,), {"action": "drop", "quote": "1"}),
        S(T.QUOTE, (target.id,), {"action": "pin", "quote": unquoted}),
    )
    quotes = _by_id(state.reviewed)[target.id].quotes
    assert quotes[0].unit_id == unquoted and quotes[0].representative
    assert dropped not in {q.unit_id for q in quotes}


def test_opportunity_is_added_with_the_proposal_stage(run_copy):
    target = load_base_map(run_copy).pain_points[0]
    state = _record(run_copy, S(T.OPPORTUNITY, (target.id,), {"text": "Refund tracker"}))
    (opportunity,) = state.reviewed.opportunities
    assert (
        opportunity.text.text == "Refund tracker" and opportunity.text.origin is LabelOrigin.HUMAN
    )
    assert opportunity.stage == target.stage and opportunity.proposal_ids == [target.id]


def test_undo_restores_the_map(run_copy):
    base = load_base_map(run_copy)
    a, b = base.pain_points[0], base.pain_points[1]
    state = _record(run_copy, S(T.MERGE, (a.id, b.id)), S(T.UNDO))
    assert state.reviewed == base
    assert [d.type for d in state.decisions] == [T.MERGE, T.UNDO]


@pytest.mark.parametrize(
    "bad",
    [
        S(T.ACCEPT, ("P-nope",)),
        S(T.ACCEPT, ("P-",)),  # ambiguous
        S(T.MOVE, ("{pain}",), {"stage": "mars"}),
        S(T.MERGE, ("{pain}", "{delight}")),
        S(T.QUOTE, ("{pain}",), {"action": "pin", "quote": "99"}),
        S(T.RENAME, ("{pain}",), {"text": "  "}),
    ],
)
def test_a_bad_decision_records_nothing(run_copy, bad):
    base = load_base_map(run_copy)
    first, delight = base.pain_points[0].id, base.delights[0].id
    ids = tuple(t.format(pain=first[:6], delight=delight[:6]) for t in bad.targets)
    with pytest.raises(UsageError) as info:
        _record(run_copy, S(T.ACCEPT, (first,)), S(bad.type, ids, bad.values))
    assert "\n" not in str(info.value)
    assert not (run_copy / "review.jsonl").exists()


def test_undo_with_nothing_to_undo_is_an_error(run_copy):
    with pytest.raises(UsageError, match="nothing to undo"):
        _record(run_copy, S(T.UNDO))


def test_rerun_rematches_by_member_overlap_and_lists_what_it_cannot_apply(run_copy):
    base = load_base_map(run_copy)
    kept, shrunk, gone = base.pain_points[1], base.pain_points[0], base.pain_points[4]
    _record(
        run_copy,
        S(T.ACCEPT, (shrunk.id,)),
        S(T.RENAME, (kept.id,), {"text": "Late deliveries"}),
        S(T.REJECT, (gone.id,)),
    )
    new_shrunk = _with_members(shrunk, shrunk.unit_ids[3:])
    pains = [new_shrunk if p.id == shrunk.id else p for p in base.pain_points if p.id != gone.id]
    _rewrite_map(run_copy, pain_points=pains)

    report = replay_report(run_copy)
    assert report.applied == 2
    assert len(report.unapplied) == 1 and gone.id in report.unapplied[0]
    shared = len(new_shrunk.unit_ids) / len(shrunk.unit_ids)
    assert report.rematched == [
        f"{shrunk.id} → {new_shrunk.id} ({shared:.0%} of statements shared)"
    ]
    reviewed = _by_id(load_reviewed_map(run_copy))
    assert reviewed[new_shrunk.id].status is Status.ACCEPTED
    assert reviewed[kept.id].label.text == "Late deliveries"


def test_a_persona_id_that_now_names_another_group_is_matched_by_respondents(run_copy):
    base = load_base_map(run_copy)
    one, two = base.personas[0], base.personas[1]
    _record(run_copy, S(T.RENAME, (one.id,), {"text": "Commuters"}))
    swapped = [
        one.model_copy(update={"respondent_ids": two.respondent_ids}),
        two.model_copy(update={"respondent_ids": one.respondent_ids}),
        *base.personas[2:],
    ]
    _rewrite_map(run_copy, personas=swapped)
    report = replay_report(run_copy)
    assert report.rematched == [f"{one.id} → {two.id} (100% of respondents shared)"]
    names = {p.id: p.name.text for p in load_reviewed_map(run_copy).personas}
    assert names[two.id] == "Commuters" and names[one.id] != "Commuters"


def test_too_little_overlap_is_not_a_match(run_copy):
    base = load_base_map(run_copy)
    target = base.pain_points[0]
    _record(run_copy, S(T.ACCEPT, (target.id,)))
    half = target.unit_ids[: len(target.unit_ids) // 2 - 1]
    _rewrite_map(run_copy, pain_points=[_with_members(target, half), *base.pain_points[1:]])
    report = replay_report(run_copy)
    assert report.applied == 0 and len(report.unapplied) == 1


def test_merge_and_split_replay_after_a_rerun(run_copy, phrase_nlp):
    base = load_base_map(run_copy)
    a, b, c, d = base.pain_points[:4]
    _record(run_copy, S(T.MERGE, (a.id, b.id)), S(T.SPLIT, (c.id,), {"parts": 2}), nlp=phrase_nlp)
    # The re-run: a lost two statements, c grew by four statements taken from d.
    new_a = _with_members(a, a.unit_ids[2:])
    new_c = _with_members(c, [*c.unit_ids, *d.unit_ids[:4]])
    new_d = _with_members(d, d.unit_ids[4:])
    _rewrite_map(run_copy, pain_points=[new_a, b, new_c, new_d, *base.pain_points[4:]])

    report = replay_report(run_copy)
    assert (report.applied, report.unapplied) == (2, [])
    reviewed = _by_id(load_reviewed_map(run_copy))
    assert proposal_id([*new_a.unit_ids, *b.unit_ids], "P") in reviewed
    parts = [p for p in reviewed.values() if set(p.unit_ids) <= set(new_c.unit_ids)]
    assert len(parts) == 2
    assert sorted(u for p in parts for u in p.unit_ids) == sorted(new_c.unit_ids)


def test_reviewed_map_still_follows_the_published_schema(run_copy):
    base = load_base_map(run_copy)
    a, b = base.delights[0], base.delights[1]
    state = _record(
        run_copy,
        S(T.MERGE, (a.id, b.id)),
        S(T.ACCEPT, (a.id,)),
        S(T.OPPORTUNITY, (), {"text": "Ride clubs", "stage": "advocacy"}),
    )
    data = state.reviewed.model_dump(mode="json")
    jsonschema.validate(data, published_schema())
    assert JourneyMap.model_validate(data) == state.reviewed
