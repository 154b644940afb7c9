"""How the weekly figures pack a person's sums into integers (see storage/week_figures.py).

Per measure (an axis or a trait) a field holds the person's sum of scored values and their count.
A run has at most one answer per item (``uq_answer_run_item``) and each counted value is on the scale
1..5, so a measure with k items needs ``bit_length(5k)`` bits for the sum and ``bit_length(k)`` for
the count, and adding the codes of a person's answers can never carry from one field into the next.
Fields are packed into words of at most WORD_BITS bits; each kind (axes, traits) starts a new word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SCALE = (1, 5)
WORD_BITS = 62  # bit fields per packed integer; below 63 so no sum is ever negative

ItemMeta = Mapping[str, tuple[str, str, bool]]
"""item id -> (axis, trait, reverse)"""
ItemKey = tuple[tuple[str, str, str, bool], ...]


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
    """Per field of the result row: (measure, is an axis, its first column: n, sum, sum of squares,
    and for an axis high and low)."""


def item_key(item_meta: ItemMeta) -> ItemKey:
    """The item set as a sorted tuple: hashable, so a statement is built once per item set."""
    if not item_meta:
        raise ValueError("item_meta must name at least one item")
    return tuple((item, axis, trait, bool(rev)) for item, (axis, trait, rev) in sorted(item_meta.items()))


def plan_of(key: ItemKey) -> Plan:
    """The bit fields of every measure (a new word when one is full, and for each kind) and each
    item's code per word."""
    fields: list[Field] = []
    word, shift = -1, WORD_BITS
    for kind, position in (("axis", 1), ("trait", 2)):
        shift = WORD_BITS  # each kind starts a new word: every known item then has a code in each
        for name in sorted({row[position] for row in key}):
            items = frozenset(row[0] for row in key if row[position] == name)
            sum_bits, count_bits = (SCALE[1] * len(items)).bit_length(), len(items).bit_length()
            if shift + sum_bits + count_bits > WORD_BITS:
                word, shift = word + 1, 0
            fields.append(Field(kind, name, items, word, shift, sum_bits, shift + sum_bits, count_bits))
            shift += sum_bits + count_bits
    codes = []
    for item, _axis, _trait, reverse in key:
        per_word = []
        for w in range(word + 1):
            a = b = 0
            for f in fields:
                if f.word == w and item in f.items:
                    a += (1 << f.count_shift) + ((SCALE[0] + SCALE[1]) << f.sum_shift if reverse else 0)
                    b += -(1 << f.sum_shift) if reverse else 1 << f.sum_shift
            per_word.append((a, b))
        codes.append((item, tuple(per_word)))
    columns, at = [], 3  # after team, base and respondents
    for f in fields:
        columns.append((f.name, f.kind == "axis", at))
        at += 5 if f.kind == "axis" else 3
    return Plan(tuple(fields), word + 1, tuple(codes), tuple(columns))
