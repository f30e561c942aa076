from __future__ import annotations

import json
import shutil
import socket
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from insights.cli import app
from insights.errors import UsageError
from insights.executors import check_executor_options, open_executor
from insights.executors.tasks import Models, ModelSpec, plan_embedding
from insights.ingest import IngestOptions
from insights.pipeline import RunConfig, run_pipeline
from insights.taxonomies import load_taxonomy

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
ANSWERS = [
    "The delivery was two weeks late and nobody told me why.",
    "My parcel arrived ten days late, with no update at all.",
    "La livraison a pris trois semaines, c'est inadmissible.",
    "The refund took six weeks, I had to chase them every week.",
    "Still waiting for my refund after a month.",
    "Le remboursement n'arrive jamais.",
    "The app crashes every time I try to pair the battery.",
    "L'application plante quand je connecte la batterie.",
    "The mechanic in the store was incredibly helpful and kind.",
    "Le mécanicien en magasin a été super sympa et efficace.",
    "I love riding this bike every morning, it's a joy.",
    "Great ride quality, the bike feels solid and smooth.",
]
BATCH = "16"  # small partitions, so several tasks per step and texts repeat across them


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    rows = [{"id": f"r{i}", "answer": t} for i, t in enumerate(ANSWERS * 3)]
    pd.DataFrame(rows).to_csv(folder / "answers.csv", index=False)
    for name in ("interview_en.txt", "entretien_fr.txt", "support.srt"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def local_out(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    config = RunConfig(
        ingest=IngestOptions(text_cols=("answer",), id_col="id"),
        cache_dir=tmp_path_factory.mktemp("local_cache"),
        batch_size=int(BATCH),
    )
    run_pipeline([corpus], out, config=config)
    return out


@pytest.fixture(scope="module")
def dask_cli(corpus, tmp_path_factory):
    """`insights run --executor dask` on 2 local worker processes, with --profile."""
    out = tmp_path_factory.mktemp("dask")
    cache = tmp_path_factory.mktemp("dask_cache")
    args = ["run", str(corpus), "--out", str(out), "--text-col", "answer", "--id-col", "id"]
    args += ["--cache-dir", str(cache), "--batch-size", BATCH]
    args += ["--executor", "dask", "--workers", "2", "--profile"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return out, result.output


def _map(folder: Path) -> dict:
    return json.loads((folder / "map.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_dask_writes_the_same_units_and_vectors_as_local(local_out, dask_cli):
    dask_out, _ = dask_cli
    for name in ("units.csv", "respondents.csv"):
        assert (dask_out / name).read_bytes() == (local_out / name).read_bytes(), name
    local, dask = np.load(local_out / "embeddings.npz"), np.load(dask_out / "embeddings.npz")
    assert dask["unit_id"].tolist() == local["unit_id"].tolist()
    assert np.array_equal(dask["vector"], local["vector"])
    units = pd.read_csv(local_out / "units.csv", dtype=str)
    assert len(units) > 3 * int(BATCH), "the corpus spans several partitions"


@pytest.mark.slow
def test_dask_builds_the_same_map_as_local(local_out, dask_cli):
    local, dask = _map(local_out), _map(dask_cli[0])
    assert local["run"]["params"].pop("executor") == "local"
    assert dask["run"]["params"].pop("executor") == "dask"
    for kind in ("pain_points", "delights", "personas"):
        members = [(p["id"], sorted(q["unit_id"] for q in p["quotes"])) for p in local[kind]]
        assert members == [
            (p["id"], sorted(q["unit_id"] for q in p["quotes"])) for p in dask[kind]
        ], kind
    assert local["pain_points"], "the corpus yields proposals to compare"
    assert dask == local


@pytest.mark.slow
def test_profile_prints_seconds_per_step(dask_cli):
    _, output = dask_cli
    lines = output[output.index("profile (seconds per step):") :].splitlines()
    steps = {line.rsplit(None, 2)[0].strip(): float(line.split()[-2]) for line in lines[1:]}
    for step in ("Starting workers", "Reading files", "Embedding statements", "Clustering"):
        assert step in steps, lines
    assert steps["total"] == pytest.approx(sum(v for k, v in steps.items() if k != "total"), 0.01)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_scheduler_is_one_line_exit_1(corpus, tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"
    args = ["run", str(corpus), "--out", str(tmp_path / "out"), "--executor", "dask"]
    result = CliRunner().invoke(app, [*args, "--scheduler", address])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and address in errors[0] and "dask scheduler" in errors[0], errors
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_missing_dask_names_the_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "insights.executors.dask_cluster", raising=False)
    models = Models(ModelSpec("use-multilingual.v1", load_taxonomy("default")))
    with pytest.raises(UsageError, match=r"pip install 'insights\[dask\]'"):
        with open_executor("dask", models):
            pass


@pytest.mark.parametrize(
    ("executor", "scheduler", "workers", "message"),
    [
        ("spark", None, None, "unknown"),
        ("local", "tcp://h:8786", None, "need --executor dask"),
        ("local", None, 2, "need --executor dask"),
        ("dask", "tcp://h:8786", 2, "drop it"),
        ("dask", None, 0, "at least 1"),
    ],
)
def test_executor_options_are_checked(executor, scheduler, workers, message):
    with pytest.raises(UsageError, match=message):
        check_executor_options(executor, scheduler=scheduler, workers=workers)


def test_plan_embedding_embeds_each_cleaned_text_once_in_order():
    texts = ["b", "a", "@shop b", "c", "a", "d"]
    plan = plan_embedding(texts, batch_size=2)
    assert plan.batches == [["b", "a"], ["c", "d"]]
    vectors = [np.array([[1.0], [2.0]]), np.array([[3.0], [4.0]])]
    assert plan.assemble(vectors, 1)[:, 0].tolist() == [1.0, 2.0, 1.0, 3.0, 2.0, 4.0]


def test_loading_models_warms_the_sentiment_head_without_a_language_model(tmp_path):
    from insights.analysis.sentiment_head import HeadSentiment

    models = Models(ModelSpec("use-multilingual.v1", load_taxonomy("default"), cache_dir=tmp_path))
    models.load()
    head = models.analyzer.sentiment
    assert isinstance(head, HeadSentiment)
    assert head.english_embedder is not None and head._detector is None


def test_loading_everything_loads_the_scorer_whose_warm_up_vectors_are_cached(tmp_path):
    from insights.executors.tasks import Models, ModelSpec
    from insights.taxonomies import load_taxonomy

    spec = ModelSpec("minilm-int8.v1", load_taxonomy("default"), cache_dir=tmp_path)
    Models(spec).load()  # stores the warm-up sentence's vectors in the run cache
    lazy, eager = Models(spec), Models(spec)
    lazy.load()
    eager.load(everything=True)
    scorers = [m.analyzer.scorer.inner for m in (lazy, eager)]
    assert scorers[0]._model._backend is None, "read from the cache: USE not loaded"
    assert scorers[1]._model._backend is not None
