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
