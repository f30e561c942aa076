from __future__ import annotations

import pytest

from insights.errors import InsightsError
from insights.privacy import Redactor, TermsError, load_terms, parse_terms


def test_literal_terms_are_case_insensitive_and_whole_word():
    terms = parse_terms(["Atelier Dufresne", "# a comment", "", "Kiki"])
    text = "Chez ATELIER   dufresne, Kiki et Kikiland"
    assert [text[f.start : f.end] for f in terms.find(text)] == ["ATELIER   dufresne", "Kiki"]


def test_regex_terms_and_keep_lines(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("re:\\bVEL-\\d{6}\\b\nkeep:Urbano\n", encoding="utf-8")
    terms = load_terms(path)
    assert [f.kind.value for f in terms.find("compte VEL-123456, pas VEL-12")] == ["TERM"]
    assert terms.keeps("Urbano") and terms.keeps("mon urbano") and not terms.keeps("Sophie")


def test_bad_regex_names_file_and_line(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("Dupont\nre:VEL-(\\d{6}\n", encoding="utf-8")
    with pytest.raises(
        TermsError, match=r"terms\.txt:2: bad regular expression 'VEL-\(\\\\d\{6\}'"
    ):
        load_terms(path)
    try:
        load_terms(path)
    except InsightsError as err:
        message = str(err)
    assert "\n" not in message and "fix or remove the line" in message


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(TermsError, match="not found"):
        load_terms(tmp_path / "nope.txt")


def test_redactor_make_uses_the_terms_file(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("Projet Azur\nre:SAV-\\d{4}\n", encoding="utf-8")
    redactor = Redactor.make(terms_file=path, names=False)
    assert (
        redactor.redact("le projet azur, dossier SAV-1234") == "le [REDACTED], dossier [REDACTED]"
    )
