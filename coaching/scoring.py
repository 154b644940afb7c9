"""Turning one set of answers into axis, trait and zone scores.

Answers are on 1..5; reverse-keyed items are flipped (6 - value) before anything is averaged. ``None``
means "vet ikke" (don't know) and counts as missing. The same function scores the full 40-item survey
and the weekly 7-item pulse: what counts as "enough answers" is always measured against the items that
were asked, never against the whole instrument.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from coaching.instrument import ITEMS, ITEMS_BY_ID, Axis, Item, Trait
from coaching.zones import DEFAULT_CUTOFF, Zone, place

Answers = Mapping[str, int | None]

MIN_VALUE: Final[int] = 1
MAX_VALUE: Final[int] = 5


@dataclass(frozen=True)
class Scores:
    safety: float | None
    standard: float | None
    administration: float | None
    traits: Mapping[Trait, float | None]  # every Trait is a key
    zone: Zone | None  # None when safety or standard is None
    borderline: bool  # False when there is no zone
    answered: int  # asked items with an answer other than "don't know"

    @property
    def strongest_trait(self) -> Trait | None:
        """The trait with the highest mean; on a tie the one first in Trait order."""
        return _pick_trait(self.traits, higher=True)

    @property
    def weakest_trait(self) -> Trait | None:
        """The trait with the lowest mean; on a tie the one first in Trait order."""
        return _pick_trait(self.traits, higher=False)


def _pick_trait(traits: Mapping[Trait, float | None], *, higher: bool) -> Trait | None:
    best: Trait | None = None
    best_value = 0.0
    for trait in Trait:
        value = traits.get(trait)
        if value is None:
            continue
        if best is None or (value > best_value if higher else value < best_value):
            best, best_value = trait, value
    return best


def reverse_value(value: int) -> int:
    """The value of a reverse-keyed answer on the common scale: 1 <-> 5, 2 <-> 4, 3 stays."""
    _check_value(value, "value to reverse")
    return MIN_VALUE + MAX_VALUE - value


def mean_or_none(values: Iterable[float]) -> float | None:
    """The arithmetic mean, or None for no values."""
    collected = list(values)
    if not collected:
        return None
    return math.fsum(collected) / len(collected)


def _check_value(value: object, where: str, *, or_none: bool = False) -> None:
    # bool is an int subclass; True/False as an answer is a bug, not a 1 or a 0.
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_VALUE <= value <= MAX_VALUE:
        allowed = f"an integer from {MIN_VALUE} to {MAX_VALUE}"
        if or_none:
            allowed += " or None for don't know"
        raise ValueError(f"{where} must be {allowed}, got {value!r}")


def _asked_items(items: Iterable[Item | str]) -> tuple[Item, ...]:
    asked: dict[str, Item] = {}
    for entry in items:
        if isinstance(entry, Item):
            item = entry
        else:
            try:
                item = ITEMS_BY_ID[entry]
            except KeyError:
                raise ValueError(f"asked item id {entry!r} is not in the instrument") from None
        asked.setdefault(item.id, item)  # an item asked twice still counts once
    return tuple(asked.values())


def _half_mean(asked: int, values: list[int]) -> float | None:
    """The mean when at least half of the asked items were answered, else None."""
    if asked == 0 or 2 * len(values) < asked:
        return None
    return mean_or_none(values)


def _scored(answers: Answers, item: Item) -> int | None:
    """The answer to one asked item on the common scale (reverse-keyed items flipped), None if missing."""
    raw = answers.get(item.id)
    if raw is None:
        return None
    _check_value(raw, f"answer for item {item.id}", or_none=True)
    return reverse_value(raw) if item.reverse else raw


def item_mean(answers: Answers, items: Iterable[Item | str]) -> float | None:
    """The mean over a group of asked items, scored exactly like an axis: reverse-keyed items flipped,
    "don't know" missing, None when fewer than half of the items were answered."""
    asked = _asked_items(items)
    values = [value for value in (_scored(answers, item) for item in asked) if value is not None]
    return _half_mean(len(asked), values)


def score(answers: Answers, *, items: Iterable[Item | str] = ITEMS, cutoff: float = DEFAULT_CUTOFF) -> Scores:
    """Score one respondent's answers to the asked ``items`` (Item objects or item ids; default: all).

    An axis or trait mean is None when fewer than half of the asked items on it were answered (exactly
    half is enough). Answers to ids that were not asked are ignored entirely (not validated); an answer
    to an asked item must be None or an int in 1..5, anything else raises ValueError.
    """
    asked = _asked_items(items)
    axis_asked = dict.fromkeys(Axis, 0)
    trait_asked = dict.fromkeys(Trait, 0)
    axis_values: dict[Axis, list[int]] = {axis: [] for axis in Axis}
    trait_values: dict[Trait, list[int]] = {trait: [] for trait in Trait}

    for item in asked:
        axis_asked[item.axis] += 1
        trait_asked[item.trait] += 1
        value = _scored(answers, item)
        if value is None:
            continue
        axis_values[item.axis].append(value)
        trait_values[item.trait].append(value)

    means = {axis: _half_mean(axis_asked[axis], axis_values[axis]) for axis in Axis}
    safety, standard = means[Axis.SAFETY], means[Axis.STANDARD]
    placement = place(safety, standard, cutoff) if safety is not None and standard is not None else None

    return Scores(
        safety=safety,
        standard=standard,
        administration=means[Axis.ADMINISTRATION],
        traits=MappingProxyType(
            {trait: _half_mean(trait_asked[trait], trait_values[trait]) for trait in Trait}
        ),
        zone=placement.zone if placement else None,
        borderline=placement.borderline if placement else False,
        answered=sum(len(values) for values in axis_values.values()),
    )
