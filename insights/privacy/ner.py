"""Load spaCy's NER component alone, and run it on a pipeline loaded elsewhere.

The small en / fr pipelines give NER its own token-to-vector layer, so the other
components (tagger, parser, lemmatizer…) are excluded at load time. A pipeline
whose NER listens to a shared tok2vec keeps that tok2vec.
"""

from __future__ import annotations

from typing import Any

from insights.spacy_pipelines import PACKAGES, idle_components, import_spacy, load_installed

__all__ = ["PIPELINES", "idle_pipes", "load_ner"]

PIPELINES = PACKAGES


def load_ner(lang: str) -> Any:
    """Load the NER-only spaCy pipeline for `lang` ("fr"; English for any other).

    Raises:
        OSError: no pipeline for the language is installed.
    """
    names = PIPELINES["fr"] if lang == "fr" else PIPELINES["en"]
    nlp = load_installed(names, _exclude)
    if nlp is not None:
        if "tok2vec" in nlp.pipe_names and "ner" not in _listeners(nlp):
            nlp.remove_pipe("tok2vec")
        return nlp
    raise OSError(f"no spaCy pipeline among {', '.join(names)}; pip install {names[-1]}")


def idle_pipes(nlp: Any) -> list[str]:
    """Components of `nlp` that NER does not need (to disable while running it)."""
    return idle_components(nlp, {"ner"})


def _exclude(name: str) -> list[str]:
    """Every component of the installed package `name` but NER and its tok2vec."""
    spacy = import_spacy()

    meta = spacy.util.get_model_meta(spacy.util.get_package_path(name))
    return [p for p in meta.get("components", []) if p not in ("ner", "tok2vec")]


def _listeners(nlp: Any) -> list[str]:
    if "tok2vec" not in nlp.pipe_names:
        return []
    return list(getattr(nlp.get_pipe("tok2vec"), "listening_components", []))
