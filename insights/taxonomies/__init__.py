"""Journey taxonomies: shipped presets and user YAML files, validated with clear errors.

Presets: ``default``, ``ecommerce``, ``saas``, ``five-stage``. A user taxonomy is a
YAML file in the same format as ``insights/taxonomies/default.yaml``; it may omit
``touchpoints`` and ``emotions`` (the shared lists then apply) and may give texts in
English only, French only, or both.

Example:
    >>> taxonomy = load_taxonomy("default")
    >>> taxonomy.ids("stages")[:3]
    ['awareness', 'consideration', 'purchase']
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from insights.errors import TaxonomyError
from insights.taxonomies.model import DIMENSIONS, NONE_LABEL, Dimension, Label, Taxonomy

__all__ = [
    "DIMENSIONS",
    "NONE_LABEL",
    "Dimension",
    "Label",
    "Taxonomy",
    "load_taxonomy",
    "none_examples",
    "parse_taxonomy",
    "preset_names",
]

_FORMAT_HINT = "see insights/taxonomies/default.yaml for the format"
_SHARED = {"touchpoints": "_touchpoints.yaml", "emotions": "_emotions.yaml"}


def _package_file(name: str) -> Any:
    return resources.files("insights.taxonomies").joinpath(name)


def preset_names() -> list[str]:
    """Names of the shipped presets, sorted (``default``, ``ecommerce``, …)."""
    files = resources.files("insights.taxonomies").iterdir()
    return sorted(
        f.name.removesuffix(".yaml")
        for f in files
        if f.name.endswith(".yaml") and not f.name.startswith("_")
    )


def none_examples() -> list[str]:
    """Shipped prototypes of "no label": small talk, thanks, non-answers (en + fr)."""
    data = _shipped("_none.yaml")
    return [text for phrases in data["none"].values() for text in phrases]


def load_taxonomy(name_or_path: str | Path) -> Taxonomy:
    """Load a preset by name or a user taxonomy from a YAML file.

    Args:
        name_or_path: A preset name (see `preset_names`) or the path of a YAML file.

    Returns:
        The validated taxonomy, with the shared touchpoints/emotions filled in
        when the file does not give its own.

    Raises:
        TaxonomyError: Unknown preset, unreadable file or invalid content; the
            one-line message names the file and the field path.
    """
    text = str(name_or_path)
    if not isinstance(name_or_path, Path) and text in preset_names():
        data = _shipped(f"{text}.yaml")
        return parse_taxonomy(data, source=f"{text}.yaml")
    path = Path(name_or_path)
    if not path.is_file():
        raise TaxonomyError(
            f"unknown taxonomy {text!r}: not a preset ({', '.join(preset_names())}) "
            "nor an existing YAML file; check the name or the path"
        )
    return parse_taxonomy(_read_yaml(path), source=path.name)


def parse_taxonomy(data: Any, *, source: str = "<taxonomy>") -> Taxonomy:
    """Validate already-parsed YAML/JSON data as a taxonomy.

    Args:
        data: The parsed document (a mapping).
        source: Name used in error messages (usually the file name).

    Raises:
        TaxonomyError: The data is not a valid taxonomy.
    """
    if not isinstance(data, Mapping):
        raise TaxonomyError(
            f"{source}: the top level must be a mapping with id, name and stages; {_FORMAT_HINT}"
        )
    merged = dict(data)
    for dimension, file_name in _SHARED.items():
        if dimension not in merged:
            shared = _shipped(file_name)
            merged[dimension] = shared[dimension]
    try:
        return Taxonomy.model_validate(merged)
    except ValidationError as exc:
        raise TaxonomyError(f"{source}: {_describe(exc)}; {_FORMAT_HINT}") from exc


def _shipped(file_name: str) -> Any:
    """A YAML file shipped with the package, parsed by libyaml where PyYAML has it.

    The pure-Python parser takes ~0.09 s for a preset and the shared lists, read
    in every run; libyaml ~0.006 s, to the same data (a test). User files keep the
    pure-Python parser, whose error messages `_read_yaml` reports.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(_package_file(file_name).read_text(encoding="utf-8"), Loader=loader)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"{path.name}: not UTF-8 text; save the file as UTF-8") from exc
    except OSError as exc:
        raise TaxonomyError(
            f"{path.name}: cannot be read ({exc.strerror}); check the path"
        ) from exc
    if not text.strip():
        raise TaxonomyError(f"{path.name}: the file is empty; {_FORMAT_HINT}")
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise TaxonomyError(
            f"{path.name}: {where}YAML syntax error ({problem}); fix the file"
        ) from exc
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{path.name}: YAML syntax error ({exc}); fix the file") from exc


def _describe(exc: ValidationError) -> str:
    """One line for the first error: ``stages[2].label: field required``."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = _format_loc(first["loc"])
    if first["type"] == "string_pattern_mismatch" and "[key]" in first["loc"]:
        message = "language keys must be two-letter codes such as en or fr"
    elif first["type"] == "extra_forbidden":
        allowed = _TOP_FIELDS if len(first["loc"]) == 1 else _LABEL_FIELDS
        message = f"unknown field (allowed: {allowed})"
    else:
        message = _MESSAGES.get(first["type"]) or first["msg"].removeprefix("Value error, ")
    message = message.replace("valid tuple", "list").replace("valid dictionary", "mapping")
    message = message[:1].lower() + message[1:]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


_TOP_FIELDS = "id, name, version, stages, touchpoints, emotions"
_LABEL_FIELDS = "id, label, description, examples"
_MESSAGES = {
    "missing": "field required",
    "string_pattern_mismatch": "must be a slug (lowercase letters, digits, - or _)",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
}


def _format_loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part != "[key]":
            out += f".{part}" if out else str(part)
    return out
