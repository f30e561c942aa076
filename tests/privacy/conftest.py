"""Privacy fixtures: the NER-only spaCy pipelines load once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def ner_pipelines():
    from insights.privacy.ner import load_ner

    return {"en": load_ner("en"), "fr": load_ner("fr")}


@pytest.fixture
def make_redactor(ner_pipelines):
    """A fresh Redactor (fresh numbering) sharing the session's loaded pipelines."""
    from insights.privacy import Redactor

    def make(**options):
        return Redactor(pipelines=ner_pipelines, **options)

    return make
