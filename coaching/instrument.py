"""The culture survey, versioned: which items each version asks, in which order, and every item ever asked.

Item ids are stable: answers are stored against them, so an id is never renumbered nor given a new
wording. When a wording changes, the new wording is a new item (a new id) that takes the old one's place
(same axis, same trait, same position in a run), and the old item is retired, not forgotten:

- ``ITEMS`` is what is asked today (``CURRENT_VERSION``); ``ANCHORS`` are its two pulse anchors.
- ``ITEMS_BY_ID`` knows every item of every version, so a stored answer to a retired item still scores
  on its axis and trait (``coaching.scoring.score``), shows its own wording in the privacy export, and
  counts in the weekly figures.
- ``items_of_version(v)`` is what a run started on version ``v`` asks. A run keeps the version it
  started on until it is finished (``survey_run.instrument_version``): a seller half-way through a
  run when the instrument changes finishes it with the wording they started with, and never answers two
  wordings of one question in one run.

Every version has 40 items, 16 safety / 16 standard / 8 administration and 8 per trait, in the same
slots, so an axis or trait figure means the same thing whichever version a seller answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from coaching.item import Axis, Item, Trait
from coaching.items_current import CURRENT_ITEMS
from coaching.items_retired import RETIRED_ITEMS

__all__ = [
    "ANCHORS",
    "CURRENT_VERSION",
    "ITEMS",
    "ITEMS_BY_ID",
    "RETIRED",
    "SUCCESSORS",
    "VERSIONS",
    "Axis",
    "Item",
    "Trait",
    "items_of_version",
]

ITEMS_BY_ID: Final[Mapping[str, Item]] = MappingProxyType(
    {item.id: item for item in (*CURRENT_ITEMS, *RETIRED_ITEMS)}
)
"""Every item of every version, current and retired."""

# Version 1 (until December 2026): q01..q40 in order.
_VERSION_1: Final[tuple[Item, ...]] = tuple(ITEMS_BY_ID[f"q{n:02d}"] for n in range(1, 41))

VERSIONS: Final[Mapping[int, tuple[Item, ...]]] = MappingProxyType({1: _VERSION_1, 2: CURRENT_ITEMS})
CURRENT_VERSION: Final[int] = max(VERSIONS)

ITEMS: Final[tuple[Item, ...]] = VERSIONS[CURRENT_VERSION]
ANCHORS: Final[tuple[Item, ...]] = tuple(item for item in ITEMS if item.anchor)
RETIRED: Final[tuple[Item, ...]] = RETIRED_ITEMS
"""Items no current run asks; their answers still count."""

SUCCESSORS: Final[Mapping[str, str]] = MappingProxyType(
    {item.replaces: item.id for item in ITEMS_BY_ID.values() if item.replaces is not None}
)
"""Retired item id -> the id asked in its place by the next version."""


def items_of_version(version: int) -> tuple[Item, ...]:
    """The items a run started on ``version`` asks, in order; ValueError for a version never published."""
    try:
        return VERSIONS[version]
    except KeyError:
        raise ValueError(f"no instrument version {version!r}; known: {sorted(VERSIONS)}") from None
