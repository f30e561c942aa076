from __future__ import annotations

import json

import pandas as pd


def _map(run: object) -> dict:
    return json.loads((run / "map.json").read_text(encoding="utf-8"))


def test_demo_personas_partition_respondents_with_evidence(demo_run) -> None:
    journey = _map(demo_run)
    personas = journey["personas"]
    assert 3 <= len(personas) <= 6
    units = pd.read_csv(demo_run / "units.csv", dtype=str)
    analysed = set(units.loc[units["role"] == "respondent", "respondent_id"])
    members = [set(p["respondent_ids"]) for p in personas]
    assert set().union(*members) == analysed
    assert sum(len(m) for m in members) == len(analysed), "each respondent in one persona"
    for persona, ids in zip(personas, members, strict=True):
        assert persona["size"] == len(ids)
        assert persona["name"]["text"] and persona["name"]["origin"] == "model"
        assert persona["quotes"], persona["id"]
        assert {q["respondent_id"] for q in persona["quotes"]} <= ids
        pain_ids = {p["id"] for p in journey["pain_points"]}
        assert set(persona["top_pains"]) <= pain_ids


def test_persona_stability_is_recorded(demo_run) -> None:
    stats = _map(demo_run)["run"]["params"]["personas"]
    assert stats["k"] == len(_map(demo_run)["personas"])
    assert stats["stability_ari"] >= 0.8


def test_emotion_curve_has_a_point_per_persona(demo_run) -> None:
    journey = _map(demo_run)
    ids = {p["id"] for p in journey["personas"]}
    units = pd.read_csv(demo_run / "units.csv", dtype=str)
    support = journey["stages"][[s["id"] for s in journey["stages"]].index("support")]
    assert set(support["by_persona"]) == ids
    for persona in journey["personas"]:
        mine = units[
            units["respondent_id"].isin(persona["respondent_ids"]) & (units["stage"] == "support")
        ]
        expected = mine["sentiment_score"].astype(float).mean() if len(mine) else None
        got = support["by_persona"][persona["id"]]
        assert (got is None) == (expected is None)
        if got is not None:
            assert abs(got - expected) < 1e-3


def test_no_planted_pii_in_any_output_of_the_demo_run(demo_run) -> None:
    planted = (
        "jane.doe@example.com",
        "06 39 98 12 34",
        "07700 900461",
        "sam.r@example.net",
        "Chloe B.",
        "chloe_rider82",
    )
    for path in demo_run.iterdir():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for item in planted:
            assert item not in text, (item, path.name)
