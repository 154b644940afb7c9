"""How the weekly figures pack a person's sums into integers (see storage/week_figures.py).

Per measure (an axis or a trait) a field holds the person's weighted sum of scored values and the sum of
the weights. On an axis an item counts with its weight from the item metadata (the anchors' correction,
`coaching.pulse.axis_weights`); on a trait every item counts 1. A run has at most one answer per item
(``uq_answer_run_item``) and each counted value is on the scale 1..5, so a measure whose items weigh W
in all needs ``bit_length(5W)`` bits for the sum and ``bit_length(W)`` for the weights, and adding the
codes of a person's answers can never carry from one field into the next.
Fields are packed into words of at most WORD_BITS bits; each kind (axes, traits) starts a new word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SCALE = (1, 5)
WORD_BITS = 62  # bit fields per packed integer; below 63 so no sum is ever negative

ItemMeta = Mapping[str, tuple[str, str, bool] | tuple[str, str, bool, int]]
"""item id -> (axis, trait, reverse) or (axis, trait, reverse, weight on its axis); the weight is 1 if left out"""
ItemKey = tuple[tuple[str, str, str, bool, int], ...]


@dataclass(frozen=True, slots=True)
class Field:
    """One measure's bit fields in packed integer `word`: the sum at `sum_shift`, the count at `count_shift`."""

    kind: str  # "axis" or "trait"
    name: str
    items: frozenset[str]
    word: int
    sum_shift: int
    sum_bits: int
    count_shift: int
    count_bits: int


@dataclass(frozen=True, slots=True)
class Plan:
    fields: tuple[Field, ...]
    words: int
    codes: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]
    """Per item id, per word: (a, b) such that the answer's code is ``a + b * value``."""
    columns: tuple[tuple[str, bool, int], ...]
    """Per field of the result row: (measure, is an axis, its first column: n, sum, sum of squares)."""


def item_key(item_meta: ItemMeta) -> ItemKey:
    """The item set as a sorted tuple: hashable, so a statement is built once per item set."""
    if not item_meta:
        raise ValueError("item_meta must name at least one item")
    rows = []
    for item, meta in sorted(item_meta.items()):
        weight = int(meta[3]) if len(meta) > 3 else 1
        if weight < 1:
            raise ValueError(f"item {item!r} has weight {weight}; a weight is a whole number >= 1")
        rows.append((item, meta[0], meta[1], bool(meta[2]), weight))
    return tuple(rows)


def _measure(row: tuple[str, str, str, bool, int], kind: str) -> str:
    """The row's axis or trait."""
    return row[1] if kind == "axis" else row[2]


def plan_of(key: ItemKey) -> Plan:
    """The bit fields of every measure (a new word when one is full, and for each kind) and each
    item's code per word."""
    fields: list[Field] = []
    word, shift = -1, WORD_BITS
    for kind in ("axis", "trait"):
        shift = WORD_BITS  # each kind starts a new word: every known item then has a code in each
        for name in sorted({_measure(row, kind) for row in key}):
            items = frozenset(row[0] for row in key if _measure(row, kind) == name)
            weight = sum(row[4] if kind == "axis" else 1 for row in key if _measure(row, kind) == name)
            sum_bits, count_bits = (SCALE[1] * weight).bit_length(), weight.bit_length()
            if shift + sum_bits + count_bits > WORD_BITS:
                word, shift = word + 1, 0
            fields.append(Field(kind, name, items, word, shift, sum_bits, shift + sum_bits, count_bits))
            shift += sum_bits + count_bits
    codes = []
    for item, _axis, _trait, reverse, axis_weight in key:
        per_word = []
        for w in range(word + 1):
            a = b = 0
            for f in fields:
                if f.word == w and item in f.items:
                    weight = axis_weight if f.kind == "axis" else 1
                    a += (weight << f.count_shift) + (
                        (weight * (SCALE[0] + SCALE[1])) << f.sum_shift if reverse else 0
                    )
                    b += -(weight << f.sum_shift) if reverse else weight << f.sum_shift
            per_word.append((a, b))
        codes.append((item, tuple(per_word)))
    columns, at = [], 3  # after team, base and respondents
    for f in fields:
        columns.append((f.name, f.kind == "axis", at))
        at += 3
    return Plan(tuple(fields), word + 1, tuple(codes), tuple(columns))
