from __future__ import annotations

import numpy as np
import pandas as pd

from insights.journeymap.model import ProposalKind
from insights.journeymap.proposals import (
    ClusterEvidence,
    build_proposal,
    distribution,
    phrase_support,
    severity,
    sort_by_severity,
)

STAGES = {"awareness": "Awareness", "support": "Support"}


def _units() -> pd.DataFrame:
    rows = []
    for i, (text, stage, emotion, score) in enumerate(
        [
            ("The refund took six weeks.", "support", "frustration", -0.8),
            ("Still waiting for my refund.", "support", "anxiety", -0.6),
            ("Le remboursement n'arrive pas.", "support", "frustration", -0.7),
            ("It was not clear what I signed up for.", "awareness", "confusion", -0.4),
            ("I had no idea what the plan covered.", "awareness", "confusion", -0.5),
            ("Nobody explained the subscription.", "awareness", "confusion", -0.3),
        ]
    ):
        rows.append(
            {
                "unit_id": f"u{i}",
                "source": "s.csv",
                "source_sha256": "0" * 64,
                "respondent_id": f"s.csv#r{i % 5}",
                "locator": f"row {i + 2}",
                "lang": "fr" if "Le " in text else "en",
                "text": text,
                "char_start": 0,
                "char_end": len(text),
                "prefix": "",
                "suffix": "",
                "stage": stage,
                "touchpoint": "email",
                "emotion": emotion,
                "sentiment_score": score,
            }
        )
    return pd.DataFrame(rows)


def _evidence(members: list[int], label: str) -> ClusterEvidence:
    return ClusterEvidence(
        proposal_id="P-test",
        members=np.asarray(members),
        key_phrases=[label.lower()] if label else ["idea"],
        label=label,
        confidence=0.9,
        quote_positions=members[:2],
    )


def test_a_proposal_carries_its_evidence() -> None:
    units = _units()
    pain = build_proposal(
        units, _evidence([0, 1, 2], "Refund"), kind=ProposalKind.PAIN,
        total_respondents=5, stage_names=STAGES,
    )  # fmt: skip
    assert pain.label.text == "Refund" and pain.label.origin.value == "model"
    assert pain.stage == "support" and pain.stage_distribution == {"support": 1.0}
    assert pain.frequency.units == 3 and pain.frequency.respondents == 3
    assert pain.frequency.share_of_respondents == 0.6
    assert pain.severity == severity(units.loc[[0, 1, 2], "sentiment_score"], 0.6, pain.kind)
    assert pain.severity == 42.0  # 100 × 0.6 × mean(0.8, 0.6, 0.7)
    assert [q.unit_id for q in pain.quotes] == ["u0", "u1"]
    assert pain.unit_ids == ["u0", "u1", "u2"]
    assert "3 statements by 3 respondents mostly at Support" in pain.summary.text


def test_without_a_phrase_that_names_it_the_label_says_what_members_share() -> None:
    pain = build_proposal(
        _units(), _evidence([3, 4, 5], ""), kind=ProposalKind.PAIN,
        total_respondents=5, stage_names=STAGES,
    )  # fmt: skip
    assert pain.label.text == "Confusion at awareness"


def test_phrase_support_counts_statements_holding_every_word() -> None:
    texts = ["The refund took weeks", "Refunded at last", "No reply at all"]
    assert phrase_support("refund", texts) == 2 / 3
    assert phrase_support("refund week", texts) == 1 / 3
    assert phrase_support("", texts) == 0.0


def test_sorting_is_by_severity_then_id() -> None:
    units = _units()
    made = [
        build_proposal(
            units, _evidence(m, "X"), kind=ProposalKind.PAIN, total_respondents=5,
            stage_names=STAGES,
        ).model_copy(update={"id": pid})
        for m, pid in (([3], "P-b"), ([0, 1], "P-c"), ([3], "P-a"))
    ]  # fmt: skip
    assert [p.id for p in sort_by_severity(made)] == ["P-c", "P-a", "P-b"]  # tie: by id


def test_distribution_counts_missing_as_none_and_keeps_first_seen_order_on_ties() -> None:
    values = ["billing", "app", None, "app", "billing", np.nan, "none", pd.NA, "web"]
    assert distribution(values) == {"none": 0.444, "billing": 0.222, "app": 0.222, "web": 0.111}


def test_distribution_orders_like_pandas_value_counts() -> None:
    rng = np.random.default_rng(0)
    for _ in range(300):
        values = [f"s{i}" for i in rng.integers(0, rng.integers(1, 25), rng.integers(1, 80))]
        shares = pd.Series(values, dtype=object).value_counts(normalize=True)
        expected = {str(k): round(float(v), 3) for k, v in shares.items()}
        assert list(distribution(values).items()) == list(expected.items())
