"""The 40-item culture survey: what each item measures and how it reads in nb, sv and en.

Items are written from the seller's side. Norwegian bokmål is canonical; Swedish and English follow the
terms in the shared glossary. Item ids are stable: answers are stored against them, so never renumber.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from coaching.locale import Locale


class Axis(StrEnum):
    SAFETY = "safety"
    STANDARD = "standard"
    ADMINISTRATION = "administration"


class Trait(StrEnum):
    """The five traits of a performance culture, in the seed's order."""

    CLEAR_EXPECTATIONS = "clear_expectations"
    CONTINUOUS_FEEDBACK = "continuous_feedback"
    PERSONAL_OWNERSHIP = "personal_ownership"
    SAFETY_STANDARD = "safety_standard"
    SYSTEMATIC_FOLLOW_UP = "systematic_follow_up"


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    trait: Trait
    axis: Axis
    reverse: bool
    anchor: bool
    texts: Mapping[str, str]

    def text(self, locale: Locale | str) -> str:
        return self.texts[locale]


def _item(
    id: str, trait: Trait, axis: Axis, nb: str, sv: str, en: str, *, reverse: bool = False, anchor: bool = False
) -> Item:
    return Item(id, trait, axis, reverse, anchor, MappingProxyType({"nb": nb, "sv": sv, "en": en}))


ITEMS: Final[tuple[Item, ...]] = (
    # Filled in by the instrument work: 40 items following the blueprint in the module tests.
)

ITEMS_BY_ID: Final[Mapping[str, Item]] = MappingProxyType({item.id: item for item in ITEMS})
ANCHORS: Final[tuple[Item, ...]] = tuple(item for item in ITEMS if item.anchor)
