from __future__ import annotations

import pandas as pd
import pytest

from insights.analysis.given import given_labels, input_given
from insights.taxonomies import load_taxonomy


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy("default")


def test_stage_column_matching_taxonomy_labels_is_used(taxonomy):
    respondents = pd.DataFrame(
        {
            "respondent_id": ["s#1", "s#2", "s#3"],
            "source": ["s"] * 3,
            "Journey stage": ["Purchase", "onboarding", "Support"],
        }
    )
    column, given = given_labels(respondents, taxonomy.stages, "stages")
    assert column == "Journey stage"
    assert given.to_dict() == {"s#1": "purchase", "s#2": "onboarding", "s#3": "support"}


def test_french_labels_match_too():
    taxonomy = load_taxonomy("five-stage")
    respondents = pd.DataFrame({"respondent_id": ["a", "b"], "Étape": ["Décision", "rétention"]})
    _, given = given_labels(respondents, taxonomy.stages, "stages")
    assert given.to_dict() == {"a": "decision", "b": "retention"}


def test_column_whose_values_are_not_stages_is_ignored(taxonomy):
    respondents = pd.DataFrame(
        {"respondent_id": ["a", "b", "c"], "stage": ["Order", "Equipment Received", "Purchase"]}
    )
    column, given = given_labels(respondents, taxonomy.stages, "stages")
    assert column is None
    assert given.empty


def test_unrelated_header_is_ignored_even_with_stage_values(taxonomy):
    respondents = pd.DataFrame({"respondent_id": ["a"], "plan": ["support"]})
    column, _ = given_labels(respondents, taxonomy.stages, "stages")
    assert column is None


def test_input_given_holds_each_dimension_an_input_column_can_give(taxonomy):
    respondents = pd.DataFrame(
        {"respondent_id": ["a", "b"], "Stage": ["Purchase", "support"], "Channel": ["app", "x"]}
    )
    given = input_given(respondents, taxonomy)
    assert set(given) == {"stages", "touchpoints"}
    assert given["stages"].to_dict() == {"a": "purchase", "b": "support"}
    assert given["touchpoints"].empty  # "x" is no touchpoint: under 80 % match
    assert all(series.empty for series in input_given(None, taxonomy).values())
