from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from insights.spacy_pipelines import SpacyPipelines, idle_components


@pytest.fixture(scope="module")
def shared() -> SpacyPipelines:
    return SpacyPipelines()


def test_membership_and_model_id_load_nothing() -> None:
    nlp = SpacyPipelines()
    assert "en" in nlp and "fr" in nlp and "de" not in nlp
    assert nlp.model_id("fr").startswith("fr:fr_core_news_sm-")
    assert nlp._loaded == {}
    with pytest.raises(KeyError):
        nlp["de"]


def test_each_user_runs_only_the_components_it_needs(shared: SpacyPipelines) -> None:
    text = "Sophie Martin called on Monday. The refund never came, so I complained!"
    nlp = shared["en"]
    (senter,) = nlp.pipe([text], disable=idle_components(nlp, {"senter"}))
    assert [s.text for s in senter.sents] == [
        "Sophie Martin called on Monday.",
        "The refund never came, so I complained!",
    ]
    assert senter.ents == () and not senter.has_annotation("DEP")
    (ner,) = nlp.pipe([text], disable=idle_components(nlp, {"ner"}))
    assert "Sophie Martin" in [e.text for e in ner.ents]
    assert not ner.has_annotation("TAG")
    assert "senter" in nlp.pipe_names, "the shared pipeline can split sentences"
    assert idle_components(nlp, {"tagger"}) == [
        p for p in nlp.pipe_names if p not in ("tok2vec", "tagger")
    ], "a component listening to tok2vec keeps it"


def test_a_run_loads_each_language_once(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    from insights.ingest import IngestOptions
    from insights.pipeline import RunConfig, run_pipeline

    loads: list[str] = []
    real = spacy.load

    def counting(name: str, *args: object, **kwargs: object):
        nlp = real(name, *args, **kwargs)  # a package that is not installed raises: not counted
        loads.append(nlp.lang)
        return nlp

    monkeypatch.setattr(spacy, "load", counting)
    folder = tmp_path / "in"
    folder.mkdir()
    said = [
        "The delivery was late. Nobody told Sophie Martin why, it was awful.",
        "La livraison a pris trois semaines. C'est inadmissible, vraiment nul.",
        "The app crashes every time I pair the battery, so annoying.",
        "L'application plante quand je connecte la batterie, quelle galère.",
    ] * 3
    rows = [{"id": f"r{i}", "answer": t} for i, t in enumerate(said)]
    pd.DataFrame(rows).to_csv(folder / "answers.csv", index=False)
    config = RunConfig(ingest=IngestOptions(text_cols=("answer",), id_col="id"), cache_dir=None)
    run_pipeline([folder], tmp_path / "out", config=config)
    assert sorted(loads) == ["en", "fr"], "splitter, NER and key phrases share one load each"


def test_large_batches_give_the_same_results_in_forked_workers(
    shared: SpacyPipelines, monkeypatch: pytest.MonkeyPatch
) -> None:
    import insights.spacy_pipelines as module
    from insights.spacy_pipelines import PARALLEL_FROM, extract_all

    said = ["Sophie Martin from Lyon called Delta twice.", "The refund never came."]
    texts = [f"{said[i % 2]} Case {i}." for i in range(PARALLEL_FROM)]
    nlp = shared["en"]
    idle = idle_components(nlp, {"ner"})

    def spans(doc: object) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # type: ignore[attr-defined]

    forked = extract_all(nlp, texts, spans, disable=idle, batch_size=256)
    monkeypatch.setattr(module, "can_fork", lambda: False)
    assert forked == extract_all(nlp, texts, spans, disable=idle, batch_size=256)
    assert (0, 13, "PERSON") in forked[0] and len(forked) == PARALLEL_FROM


def test_this_process_runs_the_waiting_tasks_while_forked_workers_parse(
    shared: SpacyPipelines,
) -> None:
    import os

    from insights.forking import can_fork, while_waiting
    from insights.spacy_pipelines import PARALLEL_FROM, extract_all

    nlp = shared["en"]
    idle = idle_components(nlp, {"ner"})
    pids: list[int] = []

    def worker_pid(doc: object) -> int:
        return os.getpid()

    with while_waiting(lambda: pids.append(os.getpid())):
        small = extract_all(nlp, ["Call Anna."] * 3, worker_pid, disable=idle, batch_size=64)
        assert pids == [] and set(small) == {os.getpid()}, "no workers, no wait, no task"
        texts = ["Call Anna."] * PARALLEL_FROM
        parsed = extract_all(nlp, texts, worker_pid, disable=idle, batch_size=64)
    assert pids == [os.getpid()]
    assert (os.getpid() not in parsed) is can_fork()


def test_french_token_match_is_compiled_as_without_the_memo(shared: SpacyPipelines) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    shared["fr"]  # loads (and imports spaCy's French exceptions) inside fast_compile
    from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH

    compiled = TOKEN_MATCH.__self__
    assert compiled == _compiler.compile(compiled.pattern, compiled.flags)


_BLOCKED_STDOUT = """
import sys, threading
from insights.spacy_pipelines import PARALLEL_FROM, SpacyPipelines, extract_all

class Blocked:  # a console whose lock another thread held at the fork
    lock = threading.Lock()
    def write(self, text):
        with self.lock:
            return len(text)
    def flush(self):
        pass

nlp = SpacyPipelines()["en"]
Blocked.lock.acquire()
real, sys.stdout = sys.stdout, Blocked()
found = extract_all(nlp, ["Call Anna."] * PARALLEL_FROM, lambda doc: print(len(doc)) or len(doc),
                    disable=[], batch_size=64)
sys.stdout = real
print("done", len(found))
"""


def test_forked_workers_write_to_the_real_stdout_not_a_locked_console() -> None:
    import subprocess
    import sys

    from insights.forking import can_fork
    from insights.spacy_pipelines import PARALLEL_FROM

    if not can_fork():
        pytest.skip("no forked workers on this platform")
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKED_STDOUT], capture_output=True, text=True, timeout=180
    )
    assert done.stdout.strip().endswith(f"done {PARALLEL_FROM}"), done.stderr[-2000:]


_FRESH_IMPORT = """
import sys
from insights.spacy_pipelines import import_spacy, load_installed, PACKAGES
spacy = import_spacy()
print(sorted(m for m in ("torch", "weasel", "httpx", "spacy.cli") if m in sys.modules))
print(load_installed(PACKAGES["fr"]).pipe_names[-1])
print(sorted(spacy.info(markdown=False, silent=True))[:2])
import spacy.cli
from spacy.cli import download
print(spacy.cli.__file__.endswith("__init__.py"), callable(download), "torch" in sys.modules)
import torch
print(torch.tensor([1, 2]).sum().item())
"""


def test_spacy_imports_without_torch_or_its_command_line_and_both_import_later() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _FRESH_IMPORT], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "ner", "['location', 'pipelines']", "True True False", "3"]


def test_registries_select_the_same_entry_points_once_per_group_while_loading() -> None:
    import catalogue

    from insights.spacy_pipelines import _entry_points_by_group

    snapshot = catalogue.AVAILABLE_ENTRY_POINTS
    groups = ["spacy_factories", "spacy_languages", "srsly_msgpack_decoders", "no_such_group"]
    with _entry_points_by_group():
        memo = catalogue.AVAILABLE_ENTRY_POINTS
        assert memo is not snapshot
        for group in groups:
            first = memo.select(group=group)
            assert memo.select(group=group) is first  # selected once
            assert list(first) == list(snapshot.select(group=group))
    assert catalogue.AVAILABLE_ENTRY_POINTS is snapshot
    with pytest.raises(KeyError), _entry_points_by_group():
        raise KeyError  # restored on the way out of a failed load too
    assert catalogue.AVAILABLE_ENTRY_POINTS is snapshot
