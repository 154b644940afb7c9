"""Which seven items a member gets in a given week's pulse.

Every pulse holds the two anchor items (one safety, one standard) plus one of eight fixed rotation
groups. The 38 other items are dealt into the groups per axis: each group gets 2 safety, 2 standard and
1 administration item. With 15 non-anchor safety items for 16 safety slots (and likewise for standard)
one item per axis lands in two groups; that is the price of equal groups.

A member walks the groups in order, one per ISO week, starting from an offset derived from a stable
hash of the member key, so any eight consecutive pulses cover all 40 items and members in the same
team are spread over the groups in the same week. Weeks are counted as the ordinal of their Monday
// 7, so the rotation runs on without a seam across year ends, including 53-week years.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from datetime import date
from typing import Final

from coaching.instrument import ITEMS, Axis, Item

PULSE_SIZE: Final[int] = 7
ROTATION_WEEKS: Final[int] = 8

_PERIOD: Final[re.Pattern[str]] = re.compile(r"([0-9]{4})-W([0-9]{2})")  # ASCII digits only


def period_of(d: date) -> str:
    """The ISO week a date falls in, e.g. "2026-W47" (the ISO year, which can differ from d.year)."""
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def week_monday(period: str) -> date:
    """The Monday starting an ISO week string such as "2026-W47"; ValueError when it is malformed."""
    match = _PERIOD.fullmatch(period)
    if match is None:
        raise ValueError(f"period must be an ISO week like '2026-W47', got {period!r}")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"period {period!r} is not a week in ISO year {year}") from None


def week_index(period: str) -> int:
    """A running week number: consecutive ISO weeks give consecutive integers, across year ends too."""
    return week_monday(period).toordinal() // 7


def member_offset(member_key: str) -> int:
    """The member's fixed starting point in the rotation, from sha256 (stable across processes)."""
    digest = hashlib.sha256(member_key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % ROTATION_WEEKS


_DEALT: dict[tuple[int, ...], tuple[Sequence[Item], tuple[tuple[Item, ...], ...]]] = {}
"""rotation_groups by the identities of its items (kept alive here, so an identity is never reused): every
answer of a pulse asks for its items, and dealing 38 items on each one was most of a simulated week."""


def rotation_groups(items: Sequence[Item] = ITEMS) -> tuple[tuple[Item, ...], ...]:
    """The ROTATION_WEEKS fixed groups of non-anchor items, each in instrument order.

    Per axis, the non-anchor items (in instrument order) are dealt with a stride of ROTATION_WEEKS:
    group g gets items g, g + 8, g + 16, ... (wrapping), as many as ceil(count / 8). The stride keeps
    neighbouring items (often the same trait) in different groups and never puts an item twice in one
    group. Raises ValueError when the instrument cannot give pulses of PULSE_SIZE with the guarantees.
    Each set of items is dealt once (_DEALT).
    """
    key = tuple(map(id, items))
    dealt = _DEALT.get(key)
    if dealt is None:
        dealt = _DEALT[key] = (items, _deal(items))
    return dealt[1]


def _deal(items: Sequence[Item]) -> tuple[tuple[Item, ...], ...]:
    """rotation_groups, dealt afresh."""
    anchors = [item for item in items if item.anchor]
    if sorted(item.axis for item in anchors) != sorted((Axis.SAFETY, Axis.STANDARD)):
        raise ValueError(
            "the pulse needs exactly two anchor items, one safety and one standard; "
            f"got {[(item.id, str(item.axis)) for item in anchors]}"
        )
    pools = {axis: [item for item in items if not item.anchor and item.axis == axis] for axis in Axis}
    per_group = {axis: math.ceil(len(pool) / ROTATION_WEEKS) for axis, pool in pools.items()}
    if per_group[Axis.SAFETY] < 1 or per_group[Axis.STANDARD] < 1:
        raise ValueError("the pulse needs non-anchor items on both the safety and the standard axis")
    if len(anchors) + sum(per_group.values()) != PULSE_SIZE:
        counts = ", ".join(f"{axis}: {len(pool)}" for axis, pool in pools.items())
        raise ValueError(
            f"the instrument's non-anchor items ({counts}) do not split into "
            f"{ROTATION_WEEKS} groups that fill a pulse of {PULSE_SIZE}"
        )

    position = {item.id: index for index, item in enumerate(items)}
    groups: list[tuple[Item, ...]] = []
    for group in range(ROTATION_WEEKS):
        chosen = [
            pool[(group + slot * ROTATION_WEEKS) % len(pool)]
            for axis, pool in pools.items()
            for slot in range(per_group[axis])
        ]
        groups.append(tuple(sorted(chosen, key=lambda item: position[item.id])))
    return tuple(groups)


def pulse_group(member_key: str, period: str) -> int:
    """Which rotation group (0..ROTATION_WEEKS-1) a member gets in a week."""
    return (week_index(period) + member_offset(member_key)) % ROTATION_WEEKS


def pulse_items(member_key: str, period: str, *, items: Sequence[Item] = ITEMS) -> tuple[Item, ...]:
    """The PULSE_SIZE items for one member in one ISO week: the anchors first, then the week's group.

    Pure and repeatable: the same member and week always give the same items in the same order.
    """
    group = pulse_group(member_key, period)  # validates the period before the instrument
    anchors = tuple(item for item in items if item.anchor)
    return anchors + rotation_groups(items)[group]


def axis_weights(items: Sequence[Item] = ITEMS) -> dict[str, int]:
    """Each item's weight in a seller's pulse mean on its axis: what puts the pulse on the full survey's
    scale.

    In the full survey every item of an axis counts the same, so an anchor is 1 of 16 safety items.
    In a pulse the anchor is 1 of 3, and an anchor that is harder (or easier) to agree with than the
    axis' other items moves every weekly figure. Weighted, the anchor counts ``k`` and each rotation
    item ``m`` (``k`` rotation items of the axis in a pulse, drawn from ``m``): then the anchor carries
    1 / (m + 1) of the seller's expected mean and the rotation items together m / (m + 1), as in the
    full survey. An axis without an anchor weighs its items alike (1). Whole numbers, so the SQL sums
    stay exact integers.
    """
    anchors = {item.axis for item in items if item.anchor}
    pool = {axis: sum(1 for i in items if i.axis is axis and not i.anchor) for axis in Axis}
    per_pulse = {axis: math.ceil(count / ROTATION_WEEKS) for axis, count in pool.items()}
    weights: dict[str, int] = {}
    for item in items:
        if item.axis not in anchors:
            weights[item.id] = 1
        else:
            weights[item.id] = per_pulse[item.axis] if item.anchor else pool[item.axis]
    return weights
