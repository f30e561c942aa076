"""Decisions as a person writes them: command-line flags and ``--apply decisions.yaml``.

A *spec* is a decision before its ids are resolved: ids may be short prefixes
(``P-8714``), stages may be names, quotes may be numbers. `insights.review.state`
turns specs into journal decisions.

The decisions file is a YAML (or JSON) list, applied in order; each item has one key::

    - accept: P-87148aa8              # or a list of ids
    - reject: [P-565b5ee5, D-be247d85]
    - rename: {id: P-87148aa8, label: Refund takes weeks}
    - summary: {id: P-87148aa8, text: Refunds take four to six weeks.}
    - move: {id: P-f7feaca7, stage: purchase}     # stage id or name; none for no stage
    - merge: [P-c12ce3c9, P-80010602]            # into the first one
    - split: {id: P-18a88545, parts: 2}          # or just `split: P-18a88545` (2 or 3, best)
    - quote: {id: P-87148aa8, pin: 2}            # quote number or unit id; or drop: …
    - opportunity: {text: Refund tracker in the app, stage: support, proposals: [P-87148aa8]}
    - skip: P-87148aa8
    - undo: true                                  # cancels the latest decision
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from insights.errors import UsageError
from insights.review.decisions import DecisionType

__all__ = ["FLAG_HELP", "DecisionSpec", "parse_flags", "parse_script", "read_script"]

T = DecisionType


@dataclass(frozen=True)
class DecisionSpec:
    """A decision as written by a person, ids not yet resolved."""

    type: DecisionType
    targets: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """Short text naming the decision, for error messages."""
        return " ".join([self.type.value, *self.targets])


_FLAGS: dict[str, tuple[DecisionType, tuple[str, ...]]] = {
    "--accept": (T.ACCEPT, ("ID",)),
    "--reject": (T.REJECT, ("ID",)),
    "--rename": (T.RENAME, ("ID", "LABEL")),
    "--summary": (T.SUMMARY, ("ID", "TEXT")),
    "--move": (T.MOVE, ("ID", "STAGE")),
    "--merge": (T.MERGE, ("ID", "ID")),
    "--split": (T.SPLIT, ("ID",)),
    "--pin": (T.QUOTE, ("ID", "QUOTE")),
    "--drop": (T.QUOTE, ("ID", "QUOTE")),
    "--opportunity": (T.OPPORTUNITY, ("ID", "TEXT")),
    "--skip": (T.SKIP, ("ID",)),
    "--undo": (T.UNDO, ()),
}
FLAG_HELP = ", ".join(f"{flag} {' '.join(names)}".strip() for flag, (_, names) in _FLAGS.items())


def _flag_spec(flag: str, values: list[str]) -> DecisionSpec:
    kind = _FLAGS[flag][0]
    if kind in (T.ACCEPT, T.REJECT, T.SKIP, T.MERGE):
        return DecisionSpec(kind, tuple(values))
    if kind is T.UNDO:
        return DecisionSpec(kind)
    if kind is T.SPLIT:
        return DecisionSpec(kind, (values[0],), {"parts": None})
    if kind is T.QUOTE:
        return DecisionSpec(kind, (values[0],), {"action": flag[2:], "quote": values[1]})
    key = "stage" if kind is T.MOVE else "text"
    return DecisionSpec(kind, (values[0],), {key: values[1]})


def parse_flags(args: Sequence[str]) -> list[DecisionSpec]:
    """Specs from decision flags, in the order they were typed.

    ``["--merge", "P-a", "P-b", "--rename", "P-a", "Refunds"]`` merges, then renames
    the merged proposal (an id merged away names the merged proposal).
    ``--flag=value`` works for one-value flags.

    Raises:
        UsageError: an unknown flag, a missing value, or a stray word.
    """
    specs: list[DecisionSpec] = []
    rest = list(args)
    while rest:
        token = rest.pop(0)
        flag, eq, inline = token.partition("=")
        if flag not in _FLAGS:
            raise UsageError(
                f"unexpected {token!r}; decision flags are: {FLAG_HELP} (RUN_DIR comes first)"
            )
        names = _FLAGS[flag][1]
        values = [inline] if eq else []
        while len(values) < len(names) and rest:
            values.append(rest.pop(0))
        if len(values) != len(names) or (eq and len(names) != 1):
            raise UsageError(f"{flag} takes {' '.join(names) or 'no value'}; see --help")
        specs.append(_flag_spec(flag, values))
    return specs


def read_script(path: Path) -> list[DecisionSpec]:
    """Read a decisions file (YAML or JSON; see the module docstring)."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such decisions file; check the path") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"{path} is not valid YAML ({problem}); fix the file") from None
    return parse_script(data, source=str(path))


def parse_script(data: Any, *, source: str = "decisions") -> list[DecisionSpec]:
    """Specs from a parsed decisions file: a list of one-key mappings."""
    if isinstance(data, dict) and set(data) == {"decisions"}:
        data = data["decisions"]
    if not isinstance(data, list):
        raise UsageError(f"{source} must be a list of decisions, e.g. `- accept: P-87148aa8`")
    specs: list[DecisionSpec] = []
    for number, item in enumerate(data, start=1):
        try:
            specs += _item_specs(item)
        except (KeyError, TypeError, ValueError) as exc:
            hint = exc.args[0] if exc.args and isinstance(exc, ValueError) else _HINT
            raise UsageError(f"{source} item {number}: {hint}") from None
    return specs


_HINT = "expected one key such as `accept: P-xxx` or `rename: {id: P-xxx, label: …}`"
_KEYS = ", ".join(t.value for t in DecisionType)


def _ids(value: Any) -> tuple[str, ...]:
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str | int) for v in values):
        raise ValueError("give an id or a list of ids")
    return tuple(str(v) for v in values)


def _text(body: dict[str, Any], *keys: str) -> str:
    for key in keys:
        if isinstance(body.get(key), str | int | float):
            return str(body[key])
    raise ValueError(f"needs {keys[0]}: <text>")


def _item_specs(item: Any) -> list[DecisionSpec]:
    if not isinstance(item, dict) or len(item) != 1:
        raise ValueError(_HINT)
    key, body = next(iter(item.items()))
    try:
        kind = DecisionType(str(key))
    except ValueError:
        raise ValueError(f"unknown decision {key!r}; use one of {_KEYS}") from None
    if kind in (T.ACCEPT, T.REJECT, T.SKIP):
        return [DecisionSpec(kind, (i,)) for i in _ids(body)]
    if kind is T.MERGE:
        return [DecisionSpec(kind, _ids(body))]
    if kind is T.UNDO:
        return [DecisionSpec(kind)] if body else []
    if kind is T.SPLIT and not isinstance(body, dict):
        return [DecisionSpec(kind, _ids(body)[:1], {"parts": None})]
    if not isinstance(body, dict):
        raise ValueError(f"{key} takes a mapping, e.g. {key}: {{id: P-xxx, …}}")
    return [_mapping_spec(kind, body)]


def _mapping_spec(kind: DecisionType, body: dict[str, Any]) -> DecisionSpec:
    if kind is T.OPPORTUNITY:
        links = _ids(body["proposals"]) if body.get("proposals") else ()
        return DecisionSpec(kind, links, {"text": _text(body, "text"), "stage": body.get("stage")})
    target = (str(body["id"]),)
    if kind in (T.RENAME, T.SUMMARY):
        return DecisionSpec(kind, target, {"text": _text(body, "label", "text")})
    if kind is T.MOVE:
        return DecisionSpec(kind, target, {"stage": body.get("stage")})
    if kind is T.SPLIT:
        return DecisionSpec(kind, target, {"parts": body.get("parts")})
    action = "pin" if "pin" in body else "drop"
    return DecisionSpec(kind, target, {"action": action, "quote": body[action]})
