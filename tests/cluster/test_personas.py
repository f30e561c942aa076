from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from insights.cluster.kmeans import KMeansFit
from insights.cluster.personas import (
    _kmeans,
    _stable_first,
    attribute_table,
    find_personas,
    respondent_profiles,
)


def _units(n_people: int, rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """Three kinds of people who say different things (embeddings), 3 statements each.

    Stage, emotion and proposal mixes are deliberately the same for all, so only
    what people say separates them.
    """
    rows, vectors = [], []
    centres = np.eye(32)[:3] * 5
    for i in range(n_people):
        kind = i % 3
        for _ in range(3):
            rows.append(
                {
                    "respondent_id": f"s#{i}",
                    "stage": "usage",
                    "emotion": "neutral",
                    "cluster_id": "P-1",
                }
            )
            vectors.append(centres[kind] + rng.normal(0, 1, 32))
    return pd.DataFrame(rows), np.asarray(vectors)


def test_where_a_statement_was_collected_does_not_shape_personas() -> None:
    rng = np.random.default_rng(0)
    units, vectors = _units(60, rng)
    channels = ["app store", "google", "trustpilot", "website", "email", "phone"]
    respondents = pd.DataFrame(
        {
            "respondent_id": [f"s#{i}" for i in range(60)],
            "source": "s",
            "channel": [channels[i % 6] for i in range(60)],
            "plan": ["Care" if i % 2 else "Basic" for i in range(60)],  # cuts across kinds
        }
    )
    ids, profiles = respondent_profiles(units, vectors, respondents)
    groups = find_personas(ids, profiles, seed=0)
    assert groups is not None
    kind = np.array([int(r.split("#")[1]) % 3 for r in groups.respondent_ids])
    assert groups.k == 3
    for g in range(groups.k):
        assert len(set(kind[groups.labels == g])) == 1, "groups follow what people say"
    assert groups.stability_ari > 0.9
    assert "channel" in attribute_table(respondents, ids).columns, "still used for lifts"


def test_too_few_respondents_give_no_personas() -> None:
    rng = np.random.default_rng(1)
    units, vectors = _units(6, rng)
    ids, profiles = respondent_profiles(units, vectors, pd.DataFrame({"respondent_id": []}))
    assert find_personas(ids, profiles) is None


def test_attribute_table_keeps_closed_columns_only() -> None:
    ids = [f"r{i}" for i in range(20)]
    respondents = pd.DataFrame(
        {
            "respondent_id": ids,
            "source": "x",
            "nps": [str(i % 11) for i in range(20)],
            "plan": ["a", "b"] * 10,
            "comment": [f"free text number {i}" for i in range(20)],
            "rare": ["x"] + [None] * 19,
        }
    )
    assert list(attribute_table(respondents, ids).columns) == ["nps", "plan"]


def test_thousands_of_respondents_are_grouped_on_a_sample() -> None:
    # One respondent per review (3,400 of them): k-means and the silhouette run on a
    # sample with fewer inits, everyone joins the nearest centroid, and the four
    # planted groups are still found for all 3,400, stably.
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(4, 64)) * 3
    profiles = np.vstack([c + rng.normal(size=(850, 64)) for c in centres])
    truth = np.repeat(np.arange(4), 850)
    groups = find_personas([f"r{i}" for i in range(len(profiles))], profiles, seed=0)
    assert groups is not None and groups.k == 4
    assert groups.stability_ari > 0.99
    from sklearn.metrics import adjusted_rand_score

    assert adjusted_rand_score(truth, groups.labels) > 0.99


def test_personas_come_from_the_run_cache_the_second_time(tmp_path, monkeypatch) -> None:
    import insights.cluster.personas as personas

    rng = np.random.default_rng(2)
    units, vectors = _units(30, rng)
    ids, profiles = respondent_profiles(units, vectors, pd.DataFrame({"respondent_id": []}))
    first = find_personas(ids, profiles, seed=0, cache_dir=tmp_path)
    assert first is not None

    def no_fit(*args: object) -> None:
        raise AssertionError("k-means fitted again on unchanged profiles")

    monkeypatch.setattr(personas, "_fit", no_fit)
    again = find_personas(ids, profiles, seed=0, cache_dir=tmp_path)
    assert again is not None
    np.testing.assert_array_equal(again.labels, first.labels)
    assert (again.k, again.silhouette, again.stability_ari) == (
        first.k, first.silhouette, first.stability_ari,
    )  # fmt: skip
    assert again.respondent_ids == first.respondent_ids
    for changed in ({"seed": 1}, {"k_range": (3, 4)}):  # other options: fitted, not reused
        with pytest.raises(AssertionError, match="fitted again"):
            find_personas(ids, profiles, cache_dir=tmp_path, **changed)  # type: ignore[arg-type]
    with pytest.raises(AssertionError, match="fitted again"):
        find_personas(ids, profiles + 0.1, seed=0, cache_dir=tmp_path)


def test_a_rerun_finds_its_personas_by_their_inputs_without_building_profiles(
    tmp_path, monkeypatch
) -> None:
    import insights.cluster.personas as personas
    from insights.cluster.personas import profile_digest, respondent_ids

    rng = np.random.default_rng(2)
    units, vectors = _units(30, rng)
    respondents = pd.DataFrame({"respondent_id": [f"s#{i}" for i in range(30)], "plan": "pro"})
    built: list[int] = []

    def profiles() -> np.ndarray:
        built.append(1)
        return respondent_profiles(units, vectors, respondents)[1]

    ids, digest = respondent_ids(units), profile_digest(units, vectors, respondents)
    first = find_personas(ids, profiles, seed=0, cache_dir=tmp_path, digest=digest)
    assert first is not None and built == [1]
    assert ids == respondent_profiles(units, vectors, respondents)[0]
    monkeypatch.setattr(personas, "_fit", lambda *args, **kwargs: pytest.fail("fitted again"))
    again = find_personas(ids, profiles, seed=0, cache_dir=tmp_path, digest=digest)
    assert again is not None and built == [1], "the profiles were not built again"
    np.testing.assert_array_equal(again.labels, first.labels)


def test_the_profile_digest_changes_with_every_input_of_the_profiles() -> None:
    from insights.cluster.personas import profile_digest

    rng = np.random.default_rng(2)
    units, vectors = _units(12, rng)
    respondents = pd.DataFrame({"respondent_id": [f"s#{i}" for i in range(12)], "plan": "pro"})
    digest = profile_digest(units, vectors, respondents)
    assert profile_digest(units.copy(), vectors.copy(), respondents.copy()) == digest
    moved = vectors.copy()
    moved[5, 0] += 0.5
    changed = [
        profile_digest(units, moved, respondents),
        profile_digest(units.assign(stage=["support"] + ["usage"] * 35), vectors, respondents),
        profile_digest(units.assign(cluster_id="P-2"), vectors, respondents),
        profile_digest(units.assign(emotion="delight"), vectors, respondents),
        profile_digest(units.assign(respondent_id="s#0"), vectors, respondents),
        profile_digest(units, vectors, respondents.assign(plan="free")),
        profile_digest(units, vectors, respondents.rename(columns={"plan": "tier"})),
        profile_digest(units, vectors, respondents.assign(plan=pd.NA)),
        profile_digest(units, vectors, respondents.assign(plan="<NA>")),
    ]
    assert digest not in changed and len(set(changed)) == len(changed)


def _planted(n: int, seed: int) -> np.ndarray:
    """`n` profiles around four centres (a quarter each, in turn)."""
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(99).normal(size=(4, 24)) * 3
    return np.vstack([centres[i % 4] + rng.normal(size=24) for i in range(n)])


def test_a_grown_corpus_keeps_the_earlier_k_and_fits_only_that_k(tmp_path, monkeypatch) -> None:
    import insights.cluster.personas as personas

    old = _planted(1200, seed=4)
    keys = [f"key{i}" for i in range(1400)]
    ids = [f"r{i}" for i in range(1400)]
    first = find_personas(ids[:1200], old, seed=0, cache_dir=tmp_path, keys=keys[:1200])
    assert first is not None and first.k == 4 and not first.k_kept
    grown = np.vstack([old, _planted(200, seed=5)])  # 14 % new respondents

    fits: list[int] = []
    real_kmeans = personas._kmeans

    def counted(profiles: np.ndarray, k: int, seed: int, *, inits: int) -> object:
        fits.append(k)
        return real_kmeans(profiles, k, seed, inits=inits)

    monkeypatch.setattr(personas, "_kmeans", counted)
    kept = find_personas(ids, grown, seed=0, cache_dir=tmp_path, keys=keys)
    assert kept is not None and fits == [4]  # no k search, no stability runs
    assert kept.k_kept and (kept.k, kept.stability_ari) == (4, first.stability_ari)
    full = find_personas(ids, grown, seed=0)  # no cache: k searched, the same k chosen
    assert full is not None and full.k == 4 and not full.k_kept
    np.testing.assert_array_equal(kept.labels, full.labels)  # the same fit of that k
    assert kept.silhouette == full.silhouette

    fits.clear()
    again = find_personas(ids, grown, seed=0, cache_dir=tmp_path, keys=keys)
    assert again is not None and fits == []  # unchanged: from the cache, nothing fitted
    np.testing.assert_array_equal(again.labels, kept.labels)
    assert (again.k, again.k_kept, again.stability_ari) == (4, True, first.stability_ari)
    refitted = find_personas(ids, grown, seed=0, cache_dir=tmp_path, keys=keys, refit=True)
    assert refitted is not None and not refitted.k_kept and len(fits) > 1 and refitted.k == 4


def test_a_corpus_that_changed_too_much_searches_k_again(tmp_path) -> None:
    old = _planted(1200, seed=4)
    keys = [f"key{i}" for i in range(1650)]
    ids = [f"r{i}" for i in range(1650)]
    find_personas(ids[:1200], old, seed=0, cache_dir=tmp_path, keys=keys[:1200])
    grown = np.vstack([old, _planted(450, seed=5)])  # 27 % of them new
    searched = find_personas(ids, grown, seed=0, cache_dir=tmp_path, keys=keys)
    assert searched is not None and not searched.k_kept
    gone = find_personas(ids[200:1200], old[200:], seed=0, cache_dir=tmp_path, keys=keys[200:1200])
    assert gone is not None and not gone.k_kept  # 39 % of the last full fit's respondents gone
    small = find_personas(ids[:300], old[:300], seed=0, cache_dir=tmp_path, keys=keys[:300])
    assert small is not None and not small.k_kept  # below 1,000 respondents: always searched


def test_share_blocks_are_crosstab_shares() -> None:
    from insights.cluster.personas import _share_block

    units = pd.DataFrame(
        {
            "respondent_id": ["a", "a", "b", "c", "c", "c", "z"],
            "stage": ["usage", None, "support", "usage", "usage", "support", "purchase"],
        }
    )
    ids = ["a", "b", "c", "nobody"]  # z is left out; nobody said nothing
    expected = pd.crosstab(units["respondent_id"], units["stage"].fillna("none"))
    expected = expected.reindex(ids, fill_value=0).to_numpy(dtype=float)
    expected = (expected.T / np.maximum(expected.sum(axis=1), 1)).T
    np.testing.assert_array_equal(_share_block(units, ids, "stage"), expected)
    assert _share_block(units, ids, "stage").shape == (4, 4)  # none, purchase, support, usage


def test_sums_by_respondent_are_those_of_add_at_to_the_bit() -> None:
    from insights.cluster.personas import _share_block, _sums_by_row

    rng = np.random.default_rng(3)
    owner = rng.integers(0, 40, 500)
    values = rng.normal(size=(500, 7)).astype(np.float32)
    expected = np.zeros((45, 7))  # rows 40-44 own nothing
    np.add.at(expected, owner, values)
    assert np.array_equal(_sums_by_row(owner, values, 45), expected)
    assert _sums_by_row(owner, values[:, :0], 45).shape == (45, 0)
    empty = pd.DataFrame({"respondent_id": pd.Series([], dtype=object), "stage": []})
    assert _share_block(empty, [], "stage").shape == (0, 0)


def test_the_k_search_gives_the_same_groups_on_one_thread_or_two(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profiles = _planted(900, seed=7)
    ids = [f"r{i}" for i in range(900)]
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    two = find_personas(ids, profiles, seed=3)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # fits one after the other
    one = find_personas(ids, profiles, seed=3)
    assert one is not None and two is not None
    np.testing.assert_array_equal(one.labels, two.labels)
    assert (one.k, one.silhouette, one.stability_ari) == (two.k, two.silhouette, two.stability_ari)


def test_the_best_silhouette_gives_way_to_the_next_k_whose_groups_hold() -> None:
    profiles = _planted(120, seed=1)
    fits = {k: _kmeans(profiles, k, 0, inits=2) for k in (3, 4, 5)}
    ranked = [(0.096, 4, fits[4]), (0.093, 5, fits[5]), (0.088, 3, fits[3])]
    measured = {4: 0.74, 5: 0.85, 3: 0.91}
    asked: list[int] = []

    def stability(k: int, model: KMeansFit) -> float:
        assert model is fits[k]
        asked.append(k)
        return measured[k]

    assert _stable_first(ranked, stability) == (0.093, 5, fits[5], 0.85)
    assert asked == [4, 5]  # the stable k after the first is not measured further
    measured.update({5: 0.7, 3: 0.6})
    assert _stable_first(ranked, stability) == (0.096, 4, fits[4], 0.74)  # none holds
    with pytest.raises(ValueError, match="no k"):
        _stable_first([], stability)
