"""Which spaCy pipeline package a language would load, without loading it.

Cached results (sentence spans, entities, key phrases) are keyed by the pipeline
that made them; reading the installed package's name and version is enough to
look them up, so a warm run need not load spaCy models at all.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["loaded_pipeline_id", "mapping_model_id", "pipeline_id"]


def pipeline_id(candidates: Sequence[str]) -> str:
    """``name-version`` of the first installed package among `candidates`, or ``"none"``.

    That is the package `spacy.load` is tried on first.

    Example:
        >>> pipeline_id(["fr_core_news_sm"])
        'fr_core_news_sm-3.8.0'
    """
    for name in candidates:
        try:
            return f"{name}-{importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return "none"


def loaded_pipeline_id(nlp: Any) -> str:
    """``lang_name-version`` of an already loaded pipeline, from its meta."""
    meta = nlp.meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


def mapping_model_id(nlp: Mapping[str, Any], lang: str) -> str:
    """``lang:name-version`` of the pipeline `nlp[lang]`, without loading it if `nlp` can tell.

    A lazy mapping (`insights.spacy_pipelines.SpacyPipelines`) names its package
    through its ``model_id`` method; a plain dict of loaded pipelines by their meta.
    """
    model_id = getattr(nlp, "model_id", None)
    if callable(model_id):
        return str(model_id(lang))
    return f"{lang}:{loaded_pipeline_id(nlp[lang])}"
