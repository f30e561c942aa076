from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from insights.errors import TaxonomyError
from insights.taxonomies import (
    load_taxonomy,
    none_examples,
    parse_taxonomy,
    preset_names,
)

EMOTIONS = [
    "frustration",
    "anger",
    "anxiety",
    "confusion",
    "disappointment",
    "satisfaction",
    "delight",
    "trust",
    "neutral",
]
PRESET_STAGES = {
    "default": [
        "awareness",
        "consideration",
        "purchase",
        "onboarding",
        "usage",
        "support",
        "retention",
        "advocacy",
    ],
    "ecommerce": ["discovery", "research", "cart", "payment", "delivery", "use", "repeat-purchase"],
    "saas": ["awareness", "research", "trial", "onboarding", "adoption", "expansion", "renewal"],
    "five-stage": ["awareness", "consideration", "decision", "retention", "advocacy"],
}
HINT = "see insights/taxonomies/default.yaml for the format"

MINIMAL = """\
id: my-bank
name: My bank
version: 2
stages:
  - id: open-account
    label: {en: Open an account}
    examples:
      en: [I opened my account online.]
  - id: daily-banking
    label: {en: Daily banking}
"""


def write(tmp_path: Path, text: str, name: str = "my.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_preset_names_are_the_four_presets():
    assert preset_names() == ["default", "ecommerce", "five-stage", "saas"]


@pytest.mark.parametrize("name", sorted(PRESET_STAGES))
def test_preset_loads_with_its_stages_in_order(name):
    taxonomy = load_taxonomy(name)
    assert taxonomy.id == name
    assert taxonomy.ids("stages") == PRESET_STAGES[name]
    assert taxonomy.ids("emotions") == EMOTIONS
    assert {"web", "app", "email", "phone", "store", "social", "chat", "reviews"} <= set(
        taxonomy.ids("touchpoints")
    )
    assert {"delivery", "billing", "staff", "word-of-mouth"} <= set(taxonomy.ids("touchpoints"))


@pytest.mark.parametrize("name", sorted(PRESET_STAGES))
def test_every_preset_label_has_english_and_french_texts(name):
    taxonomy = load_taxonomy(name)
    for dimension in ("stages", "touchpoints", "emotions"):
        for label in taxonomy.labels(dimension):
            assert set(label.label) == {"en", "fr"}, label.id
            assert set(label.description) == {"en", "fr"}, label.id
            for lang in ("en", "fr"):
                assert len(label.examples[lang]) >= 8, (label.id, lang)
                assert len(set(label.examples[lang])) == len(label.examples[lang]), label.id


def test_five_stage_french_labels():
    taxonomy = load_taxonomy("five-stage")
    assert [s.text("fr") for s in taxonomy.stages] == [
        "Conscience",
        "Considération",
        "Décision",
        "Rétention",
        "Ambassadeur",
    ]


def test_none_examples_cover_both_languages():
    texts = none_examples()
    assert "ok" in texts
    assert "Merci." in texts
    assert len(texts) >= 40


def test_shipped_yaml_reads_the_same_with_libyaml_as_with_pure_python():
    import yaml

    from insights.taxonomies import _shipped

    folder = Path(__file__).parents[2] / "insights" / "taxonomies"
    files = sorted(folder.glob("*.yaml"))
    assert len(files) == 7
    for path in files:
        assert _shipped(path.name) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_user_taxonomy_minimal_gets_shared_touchpoints_and_emotions(tmp_path):
    taxonomy = load_taxonomy(write(tmp_path, MINIMAL))
    assert taxonomy.ids("stages") == ["open-account", "daily-banking"]
    assert taxonomy.version == "2"
    assert taxonomy.touchpoints == load_taxonomy("default").touchpoints
    assert taxonomy.ids("emotions") == EMOTIONS
    assert taxonomy.stages[1].examples == {}
    assert taxonomy.stages[0].text("fr") == "Open an account"  # falls back to English


def test_user_taxonomy_french_only_and_own_touchpoints(tmp_path):
    text = """\
id: banque
name: Ma banque
stages:
  - id: ouverture
    label: {fr: Ouverture de compte}
    description: {fr: Ouvrir un compte.}
    examples: {fr: [J'ai ouvert mon compte en ligne.]}
touchpoints:
  - id: agence
    label: {fr: Agence}
"""
    taxonomy = load_taxonomy(str(write(tmp_path, text)))
    assert taxonomy.stages[0].text("en") == "Ouverture de compte"
    assert taxonomy.ids("touchpoints") == ["agence"]
    assert taxonomy.stages[0].prototype_texts() == [
        "Ouverture de compte",
        "Ouvrir un compte.",
        "J'ai ouvert mon compte en ligne.",
    ]


def test_taxonomy_is_frozen():
    taxonomy = load_taxonomy("default")
    with pytest.raises(pydantic.ValidationError):
        taxonomy.name = "other"  # type: ignore[misc]


BASE = """\
id: t
name: T
stages:
  - id: a
    label: {en: A}
  - id: b
    label: {en: B}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            BASE + "  - id: c\n    description: {en: C}\n",
            "my.yaml: stages[2].label: field required",
        ),
        (BASE + "  - id: a\n    label: {en: Again}\n", "my.yaml: stages: duplicate id 'a'"),
        ("id: t\nname: T\nstages: []\n", "my.yaml: stages: must not be empty"),
        ("id: t\nname: T\n", "my.yaml: stages: field required"),
        ("id: t\nstages:\n  - id: a\n    label: {en: A}\n", "my.yaml: name: field required"),
        ("id: t\nname: T\nstages: {a: 1}\n", "my.yaml: stages: input should be a list"),
        (BASE + "  - id: c\n    label: C\n", "my.yaml: stages[2].label: input should be a mapping"),
        (
            BASE + "  - id: c\n    label: {en: C}\n    examples: {en: one}\n",
            "my.yaml: stages[2].examples.en: input should be a list",
        ),
        (BASE + "  - id: Big Stage\n    label: {en: C}\n", "my.yaml: stages[2].id: must be a slug"),
        (BASE + "  - id: none\n    label: {en: C}\n", "my.yaml: stages[2].id: 'none' is reserved"),
        (
            BASE + "  - id: c\n    label: {english: C}\n",
            "my.yaml: stages[2].label.english: language keys must be two-letter codes",
        ),
        (
            BASE + "  - id: c\n    label: {en: C}\n    colour: red\n",
            "my.yaml: stages[2].colour: unknown field (allowed: id, label, description, examples)",
        ),
        (
            BASE + "  - id: c\n    label: {en: '  '}\n",
            "my.yaml: stages[2].label.en: must not be empty",
        ),
        (BASE + "touchpoints: []\n", "my.yaml: touchpoints: must not be empty"),
        ("- id: a\n", "my.yaml: the top level must be a mapping"),
        (
            BASE + "owner: me\n",
            "my.yaml: owner: unknown field (allowed: id, name, version, stages,",
        ),
    ],
)
def test_invalid_user_taxonomy_names_file_and_field(tmp_path, text, expected):
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(write(tmp_path, text))
    message = str(info.value)
    assert message.startswith(expected)
    assert "\n" not in message


@pytest.mark.parametrize(
    "text",
    [BASE + "  - id: c\n    label: {en: C\n", "id: t\nname: T\nstages:\n- id: a\n  label: [x\n"],
)
def test_yaml_syntax_error_gives_the_line(tmp_path, text):
    with pytest.raises(TaxonomyError, match=r"^my\.yaml: line \d+, column \d+: YAML syntax error"):
        load_taxonomy(write(tmp_path, text))


def test_validation_error_points_to_the_format(tmp_path):
    with pytest.raises(TaxonomyError, match=HINT):
        load_taxonomy(write(tmp_path, "id: t\nname: T\nstages: []\n"))


def test_empty_file(tmp_path):
    with pytest.raises(TaxonomyError, match=r"^my\.yaml: the file is empty"):
        load_taxonomy(write(tmp_path, "  \n"))


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("id: t\nname: Étapes\n".encode("utf-16"))
    with pytest.raises(TaxonomyError, match=r"^latin\.yaml: not UTF-8"):
        load_taxonomy(path)


@pytest.mark.parametrize("name", ["no-such-preset", "missing/file.yaml"])
def test_unknown_preset_or_missing_file(name):
    with pytest.raises(TaxonomyError, match="not a preset .*default.* nor an existing YAML file"):
        load_taxonomy(name)


def test_parse_taxonomy_from_data():
    taxonomy = parse_taxonomy(
        {"id": "x", "name": "X", "stages": [{"id": "a", "label": {"en": "A"}}]}
    )
    assert taxonomy.ids("stages") == ["a"]
    with pytest.raises(TaxonomyError, match="^config: stages"):
        parse_taxonomy({"id": "x", "name": "X"}, source="config")
