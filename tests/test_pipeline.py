from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pytest

from insights.ingest import IngestOptions
from insights.journeymap.model import ProposalKind
from insights.journeymap.schema import map_schema
from insights.pipeline import RunConfig, run_pipeline

PII = ("jane.doe@example.com", "06 12 34 56 78", "+44 20 7946 0958")
PAINS = [
    "The delivery was two weeks late and nobody told me why.",
    "My parcel never arrived and tracking showed nothing for days.",
    "La livraison a pris trois semaines, c'est inadmissible.",
    "The refund took six weeks, I had to chase them every week.",
    "Still waiting for my refund after a month, write to jane.doe@example.com",
    "Le remboursement n'arrive jamais, appelez-moi au 06 12 34 56 78.",
    "The app crashes every time I try to pair the battery.",
    "L'application plante quand je connecte la batterie.",
    "The app keeps logging me out and crashing, call +44 20 7946 0958.",
]
DELIGHTS = [
    "The mechanic in the store was incredibly helpful and kind.",
    "Le mécanicien en magasin a été super sympa et efficace.",
    "I love riding this bike every morning, it's a joy.",
    "Great ride quality, the bike feels solid and smooth.",
]


def _answers(folder: Path) -> Path:
    """`folder` (made), holding the pains and delights three times as survey answers."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"id": f"r{i}", "answer": t} for i, t in enumerate((PAINS + DELIGHTS) * 3)]
    pd.DataFrame(rows).to_csv(folder / "answers.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = _answers(tmp_path_factory.mktemp("in"))
    out = tmp_path_factory.mktemp("out")
    config = RunConfig(
        ingest=IngestOptions(text_cols=("answer",), id_col="id"),
        cache_dir=tmp_path_factory.mktemp("cache"),
    )
    return run_pipeline([folder], out, config=config), out


def test_outputs_are_written_with_the_contract_columns(run):
    _, out = run
    units = pd.read_csv(out / "units.csv", dtype=str)
    contract = [
        "unit_id",
        "source",
        "record_id",
        "respondent_id",
        "locator",
        "lang",
        "text",
        "sentiment",
        "sentiment_score",
        "emotion",
        "stage",
        "stage_score",
        "touchpoint",
        "cluster_id",
    ]
    assert set(contract) <= set(units.columns)
    assert set(units["record_id"]) <= {f"r{i}" for i in range(39)}


def test_map_validates_against_the_published_schema(run):
    _, out = run
    jsonschema.validate(json.loads((out / "map.json").read_text()), map_schema())


def test_no_planted_pii_in_any_output(run):
    _, out = run
    for path in out.iterdir():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for item in PII:
            assert item not in text, (item, path.name)


def test_pain_points_carry_quotes_that_trace_to_units(run):
    result, out = run
    units = pd.read_csv(out / "units.csv", dtype=str).set_index("unit_id")
    pains = result.journey_map.pain_points
    texts = [[q.text for q in p.quotes] for p in pains]
    themes = [{PAINS.index(t) // 3 for t in quoted if t in PAINS} for quoted in texts]
    assert len(pains) == 3, [p.label.text for p in pains]
    assert all(len(t) == 1 for t in themes), themes
    assert sorted(min(t) for t in themes) == [0, 1, 2], "one pain point per theme"
    for quote in pains[0].quotes:
        assert units.loc[quote.unit_id, "text"] == quote.text
        assert units.loc[quote.unit_id, "cluster_id"] == pains[0].id


def test_embeddings_are_kept_for_every_respondent_unit(run):
    _, out = run
    units = pd.read_csv(out / "units.csv", dtype=str)
    stored = np.load(out / "embeddings.npz")
    expected = units.loc[units["role"] == "respondent", "unit_id"].tolist()
    assert stored["unit_id"].tolist() == expected
    assert stored["vector"].shape == (len(expected), 512)
    assert (out / "map.json").stat().st_mode & 0o044, "outputs are readable by others (umask)"


def test_a_rerun_on_grown_input_keeps_review_decisions(tmp_path):
    from typer.testing import CliRunner

    from insights.cli import app
    from insights.review import load_reviewed_map

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    rows = [{"id": f"r{i}", "answer": t} for i, t in enumerate((PAINS + DELIGHTS) * 3)]
    pd.DataFrame(rows).to_csv(folder / "answers.csv", index=False)
    config = RunConfig(
        ingest=IngestOptions(text_cols=("answer",), id_col="id"), cache_dir=tmp_path / "cache"
    )
    first = run_pipeline([folder], out, config=config)
    target = first.journey_map.pain_points[0]
    result = CliRunner().invoke(
        app, ["review", str(out), "--accept", target.id, "--rename", target.id, "Our label"]
    )
    assert result.exit_code == 0, result.output
    said = next(q.text for q in target.quotes if q.text in PAINS)
    rows.append({"id": "r99", "answer": said})  # one more person says the same
    pd.DataFrame(rows).to_csv(folder / "answers.csv", index=False)
    second = run_pipeline([folder], out, config=config)
    assert second.review is not None
    assert second.review.applied == 2 and second.review.unapplied == []
    reviewed = load_reviewed_map(out)
    kept = [p for p in reviewed.pain_points if p.label.text == "Our label"]
    assert len(kept) == 1 and kept[0].status.value == "accepted"
    assert kept[0].label.origin.value == "human"


def test_a_second_run_gives_the_same_ids_and_map(run, tmp_path):
    result, out = run
    folder = next(iter({s.path for s in result.journey_map.sources}))
    config = RunConfig(
        ingest=IngestOptions(text_cols=("answer",), id_col="id"), cache_dir=tmp_path / "cache"
    )
    again = run_pipeline([Path(folder)], tmp_path / "out", config=config)
    first = json.loads((out / "map.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "out" / "map.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in second["pain_points"]] == [p["id"] for p in first["pain_points"]]
    assert second == first
    assert again.units["unit_id"].tolist() == result.units["unit_id"].tolist()


def test_names_identities_and_terms_are_redacted_everywhere(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "interview.txt").write_text(
        "Interviewer: How did the delivery go, Claire?\n"
        "Claire Dupont: It was late. Order VEL-123456 never came and my neighbour "
        "Marc Lefebvre had the same problem.\n"
        "Interviewer: And the refund?\n"
        "Claire Dupont: The refund took six weeks, I called every week.\n",
        encoding="utf-8",
    )
    terms = tmp_path / "secret-terms.txt"
    terms.write_text("re:VEL-\\d{6}\n", encoding="utf-8")
    config = RunConfig.make(
        ingest=IngestOptions(), cache_dir=tmp_path / "cache", redact_terms=terms
    )
    run_pipeline([folder], tmp_path / "out", config=config)
    written = "".join(
        p.read_bytes().decode("utf-8", "replace") for p in (tmp_path / "out").iterdir()
    )
    for secret in ("Claire", "Dupont", "Lefebvre", "VEL-123456", "re:VEL"):
        assert secret not in written, secret
    params = json.loads((tmp_path / "out" / "map.json").read_text())["run"]["params"]
    assert params["redact"] is True and params["redact_terms"] == "secret-terms.txt"

    kept = RunConfig.make(ingest=IngestOptions(), cache_dir=tmp_path / "cache", redact=False)
    run_pipeline([folder], tmp_path / "raw", config=kept)
    raw = json.loads((tmp_path / "raw" / "map.json").read_text())
    assert raw["run"]["params"]["redact"] is False
    assert "Claire Dupont" in (tmp_path / "raw" / "units.csv").read_text(encoding="utf-8")


def test_clustering_parameters_and_refit_are_recorded(tmp_path):
    # Incremental extension itself is tested in tests/cluster/test_incremental.py (it
    # needs 500+ distinct statements); here a grown small corpus is refitted and the
    # map says how each polarity was clustered.
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [{"id": f"r{i}", "answer": t} for i, t in enumerate((PAINS + DELIGHTS) * 3)]
    rows.append({"id": "r98", "answer": "The refund took six weeks and I had to chase them."})
    pd.DataFrame(rows).to_csv(folder / "answers.csv", index=False)
    options = IngestOptions(text_cols=("answer",), id_col="id")
    config = RunConfig(ingest=options, cache_dir=tmp_path / "cache", refit=True)
    result = run_pipeline([folder], tmp_path / "out", config=config)
    params = result.journey_map.run.params
    assert params["refit"] is True
    pains = params["clustering"]["pain_point"]
    assert pains["statements"] == 28 and pains["distinct"] == 10
    assert pains["extends_earlier_fit"] is False and pains["new_since_earlier_fit"] == 0
    assert not any("earlier run" in line for line in result.summary_lines())


def test_models_and_umap_load_ahead_of_time_only_where_a_run_will_need_them(tmp_path):
    from insights.cluster.clustering import import_fit_libraries
    from insights.cluster.incremental import cached_clustering
    from insights.executors.local import LocalExecutor
    from insights.executors.tasks import Models, ModelSpec
    from insights.pipeline import _ahead_of_time
    from insights.spacy_pipelines import SpacyPipelines
    from insights.taxonomies import load_taxonomy

    executor = LocalExecutor(Models(ModelSpec("use-multilingual.v1", load_taxonomy("default"))))
    nlp = SpacyPipelines()
    cold = RunConfig(cache_dir=tmp_path)
    load, fit, tables = _ahead_of_time(executor, cold, nlp)
    assert fit is import_fit_libraries and tables == nlp.build_tables
    assert load.func == executor.load_models and load.keywords == {"everything": True}
    vectors = np.random.default_rng(0).normal(size=(40, 8))
    for polarity in ("negative", "positive"):  # what a first run keeps
        cached_clustering(vectors, polarity=polarity, min_cluster_size=None, seed=0,
                          cache_dir=tmp_path)  # fmt: skip
    (again,) = _ahead_of_time(executor, cold, nlp)  # a re-run extends: no fit libraries
    assert again.func == executor.load_models and again.keywords == {"everything": True}
    refit = RunConfig(cache_dir=tmp_path, refit=True)
    assert import_fit_libraries in _ahead_of_time(executor, refit, nlp)
    dask = RunConfig(cache_dir=None, executor="dask")
    assert _ahead_of_time(executor, dask, nlp) == [import_fit_libraries, nlp.build_tables], (
        "Dask workers load their own models"
    )


def test_personas_fitted_in_a_forked_process_beside_the_proposals_are_the_same(
    run, tmp_path, monkeypatch
):
    import os

    import insights.pipeline as pipeline
    from insights.forking import can_fork

    fitted_in = tmp_path / "pids"
    real_groups = pipeline._PersonaInputs.groups

    def groups(self):
        with fitted_in.open("a") as f:  # a forked child's lists never reach the test
            f.write(f"{os.getpid()}\n")
        return real_groups(self)

    monkeypatch.setattr(pipeline._PersonaInputs, "groups", groups)
    monkeypatch.setattr(pipeline, "_aside", lambda units, clusterings: True)
    options = IngestOptions(text_cols=("answer",), id_col="id")
    aside = run_pipeline([_answers(tmp_path / "in")], tmp_path / "out",
                         config=RunConfig(ingest=options, cache_dir=tmp_path / "c"))  # fmt: skip
    pids = fitted_in.read_text().split()
    assert len(pids) == 1 and (pids[0] != str(os.getpid())) == can_fork()
    assert aside.journey_map.personas and aside.journey_map.personas == run[0].journey_map.personas
    ours, theirs = (json.loads((o / "map.json").read_text()) for o in (tmp_path / "out", run[1]))
    assert ours["personas"] == theirs["personas"]


def test_personas_go_aside_only_when_many_respondents_extend_earlier_clusters(monkeypatch):
    import insights.pipeline as pipeline
    from insights.cluster.clustering import ClusterParams, ClusterResult

    def clustering(extended: bool) -> ClusterResult:
        labels = np.array([0, 0, 1])
        params = ClusterParams(min_cluster_size=2, min_samples=1, selection="eom",
                               reducer="umap", n_components=5, n_neighbors=15,
                               reassign_quantile=None, seed=0, n_distinct=3, n_fit=3,
                               extended=extended)  # fmt: skip
        return ClusterResult(labels, np.ones(3), np.zeros(3, dtype=bool), params)

    units = pd.DataFrame({"role": ["respondent"] * 4 + ["interviewer"],
                          "respondent_id": ["a", "b", "b", "c", "i"]})  # fmt: skip
    monkeypatch.setattr(pipeline, "PERSONAS_ASIDE_FROM", 3)
    grown = {ProposalKind.PAIN: clustering(False), ProposalKind.DELIGHT: clustering(True)}
    assert pipeline._aside(units, grown)
    fresh = {kind: clustering(False) for kind in grown}
    assert not pipeline._aside(units, fresh), "a search for k competes with the parsing"
    assert not pipeline._aside(units, {}), "nothing clustered"
    monkeypatch.setattr(pipeline, "PERSONAS_ASIDE_FROM", 4)
    assert not pipeline._aside(units, grown), "three respondents (interviewers left out)"


def test_a_grown_rerun_parses_its_new_statements_ahead_with_the_same_results(tmp_path, monkeypatch):
    import shutil
    from contextlib import nullcontext

    import insights.pipeline as pipeline
    from insights.forking import can_fork

    folder = _answers(tmp_path / "in")
    options = IngestOptions(text_cols=("answer",), id_col="id")
    config = RunConfig(ingest=options, cache_dir=tmp_path / "ahead")
    run_pipeline([folder], tmp_path / "first", config=config)  # a first run: nothing ahead
    assert not (tmp_path / "parsed").exists()
    shutil.copytree(tmp_path / "ahead", tmp_path / "plain")
    new = ["The app crashed twice while I was paying for my order.",
           "Le remboursement a pris trois semaines, c'est inacceptable."]  # fmt: skip
    rows = pd.read_csv(folder / "answers.csv", dtype=str).to_dict("records")
    rows += [{"id": f"n{i}", "answer": t} for i, t in enumerate(new)]
    pd.DataFrame(rows).to_csv(folder / "answers.csv", index=False)
    parse = pipeline.parse_statements_ahead

    def recorded(texts, langs, **kwargs):  # in the child; it may be stopped before parsing
        (tmp_path / "parsed").write_text(json.dumps([os.getpid(), texts, langs]))
        return parse(texts, langs, **kwargs)

    monkeypatch.setattr(pipeline, "parse_statements_ahead", recorded)
    run_pipeline([folder], tmp_path / "out_ahead", config=config)
    if can_fork():
        pid, texts, langs = json.loads((tmp_path / "parsed").read_text())
        assert pid != os.getpid(), "aside"
        assert texts == new and langs == ["en", "fr"], "the new statements only"
    monkeypatch.setattr(pipeline, "_phrases_ahead", lambda *args: nullcontext())
    plain = RunConfig(ingest=options, cache_dir=tmp_path / "plain")
    run_pipeline([folder], tmp_path / "out_plain", config=plain)
    for name in ("map.json", "units.csv", "respondents.csv"):
        ahead = (tmp_path / "out_ahead" / name).read_bytes()
        assert ahead == (tmp_path / "out_plain" / name).read_bytes(), name


def test_outputs_are_written_half_by_a_forked_child_and_none_appear_if_it_fails(
    run, tmp_path, monkeypatch
):
    import insights.pipeline as pipeline
    from insights.forking import can_fork

    options = IngestOptions(text_cols=("answer",), id_col="id")
    config = RunConfig(ingest=options, cache_dir=tmp_path / "c")
    folder = _answers(tmp_path / "in")
    writers = tmp_path / "pids"
    real_json = pipeline.write_json

    def write_json(path, data):
        with writers.open("a") as f:  # a forked child's lists never reach the test
            f.write(f"{os.getpid()}\n")
        real_json(path, data)

    monkeypatch.setattr(pipeline, "write_json", write_json)
    run_pipeline([folder], tmp_path / "out", config=config)
    (pid,) = writers.read_text().split()
    assert (pid != str(os.getpid())) == can_fork()
    for name in ("units.csv", "respondents.csv", "embeddings.npz"):
        assert (tmp_path / "out" / name).read_bytes() == (run[1] / name).read_bytes(), name
    ours, theirs = (json.loads((o / "map.json").read_text()) for o in (tmp_path / "out", run[1]))
    assert ours["pain_points"] == theirs["pain_points"] and ours["stages"] == theirs["stages"]

    def broken(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "write_json", broken)
    with pytest.raises(OSError, match="No space left"):
        run_pipeline([folder], tmp_path / "out2", config=config)
    assert not any((tmp_path / "out2").iterdir()), "no output at all, not half of it"


def test_a_first_fit_parses_key_phrases_first_then_fits_personas_beside_the_proposals(
    run, tmp_path, monkeypatch
):
    import insights.cluster.keyphrases as keyphrases
    import insights.pipeline as pipeline
    from insights.forking import can_fork

    parsed_in: list[str] = []
    real_parse = keyphrases._parse

    def parse(*args, **kwargs):
        parsed_in.append("propose" if inside_proposals else "first")
        return real_parse(*args, **kwargs)

    inside_proposals = False
    real_propose = pipeline.propose

    def propose(*args, **kwargs):
        nonlocal inside_proposals
        inside_proposals = True
        return real_propose(*args, **kwargs)

    monkeypatch.setattr(keyphrases, "_parse", parse)
    monkeypatch.setattr(pipeline, "propose", propose)
    monkeypatch.setattr(pipeline, "PERSONAS_ASIDE_FROM", 3)
    options = IngestOptions(text_cols=("answer",), id_col="id")
    first = run_pipeline([_answers(tmp_path / "in")], tmp_path / "out",
                         config=RunConfig(ingest=options, cache_dir=tmp_path / "c"))  # fmt: skip
    expected = {"first"} if can_fork() else {"propose"}  # one after the other without fork
    assert parsed_in and set(parsed_in) == expected, "propose found every phrase parsed"
    assert first.journey_map.personas == run[0].journey_map.personas
    ours, theirs = (json.loads((o / "map.json").read_text()) for o in (tmp_path / "out", run[1]))
    for key in ("pain_points", "delights", "personas"):
        assert ours[key] == theirs[key], key
