"""Shared fixtures: real models load once per session; tiny data only."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def splitter():
    from insights.ingest.sentences import SentenceSplitter

    return SentenceSplitter()


@pytest.fixture(scope="session")
def detector():
    from insights.ingest.language import LanguageDetector

    return LanguageDetector()


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """A full `insights run` of corpora/demo, once per session. Read-only: copy it to change it.

    Use `run_copy` for a writable copy.
    """
    from pathlib import Path

    from insights.pipeline import RunConfig, run_pipeline

    out = tmp_path_factory.mktemp("demo_run")
    demo = Path(__file__).resolve().parents[1] / "corpora" / "demo"
    config = RunConfig(cache_dir=tmp_path_factory.mktemp("demo_cache"))
    run_pipeline([demo], out, config=config)
    return out


@pytest.fixture
def run_copy(demo_run, tmp_path):
    """A writable copy of the demo run folder."""
    import shutil

    target = tmp_path / "run"
    shutil.copytree(demo_run, target)
    return target
