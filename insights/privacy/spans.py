"""What a detector finds: typed character spans, and how overlapping finds are resolved."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

__all__ = ["Found", "PiiType", "resolve"]


class PiiType(str, Enum):
    """Kinds of personal data the redactor replaces, each with its placeholder word."""

    EMAIL = "EMAIL"
    IBAN = "IBAN"
    CARD = "CARD"
    PHONE = "PHONE"
    ADDRESS = "ADDRESS"
    TERM = "TERM"
    NAME = "NAME"


# When finds overlap, the union is kept with the kind that comes first here: an e-mail
# holding a name is an e-mail, an IBAN holding a phone-like run of digits is an IBAN, a
# street named after a person is an address.
_PRIORITY = {kind: rank for rank, kind in enumerate(PiiType)}


@dataclass(frozen=True, order=True)
class Found:
    """One detected item: `text[start:end]` is personal data of type `kind`."""

    start: int
    end: int
    kind: PiiType


def resolve(found: Iterable[Found]) -> list[Found]:
    """Merge overlapping finds into disjoint spans, in text order.

    Args:
        found: finds from every detector, in any order; empty spans are ignored.

    Returns:
        Disjoint spans; each merged span has the highest-priority kind of its members.

    Example:
        >>> resolve([Found(0, 5, PiiType.NAME), Found(3, 9, PiiType.EMAIL)])
        [Found(start=0, end=9, kind=<PiiType.EMAIL: 'EMAIL'>)]
    """
    merged: list[Found] = []
    for item in sorted(f for f in found if f.end > f.start):
        if merged and item.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, item.kind, key=_PRIORITY.__getitem__)
            merged[-1] = Found(last.start, max(last.end, item.end), kind)
        else:
            merged.append(item)
    return merged
