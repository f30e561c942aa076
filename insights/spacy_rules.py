"""spaCy's attribute ruler, with the same matches found by table lookups instead of its Matcher.

The ``attribute_ruler`` of the packaged pipelines maps each token's fine tag to its
part of speech and morphology, and sets a few lemma and POS exceptions. It runs
179 Matcher patterns (English) over every token: about 0.6 ms per statement,
as much as the ``tok2vec`` layer and more than the parser, for what is a table
lookup on the token's own attributes.

`FastRules` reads the component's patterns once. Every pattern of these
packages is a fixed run of one or two tokens whose conditions are equality,
``IN``, ``NOT_IN`` or ``REGEX`` on the token's tag, lower-case text, dependency,
POS or whitespace flag, so which conditions a token meets depends only on those
values: it is worked out once per distinct combination (testing only the
conditions filed under one of its values) and kept, with what the matching
one-token rules set, merged in rule order as the component applies them (a
later rule overrides an earlier one; each rule sets one token). A ruler with
any other kind of pattern is used as it is (`FastRules.of` returns None).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["FastRules", "deferred_rules"]

# Matcher attribute -> Token attribute, for the attributes these rules may test;
# a condition is filed under the first of them it requires a value of.
_TOKEN_ATTRIBUTES = {
    "LOWER": "lower_",
    "ORTH": "orth_",
    "TEXT": "text",
    "NORM": "norm_",
    "LEMMA": "lemma_",
    "TAG": "tag_",
    "POS": "pos_",
    "DEP": "dep_",
    "IS_SPACE": "is_space",
    "IS_PUNCT": "is_punct",
    "IS_ALPHA": "is_alpha",
}
Test = Callable[[Any], bool]
Spec = dict[str, Test]  # one pattern token's conditions, by Matcher attribute
Run = tuple[int, tuple[int, ...]]  # a rule over several tokens, and their specs
Known = tuple[frozenset[int], tuple[Run, ...], tuple[int, ...], dict[Any, Any]]


class FastRules:
    """Applies an ``AttributeRuler``'s rules to a parsed doc, as the component would.

    Example:
        >>> rules = FastRules.of(nlp.get_pipe("attribute_ruler"))
        >>> doc = rules(next(nlp.pipe(["I ai n't going"], disable=["attribute_ruler"])))
    """

    def __init__(
        self,
        ruler: Any,
        specs: list[Spec],
        anchors: dict[tuple[str, Any], list[int]],
        rules: list[tuple[int, tuple[int, ...]]],
    ) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self._specs = specs
        self._anchors = anchors  # (attribute, value) -> the specs requiring it
        filed = {i for ids in anchors.values() for i in ids}
        self._always = [i for i in range(len(specs)) if i not in filed]
        self._attributes = [a for a in _TOKEN_ATTRIBUTES if any(a in spec for spec in specs)]
        self._attrs = ruler.attrs  # what each rule sets, as the component keeps it
        self._indices = ruler.indices  # which token of its match a rule sets
        self._single: dict[int, list[int]] = {}  # spec -> the one-token rules it makes
        for rule, ids in rules:
            if len(ids) == 1:
                self._single.setdefault(ids[0], []).append(rule)
        self._runs = [(rule, ids) for rule, ids in rules if len(ids) > 1]
        self._known: dict[tuple[Any, ...], Known] = {}

    @classmethod
    def of(cls, ruler: Any) -> FastRules | None:
        """The fast form of an ``AttributeRuler``, or None when a pattern needs its Matcher."""
        specs: list[Spec] = []
        anchors: dict[tuple[str, Any], list[int]] = {}
        seen: dict[str, int] = {}
        rules = []
        for rule, entry in enumerate(ruler.patterns):
            if "_" in entry["attrs"]:  # extension attributes merge key by key: not here
                return None
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    return None
                if not -len(pattern) <= entry["index"] < len(pattern):
                    return None  # the component raises its own error for it
                ids = []
                for token in pattern:
                    compiled = _spec(token)
                    if compiled is None:
                        return None
                    key = repr(sorted(token.items(), key=lambda kv: kv[0]))
                    if key not in seen:
                        seen[key] = len(specs)
                        specs.append(compiled[0])
                        for anchor in compiled[1]:
                            anchors.setdefault(anchor, []).append(seen[key])
                    ids.append(seen[key])
                rules.append((rule, tuple(ids)))
        return cls(ruler, specs, anchors, rules)

    def __call__(self, doc: Any) -> Any:
        """Sets `doc`'s attributes as ``AttributeRuler.__call__`` does; returns `doc`."""
        tokens = list(doc)
        known = [self._met(token) for token in tokens]
        extra: dict[int, list[int]] = {}  # token -> rules it matched in a longer run
        for i, (_, starts, _, _) in enumerate(known):
            for rule, ids in starts:
                width = len(ids)
                if i + width <= len(tokens) and all(
                    ids[k] in known[i + k][0] for k in range(1, width)
                ):
                    # `of` checked the index fits the pattern; it may count from the end
                    extra.setdefault(i + self._indices[rule] % width, []).append(rule)
        for i, (_, _, rules, merged) in enumerate(known):
            if i in extra:
                merged = self._merged({*rules, *extra[i]})
            if merged:
                self._set(tokens[i], merged)
        return doc

    def _met(self, token: Any) -> Known:
        """The specs `token` meets, the runs it may start, its one-token rules, what they set."""
        values = tuple(getattr(token, _TOKEN_ATTRIBUTES[a]) for a in self._attributes)
        known = self._known.get(values)
        if known is None:
            named = dict(zip(self._attributes, values, strict=True))
            candidates = set(self._always)
            for attribute, value in named.items():
                candidates.update(self._anchors.get((attribute, value), ()))
            met = frozenset(
                i for i in candidates if all(t(named[a]) for a, t in self._specs[i].items())
            )
            rules = tuple(sorted({rule for spec in met for rule in self._single.get(spec, ())}))
            merged = self._merged(rules)
            starts = tuple(run for run in self._runs if run[1][0] in met)
            known = self._known[values] = (met, starts, rules, merged)
        return known

    def _merged(self, rules: Iterable[int]) -> dict[Any, Any]:
        """What `rules` set on one token, applied in rule order (a later rule overrides)."""
        merged: dict[Any, Any] = {}
        for rule in sorted(rules):
            merged.update(self._attrs[rule])
        return merged


def _spec(token: Any) -> tuple[Spec, list[tuple[str, Any]]] | None:
    """One pattern token's tests, and the (attribute, value)s to file them under.

    None when a condition is not a plain test. The filing attribute is the first
    one (in `_TOKEN_ATTRIBUTES` order) the token requires a value or a set of values
    of; none when it requires none (``NOT_IN``, ``REGEX``).
    """
    if not isinstance(token, dict) or not token:
        return None
    spec: Spec = {}
    for attribute, value in token.items():
        test = _test(value) if attribute in _TOKEN_ATTRIBUTES else None
        if attribute.startswith("IS_") and not isinstance(value, bool):
            test = None  # the Matcher tests a flag's text form ("True") with IN or REGEX
        if test is None:
            return None
        spec[attribute] = test
    for attribute in _TOKEN_ATTRIBUTES:
        values = _required(token.get(attribute))
        if values is not None:
            return spec, [(attribute, v) for v in values]
    return spec, []


def _required(value: Any) -> list[Any] | None:
    """The values a condition allows, when it lists them (equality, ``IN``)."""
    if isinstance(value, bool | str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return list(value["IN"])
    return None


def _test(value: Any) -> Test | None:
    """The Matcher's test of one attribute's value, or None when it is no plain test."""
    if isinstance(value, bool | str):
        want = value
        return lambda v: bool(v == want)
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((operator, argument),) = value.items()
    if operator in ("IN", "NOT_IN") and _strings(argument):
        allowed = frozenset(argument)
        return (lambda v: v in allowed) if operator == "IN" else (lambda v: v not in allowed)
    if operator == "REGEX" and isinstance(argument, str):
        search = re.compile(argument).search
        return lambda v: search(v) is not None
    return None


def _strings(values: Any) -> bool:
    return (
        isinstance(values, Sequence)
        and not isinstance(values, str)
        and all(isinstance(v, str) for v in values)
    )


def deferred_rules(nlp: Any, disable: Sequence[str]) -> FastRules | None:
    """The fast form of `nlp`'s attribute ruler, to apply after ``nlp.pipe`` without it.

    Only when the ruler would run last of the components left enabled (nothing
    after it reads what it sets); then ``nlp.pipe`` with the ruler disabled too,
    followed by the returned rules, gives the same docs. None otherwise.
    """
    names = list(nlp.pipe_names)
    if "attribute_ruler" not in names or "attribute_ruler" in disable:
        return None
    after = names[names.index("attribute_ruler") + 1 :]
    if any(name not in disable for name in after):
        return None
    return FastRules.of(nlp.get_pipe("attribute_ruler"))
