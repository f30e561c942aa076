"""The journey-map model: what map.json holds, typed and validated (pydantic).

Every model forbids unknown fields, so a map that validates here validates
against the published JSON Schema (`insights schema`) and vice versa.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_VERSION",
    "AttributeLift",
    "Frequency",
    "JourneyMap",
    "Label",
    "LabelOrigin",
    "MergeRecord",
    "MomentOfTruth",
    "Opportunity",
    "Persona",
    "Proposal",
    "ProposalKind",
    "Quote",
    "RunInfo",
    "Selector",
    "Source",
    "Stage",
    "Stats",
    "Status",
    "TaxonomyRef",
]

SCHEMA_VERSION = "1.1.0"
"""1.1.0 adds merge tracking (`merges`, and `new`/`first_seen`/`last_seen` on items);
1.0.0 maps still load (the new fields have defaults)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _new() -> Any:
    return Field(default=False, description="Added to this map by its latest recorded merge.")


def _first_seen() -> Any:
    return Field(default=None, description="Id of the merge (see `merges`) that added it.")


def _last_seen() -> Any:
    return Field(default=None, description="Id of the latest merge whose run held it.")


class LabelOrigin(str, Enum):
    """Who wrote a label."""

    MODEL = "model"
    HUMAN = "human"


class Status(str, Enum):
    """Review status of a proposal."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ProposalKind(str, Enum):
    """Pain point or delight."""

    PAIN = "pain_point"
    DELIGHT = "delight"


class Label(_Model):
    """A piece of text a model proposed or a person wrote."""

    text: str
    origin: LabelOrigin = LabelOrigin.MODEL
    confidence: float | None = Field(default=None, ge=0, le=1)
    checked: bool = Field(default=False, description="A person has checked this label.")


class Selector(_Model):
    """Where a quote sits in its source, as W3C Web Annotation selectors do.

    `start`/`end` are character offsets in the decoded source text (for a table
    cell or JSON field: in that field, named by the quote's locator);
    `exact`/`prefix`/`suffix` make a TextQuoteSelector.
    """

    exact: str
    prefix: str
    suffix: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Quote(_Model):
    """A customer's own words, with provenance."""

    unit_id: str
    text: str
    source: str
    source_sha256: str
    respondent_id: str
    locator: str
    lang: str
    sentiment_score: float | None = None
    selector: Selector
    representative: bool = True


class Frequency(_Model):
    """How often a proposal occurs."""

    units: int = Field(ge=0)
    respondents: int = Field(ge=0)
    share_of_respondents: float = Field(ge=0, le=1)


class Proposal(_Model):
    """A candidate pain point or delight: a cluster of statements with evidence."""

    id: str
    kind: ProposalKind
    status: Status = Status.PROPOSED
    label: Label
    summary: Label
    key_phrases: list[str]
    stage: str | None
    stage_distribution: dict[str, float]
    touchpoints: dict[str, float]
    emotions: dict[str, float]
    frequency: Frequency
    mean_sentiment: float = Field(ge=-1, le=1)
    severity: float = Field(ge=0, description="See README: share × intensity, documented.")
    quotes: list[Quote]
    unit_ids: list[str]
    new: bool = _new()
    first_seen: str | None = _first_seen()
    last_seen: str | None = _last_seen()


class Stage(_Model):
    """One stage of the journey with its point on the emotion curve."""

    id: str
    label: dict[str, str]
    units: int = Field(ge=0)
    respondents: int = Field(ge=0)
    mean_sentiment: float | None = Field(default=None, ge=-1, le=1)
    ci_low: float | None = None
    ci_high: float | None = None
    sentiment_counts: dict[str, int]
    touchpoints: dict[str, int]
    emotions: dict[str, int]
    by_persona: dict[str, float | None] = Field(default_factory=dict)


class MomentOfTruth(_Model):
    """A significant peak or trough of the emotion curve."""

    id: str
    kind: str = Field(pattern="^(peak|trough)$")
    stage: str
    proposal_id: str | None = None
    mean_sentiment: float = Field(ge=-1, le=1)
    difference: float = Field(description="Stage mean minus the mean of all other units.")
    p_value: float = Field(ge=0, le=1)
    quotes: list[Quote]
    new: bool = _new()
    first_seen: str | None = _first_seen()
    last_seen: str | None = _last_seen()


class AttributeLift(_Model):
    """An attribute value over-represented in a persona."""

    attribute: str
    value: str
    share: float = Field(ge=0, le=1)
    lift: float = Field(ge=0)


class Persona(_Model):
    """A data-driven group of respondents."""

    id: str
    status: Status = Status.PROPOSED
    name: Label
    size: int = Field(ge=0)
    share: float = Field(ge=0, le=1)
    traits: list[str]
    attribute_lifts: list[AttributeLift]
    top_pains: list[str]
    goals: list[str]
    mean_sentiment: float | None = Field(default=None, ge=-1, le=1)
    quotes: list[Quote]
    respondent_ids: list[str]
    new: bool = _new()
    first_seen: str | None = _first_seen()
    last_seen: str | None = _last_seen()


class Opportunity(_Model):
    """An opportunity a researcher added during review."""

    id: str
    text: Label
    stage: str | None = None
    proposal_ids: list[str] = Field(default_factory=list)
    new: bool = _new()
    first_seen: str | None = _first_seen()
    last_seen: str | None = _last_seen()


class Source(_Model):
    """A file that was read."""

    source: str
    path: str
    kind: str
    sha256: str
    records: int
    units: int
    respondents: int
    skipped_records: int
    notes: dict[str, object]


class TaxonomyRef(_Model):
    """The taxonomy the run used."""

    id: str
    name: str
    version: str
    stages: list[dict[str, object]]
    touchpoints: list[dict[str, object]]
    emotions: list[str]


class RunInfo(_Model):
    """How the map was made: parameters, models and seed."""

    params: dict[str, object]
    models: dict[str, str]


class Stats(_Model):
    """Counts over the whole run."""

    units: int
    units_analysed: int
    respondents: int
    languages: dict[str, int]
    unclustered_negative: int = 0
    unclustered_positive: int = 0


class MergeRecord(_Model):
    """A run folded into this map by `insights merge`."""

    id: str = Field(description="Fingerprint of the run's map (hash of its content, no clock).")
    sources: list[str]
    units: int = Field(ge=0)
    respondents: int = Field(ge=0)


class JourneyMap(_Model):
    """A journey map's raw material, as map.json."""

    schema_version: str = SCHEMA_VERSION
    generated_by: str
    run: RunInfo
    taxonomy: TaxonomyRef
    sources: list[Source]
    stats: Stats
    stages: list[Stage]
    pain_points: list[Proposal]
    delights: list[Proposal]
    moments_of_truth: list[MomentOfTruth]
    personas: list[Persona]
    opportunities: list[Opportunity] = Field(default_factory=list)
    merges: list[MergeRecord] = Field(
        default_factory=list, description="Runs merged into this map, oldest first."
    )
