import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coaching.instrument import ANCHORS, ITEMS, Axis, Item, Trait, items_of_version
from coaching.pulse import (
    PULSE_SIZE,
    ROTATION_WEEKS,
    _deal,
    period_of,
    pulse_group,
    pulse_items,
    rotation_groups,
    week_index,
    week_monday,
)
from coaching.scoring import score

SAFETY, STANDARD, ADMIN = Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION

# The instrument blueprint: trait -> (safety, standard, administration) item counts.
BLUEPRINT = {
    Trait.CLEAR_EXPECTATIONS: (1, 5, 2),
    Trait.CONTINUOUS_FEEDBACK: (3, 4, 1),
    Trait.PERSONAL_OWNERSHIP: (3, 4, 1),
    Trait.SAFETY_STANDARD: (6, 2, 0),
    Trait.SYSTEMATIC_FOLLOW_UP: (3, 1, 4),
}


def _synthetic_instrument() -> tuple[Item, ...]:
    """40 items laid out like the blueprint, with the anchors in the middle of the list on purpose."""
    kinds = [
        (trait, axis)
        for trait, counts in BLUEPRINT.items()
        for axis, count in zip((SAFETY, STANDARD, ADMIN), counts, strict=True)
        for _ in range(count)
    ]
    anchors = {16: SAFETY, 20: STANDARD}  # 0-based: personal_ownership items; checked below
    items = []
    for index, (trait, axis) in enumerate(kinds):
        anchor = index in anchors
        assert not anchor or anchors[index] is axis
        items.append(Item(f"q{index + 1:02d}", trait, axis, index % 6 == 5, anchor, MappingProxyType({})))
    return tuple(items)


SYNTHETIC = _synthetic_instrument()
INSTRUMENTS = {"synthetic": SYNTHETIC, "real": ITEMS}


@pytest.fixture(params=["synthetic", "real"])
def instrument(request) -> tuple[Item, ...]:
    items = INSTRUMENTS[request.param]
    assert len(items) == 40, f"{request.param} instrument has {len(items)} items, expected 40"
    return items


def test_constants():
    assert PULSE_SIZE == 7
    assert ROTATION_WEEKS == 8


def test_synthetic_instrument_matches_the_blueprint():
    assert len(SYNTHETIC) == 40
    assert Counter(it.axis for it in SYNTHETIC) == {SAFETY: 16, STANDARD: 16, ADMIN: 8}
    assert [(it.id, it.axis) for it in SYNTHETIC if it.anchor] == [("q17", SAFETY), ("q21", STANDARD)]


@pytest.mark.parametrize("member", ["U01ABCDEF", "U02XYZ", "", "ærlig-ø"])
@pytest.mark.parametrize("period", ["2026-W01", "2026-W47", "2026-W53", "2027-W05"])
def test_pulse_shape(instrument, member, period):
    chosen = pulse_items(member, period, items=instrument)
    anchors = tuple(it for it in instrument if it.anchor)
    assert len(chosen) == 7
    assert len({it.id for it in chosen}) == 7
    assert chosen[:2] == anchors  # anchors first, in instrument order
    assert not any(it.anchor for it in chosen[2:])
    axes = Counter(it.axis for it in chosen)
    assert axes[SAFETY] >= 3
    assert axes[STANDARD] >= 3
    assert axes == {SAFETY: 3, STANDARD: 3, ADMIN: 1}


def test_default_instrument_is_the_real_one():
    assert len(ITEMS) == 40
    assert pulse_items("U1", "2026-W47") == pulse_items("U1", "2026-W47", items=ITEMS)
    assert pulse_items("U1", "2026-W47")[:2] == ANCHORS


def test_rotation_groups_deal_every_item(instrument):
    groups = rotation_groups(instrument)
    assert len(groups) == 8
    non_anchor_ids = {it.id for it in instrument if not it.anchor}
    assert len(non_anchor_ids) == 38
    dealt = Counter(it.id for group in groups for it in group)
    assert set(dealt) == non_anchor_ids
    # 40 slots for 38 items: exactly one safety and one standard item appear twice.
    twice = [item_id for item_id, n in dealt.items() if n == 2]
    assert len(twice) == 2
    assert max(dealt.values()) == 2
    by_id = {it.id: it for it in instrument}
    assert sorted(by_id[i].axis for i in twice) == sorted([SAFETY, STANDARD])
    for group in groups:
        assert Counter(it.axis for it in group) == {SAFETY: 2, STANDARD: 2, ADMIN: 1}


def test_each_item_set_is_dealt_once_and_never_taken_for_another():
    # The same items in another container are the same set: dealt once, the very same groups back.
    assert rotation_groups(list(ITEMS)) is rotation_groups(ITEMS)
    # Instrument versions 1 and 2 differ in one item; each gets its own groups, whichever came first.
    first, second = items_of_version(1), items_of_version(2)
    assert rotation_groups(first) == _deal(first) != _deal(second) == rotation_groups(second)
    assert rotation_groups(SYNTHETIC) == _deal(SYNTHETIC)


def test_rotation_groups_by_hand_on_the_synthetic_instrument():
    # Non-anchor safety items: q01 (CE), q09-q11 (CF), q18-q19 (PO, q17 is the anchor), q25-q30 (SS),
    # q33-q35 (SFU): 15 items. Group g gets the (g+1)th and (g+9)th, wrapping round after 15.
    safety = [it.id for it in SYNTHETIC if it.axis is SAFETY and not it.anchor]
    assert safety == [
        "q01", "q09", "q10", "q11", "q18", "q19", "q25", "q26",
        "q27", "q28", "q29", "q30", "q33", "q34", "q35",
    ]  # fmt: skip
    group0 = {it.id for it in rotation_groups(SYNTHETIC)[0] if it.axis is SAFETY}
    group7 = {it.id for it in rotation_groups(SYNTHETIC)[7] if it.axis is SAFETY}
    assert group0 == {"q01", "q27"}
    assert group7 == {"q26", "q01"}  # the 16th slot wraps round to the first item


def test_deterministic(instrument):
    first = pulse_items("U123", "2026-W47", items=instrument)
    assert pulse_items("U123", "2026-W47", items=instrument) == first
    assert pulse_items("U123", "2026-W48", items=instrument) != first


def test_selection_does_not_depend_on_the_process_hash_seed():
    code = (
        "from coaching.pulse import pulse_group;"
        "print([pulse_group(f'member-{i}', '2026-W47') for i in range(20)])"
    )
    outputs = {
        subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
            cwd=Path(__file__).resolve().parents[2],
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def _weeks_from(start: date, count: int) -> list[str]:
    return [period_of(start + timedelta(weeks=n)) for n in range(count)]


def _covered(member: str, periods: list[str], items) -> set[str]:
    return {it.id for period in periods for it in pulse_items(member, period, items=items)}


@given(
    member=st.text(max_size=20),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
)
def test_any_eight_consecutive_weeks_cover_every_item_synthetic(member, start):
    assert _covered(member, _weeks_from(start, 8), SYNTHETIC) == {it.id for it in SYNTHETIC}


@given(
    member=st.text(max_size=20),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
)
def test_any_eight_consecutive_weeks_cover_every_item_real(member, start):
    assert len(ITEMS) == 40
    assert _covered(member, _weeks_from(start, 8), ITEMS) == {it.id for it in ITEMS}


@given(
    member=st.text(max_size=20),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
)
def test_eight_consecutive_weeks_walk_all_eight_groups(member, start):
    groups = [pulse_group(member, period) for period in _weeks_from(start, 8)]
    assert sorted(groups) == list(range(8))
    # and each week is the next group
    assert all((b - a) % 8 == 1 for a, b in pairwise(groups))


# 2026 is a 53-week ISO year; 2025 and 2027 are not.
ACROSS_2026_53 = [
    "2026-W50", "2026-W51", "2026-W52", "2026-W53",
    "2027-W01", "2027-W02", "2027-W03", "2027-W04", "2027-W05",
]  # fmt: skip
ACROSS_2025 = [
    "2025-W49", "2025-W50", "2025-W51", "2025-W52",
    "2026-W01", "2026-W02", "2026-W03", "2026-W04", "2026-W05",
]  # fmt: skip


@pytest.mark.parametrize("periods", [ACROSS_2026_53, ACROSS_2025])
def test_year_boundary_weeks_are_consecutive(periods):
    indexes = [week_index(p) for p in periods]
    assert indexes == list(range(indexes[0], indexes[0] + len(periods)))


@pytest.mark.parametrize("periods", [ACROSS_2026_53, ACROSS_2025])
@pytest.mark.parametrize("member", ["U01", "U02", "U03", "U04", "U05", "U06", "U07", "U08"])
def test_year_boundary_windows_cover_every_item(instrument, periods, member):
    all_ids = {it.id for it in instrument}
    for start in range(len(periods) - 7):
        assert _covered(member, periods[start : start + 8], instrument) == all_ids


def test_members_are_spread_over_groups():
    members = [f"U{n:04d}" for n in range(40)]
    groups = {pulse_group(member, "2026-W47") for member in members}
    assert len(groups) >= 4
    pulses = {tuple(it.id for it in pulse_items(m, "2026-W47", items=SYNTHETIC)) for m in members}
    assert len(pulses) >= 4


@pytest.mark.parametrize(
    "period",
    [
        "",
        "2026-47",
        "2026W47",
        "2026-w47",
        "2026-W7",
        "2026-W047",
        "26-W47",
        " 2026-W47",
        "2026-W47 ",
        "2026-W47-1",
        "2026-W00",
        "2026-W54",
        "2025-W53",  # 2025 has only 52 ISO weeks
        "0000-W01",
        "２０２６-W47",  # full-width digits
    ],
)
def test_malformed_period_raises(period):
    with pytest.raises(ValueError, match="period"):
        pulse_items("U1", period, items=SYNTHETIC)
    with pytest.raises(ValueError, match="period"):
        week_index(period)


def test_instrument_without_two_anchors_is_rejected():
    no_anchors = tuple(Item(it.id, it.trait, it.axis, it.reverse, False, it.texts) for it in SYNTHETIC)
    with pytest.raises(ValueError, match="anchor"):
        pulse_items("U1", "2026-W47", items=no_anchors)


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (date(2026, 11, 16), "2026-W47"),  # Monday
        (date(2026, 11, 22), "2026-W47"),  # Sunday
        (date(2025, 12, 29), "2026-W01"),  # ISO year starts in the calendar year before
        (date(2026, 1, 1), "2026-W01"),
        (date(2027, 1, 1), "2026-W53"),  # Friday after 2026's 53rd Monday
        (date(2027, 1, 4), "2027-W01"),
        (date(2021, 1, 3), "2020-W53"),
        (date(2009, 3, 2), "2009-W10"),
    ],
)
def test_period_of_by_hand(day, period):
    assert period_of(day) == period


def test_week_monday_by_hand():
    assert week_monday("2026-W47") == date(2026, 11, 16)
    assert week_monday("2026-W53") == date(2026, 12, 28)
    assert week_monday("2027-W01") == date(2027, 1, 4)


@given(st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)))
def test_period_of_round_trips(day):
    period = period_of(day)
    monday = week_monday(period)
    assert monday.weekday() == 0
    assert monday <= day < monday + timedelta(days=7)
    assert period_of(monday) == period
    assert week_index(period_of(day + timedelta(weeks=1))) == week_index(period) + 1


def test_pulse_answers_score_with_the_half_rule():
    # A pulse asks 3 safety items (anchor + 2): two answers give a mean, one does not.
    chosen = pulse_items("U1", "2026-W47", items=SYNTHETIC)
    safety = [it for it in chosen if it.axis is SAFETY]
    assert len(safety) == 3
    value = {False: 4, True: 2}  # 2 on a reverse-keyed item reads as 4
    two = {it.id: value[it.reverse] for it in safety[:2]}
    assert score(two, items=chosen).safety == 4.0
    one = {it.id: value[it.reverse] for it in safety[:1]}
    assert score(one, items=chosen).safety is None
