"""Typed journey taxonomy: stages, touchpoints and emotions with en/fr texts.

A taxonomy crosses disk and user input, so it is a pydantic model with
``extra="forbid"``; instances are frozen. Texts are keyed by a two-letter
language code (``en``, ``fr``, …); a label needs at least one language.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

__all__ = ["DIMENSIONS", "NONE_LABEL", "Dimension", "Label", "Taxonomy"]

NONE_LABEL = "none"
"""The id a classifier gives when no label fits; reserved, no label may use it."""

Dimension = Literal["stages", "touchpoints", "emotions"]
DIMENSIONS: tuple[Dimension, ...] = ("stages", "touchpoints", "emotions")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Label(BaseModel):
    """One stage, touchpoint or emotion.

    Attributes:
        id: Stable slug stored in outputs (``purchase``, ``word-of-mouth``).
        label: Display name per language, e.g. ``{"en": "Purchase", "fr": "Achat"}``.
        description: What belongs under this label, per language.
        examples: Statements a customer could make, per language; the zero-shot
            classifier compares every statement with these.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    label: dict[Lang, Text] = Field(min_length=1)
    description: dict[Lang, Text] = Field(default_factory=dict)
    examples: dict[Lang, tuple[Text, ...]] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value == NONE_LABEL:
            raise ValueError(f"{NONE_LABEL!r} is reserved for 'no label fits'; choose another id")
        return value

    def text(self, lang: str = "en") -> str:
        """Display name in `lang`, falling back to English, then to any language."""
        for key in (lang, "en"):
            if key in self.label:
                return self.label[key]
        return next(iter(self.label.values()))

    def prototype_texts(self) -> list[str]:
        """Every text describing this label, all languages: names, descriptions, examples."""
        texts = list(self.label.values()) + list(self.description.values())
        for phrases in self.examples.values():
            texts.extend(phrases)
        return texts


class Taxonomy(BaseModel):
    """A journey taxonomy: ordered stages plus touchpoints and emotions.

    Attributes:
        id: Slug of the taxonomy (``default``, ``saas``, ``my-bank``).
        name: Human-readable name.
        version: Free-form version string (numbers are accepted and kept as text).
        stages: Journey stages in journey order (at least one).
        touchpoints: Channels where the customer meets the organisation.
        emotions: What the customer feels.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: Text
    version: Text = "1"
    stages: tuple[Label, ...] = Field(min_length=1)
    touchpoints: tuple[Label, ...] = Field(min_length=1)
    emotions: tuple[Label, ...] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("stages", "touchpoints", "emotions")
    @classmethod
    def _unique_ids(cls, labels: tuple[Label, ...], info: ValidationInfo) -> tuple[Label, ...]:
        first: dict[str, int] = {}
        for index, item in enumerate(labels):
            if item.id in first:
                name = info.field_name
                raise ValueError(
                    f"duplicate id {item.id!r} ({name}[{first[item.id]}] and {name}[{index}]); "
                    "ids must be unique"
                )
            first[item.id] = index
        return labels

    def labels(self, dimension: Dimension) -> tuple[Label, ...]:
        """The labels of one dimension (``stages``, ``touchpoints`` or ``emotions``)."""
        return tuple(getattr(self, dimension))

    def ids(self, dimension: Dimension) -> list[str]:
        """The label ids of one dimension, in order."""
        return [item.id for item in self.labels(dimension)]
