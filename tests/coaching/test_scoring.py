import dataclasses
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coaching.instrument import ITEMS, Axis, Item, Trait
from coaching.scoring import Scores, mean_or_none, reverse_value, score
from coaching.zones import Zone

CE, CF, PO, SS, SFU = (
    Trait.CLEAR_EXPECTATIONS,
    Trait.CONTINUOUS_FEEDBACK,
    Trait.PERSONAL_OWNERSHIP,
    Trait.SAFETY_STANDARD,
    Trait.SYSTEMATIC_FOLLOW_UP,
)
SAFETY, STANDARD, ADMIN = Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION


def item(id: str, trait: Trait, axis: Axis, *, reverse: bool = False, anchor: bool = False) -> Item:
    return Item(id, trait, axis, reverse, anchor, MappingProxyType({}))


# A small instrument where every number below can be worked out by hand.
S1 = item("s1", CE, SAFETY)
S2 = item("s2", CF, SAFETY, reverse=True)
S3 = item("s3", SS, SAFETY)
S4 = item("s4", PO, SAFETY)
T1 = item("t1", CE, STANDARD)
T2 = item("t2", CF, STANDARD, reverse=True)
T3 = item("t3", SS, STANDARD)
T4 = item("t4", PO, STANDARD)
A1 = item("a1", SFU, ADMIN)
A2 = item("a2", SFU, ADMIN, reverse=True)
SMALL = (S1, S2, S3, S4, T1, T2, T3, T4, A1, A2)


def test_hand_computed_small_survey():
    answers = {
        "s1": 4,
        "s2": 2,  # reversed: 4
        "s3": 5,
        "s4": None,  # don't know
        "t1": 2,
        "t2": 4,  # reversed: 2
        "t3": None,
        "t4": 3,
        "a1": 3,
        "a2": 5,  # reversed: 1
    }
    result = score(answers, items=SMALL)
    assert result.safety == pytest.approx(13 / 3)  # (4 + 4 + 5) / 3
    assert result.standard == pytest.approx(7 / 3)  # (2 + 2 + 3) / 3
    assert result.administration == pytest.approx(2.0)  # (3 + 1) / 2
    assert result.zone is Zone.COMFORT
    assert result.borderline is False
    assert result.answered == 8
    assert dict(result.traits) == pytest.approx(
        {
            CE: 3.0,  # s1 4, t1 2
            CF: 3.0,  # s2 4 (reversed), t2 2 (reversed)
            PO: 3.0,  # s4 unknown, t4 3: one of two answered is enough
            SS: 5.0,  # s3 5, t3 unknown
            SFU: 2.0,  # a1 3, a2 1 (reversed)
        }
    )
    assert result.strongest_trait is SS
    assert result.weakest_trait is SFU


def test_reverse_keyed_items_are_flipped():
    # Without reversing s2 the mean would be (5 + 1) / 2 = 3.
    assert score({"s1": 5, "s2": 1}, items=(S1, S2)).safety == 5.0
    assert score({"s1": 1, "s2": 5}, items=(S1, S2)).safety == 1.0
    assert score({"s2": 3}, items=(S2,)).safety == 3.0


def test_dont_know_is_ignored_not_counted_as_a_value():
    # s3 as "don't know": the mean is of 2 and 4 only; counting it as 0 or 3 would give 2 or 3.
    result = score({"s1": 2, "s2": 2, "s3": None, "s4": None}, items=(S1, S2, S3, S4))
    assert result.safety == 3.0  # s1 2, s2 reversed 4
    assert result.answered == 2


def test_half_rule_on_an_even_count():
    four = (S1, S2, S3, S4)
    # exactly half (2 of 4) answered gives a mean
    assert score({"s1": 4, "s3": 2}, items=four).safety == 3.0
    # one fewer does not
    assert score({"s1": 4}, items=four).safety is None
    assert score({"s1": 4, "s3": None}, items=four).safety is None


def test_half_rule_on_an_odd_count_rounds_up():
    # Three safety items asked, as in a pulse: two answers are needed.
    three = (S1, S2, S3)
    assert score({"s1": 5, "s3": 3}, items=three).safety == 4.0
    assert score({"s1": 5}, items=three).safety is None


def test_half_rule_counts_the_asked_items_not_the_instrument():
    # Only s1 and s2 asked: one answer is half of them, although the instrument has four safety items.
    assert score({"s1": 5}, items=(S1, S2)).safety == 5.0
    assert score({"s1": 5}, items=SMALL).safety is None


def test_half_rule_per_trait():
    # CE has s1 and t1; SFU has a1 and a2.
    result = score({"s1": 5, "a1": None}, items=SMALL)
    assert result.traits[CE] == 5.0
    assert result.traits[SFU] is None
    assert result.traits[CF] is None


def test_an_item_asked_twice_counts_once():
    # Three distinct items: one answer is fewer than half.
    assert score({"s1": 4}, items=(S1, S1, S2, S3)).safety is None


def test_axis_without_asked_items_is_none():
    result = score({"s1": 5, "s2": 1}, items=(S1, S2))
    assert result.standard is None
    assert result.administration is None


def test_zone_is_none_when_an_axis_is_none():
    result = score({"s1": 5, "s2": 1, "t1": 5}, items=(S1, S2, T1, T2, T3, T4))
    assert result.safety == 5.0
    assert result.standard is None  # 1 of 4
    assert result.zone is None
    assert result.borderline is False


def test_zone_none_when_safety_missing():
    result = score({"t1": 1, "t2": 5}, items=(S1, T1, T2))
    assert result.standard == 1.0
    assert result.safety is None
    assert result.zone is None


def test_borderline_passes_through():
    # safety (4 + 3) / 2 = 3.5, standard 5
    result = score({"s1": 4, "s3": 3, "t1": 5}, items=(S1, S3, T1))
    assert result.zone is Zone.PERFORMANCE
    assert result.borderline is True


def test_cutoff_is_passed_to_the_zone():
    answers = {"s1": 3, "t1": 3}
    assert score(answers, items=(S1, T1)).zone is Zone.APATHY
    assert score(answers, items=(S1, T1), cutoff=3.0).zone is Zone.PERFORMANCE


def test_scores_carry_no_relation_system_ratio():
    """A ratio of the two perceptions is not the seed's balance (the leader's pressure on each side): all 2s
    and all 5s would both read 50/50. Scores hold the two axes and nothing that pretends to be a dose."""
    assert {field.name for field in dataclasses.fields(Scores)} == {
        "safety",
        "standard",
        "administration",
        "traits",
        "zone",
        "borderline",
        "answered",
    }


ONE_PER_TRAIT = (
    item("c", CE, SAFETY),
    item("f", CF, SAFETY),
    item("p", PO, STANDARD),
    item("s", SS, STANDARD),
    item("y", SFU, ADMIN),
)


def test_strongest_and_weakest_ties_go_to_trait_order():
    answers = {"y": 1, "s": 5, "p": 1, "f": 5, "c": 3}
    for items in (ONE_PER_TRAIT, tuple(reversed(ONE_PER_TRAIT))):
        result = score(answers, items=items)
        assert result.strongest_trait is CF  # CF and SS both 5; CF comes first
        assert result.weakest_trait is PO  # PO and SFU both 1; PO comes first


def test_all_traits_equal_gives_the_first_trait_both_ways():
    result = score(dict.fromkeys("cfpsy", 3), items=ONE_PER_TRAIT)
    assert result.strongest_trait is CE
    assert result.weakest_trait is CE


def test_traits_without_mean_are_skipped_for_strongest_and_weakest():
    result = score({"p": 2, "s": 4}, items=ONE_PER_TRAIT)
    assert result.strongest_trait is SS
    assert result.weakest_trait is PO


def test_no_trait_mean_gives_no_strongest_or_weakest():
    result = score({}, items=ONE_PER_TRAIT)
    assert set(result.traits) == set(Trait)
    assert all(value is None for value in result.traits.values())
    assert result.strongest_trait is None
    assert result.weakest_trait is None
    assert result.answered == 0


@pytest.mark.parametrize("bad", [0, 6, -1, 10, True, 3.0, "3"])
def test_values_outside_the_scale_raise(bad):
    with pytest.raises(ValueError, match=r"item s1 must be an integer from 1 to 5"):
        score({"s1": bad}, items=SMALL)


def test_unknown_answer_ids_are_ignored():
    base = score({"s1": 4, "s2": 2}, items=(S1, S2))
    noisy = score({"s1": 4, "s2": 2, "zz9": 5, "t1": 1, "junk": 99}, items=(S1, S2))
    assert noisy == base
    assert noisy.answered == 2


def test_unknown_asked_id_raises():
    with pytest.raises(ValueError, match="not in the instrument"):
        score({}, items=["no-such-item"])


@given(st.integers(min_value=1, max_value=5))
def test_reversing_twice_is_identity(value):
    assert reverse_value(reverse_value(value)) == value


def test_reverse_value_by_hand():
    assert [reverse_value(v) for v in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    with pytest.raises(ValueError, match="value to reverse must be an integer from 1 to 5"):
        reverse_value(0)
    with pytest.raises(ValueError, match="got 6"):
        reverse_value(6)


def test_mean_or_none():
    assert mean_or_none([]) is None
    assert mean_or_none(iter(())) is None
    assert mean_or_none([2.0]) == 2.0
    assert mean_or_none(iter([1, 2, 4, 5])) == 3.0
    assert mean_or_none(x for x in (4.2, 1.8)) == pytest.approx(3.0)


# --- properties over generated instruments -----------------------------------------------------------


@st.composite
def instruments(draw, *, min_size: int = 0) -> tuple[Item, ...]:
    kinds = draw(
        st.lists(
            st.tuples(st.sampled_from(list(Trait)), st.sampled_from(list(Axis)), st.booleans()),
            min_size=min_size,
            max_size=25,
        )
    )
    return tuple(item(f"g{i:02d}", trait, axis, reverse=rev) for i, (trait, axis, rev) in enumerate(kinds))


@st.composite
def instruments_with_answers(draw) -> tuple[tuple[Item, ...], dict[str, int | None]]:
    items = draw(instruments())
    answers: dict[str, int | None] = {}
    for it in items:
        if draw(st.booleans()):  # leave some items unanswered altogether
            answers[it.id] = draw(st.none() | st.integers(min_value=1, max_value=5))
    extra = draw(
        st.dictionaries(st.text(max_size=5).map("x-".__add__), st.none() | st.integers(), max_size=3)
    )
    for key, value in extra.items():
        answers.setdefault(key, value)  # unknown ids with any value
    return items, answers


def _every_mean(result: Scores) -> list[float]:
    values = [result.safety, result.standard, result.administration, *result.traits.values()]
    return [v for v in values if v is not None]


@given(instruments_with_answers())
def test_partial_answers_never_raise_and_stay_on_the_scale(case):
    items, answers = case
    result = score(answers, items=items)
    assert all(1.0 <= value <= 5.0 for value in _every_mean(result))
    assert set(result.traits) == set(Trait)
    assert 0 <= result.answered <= len(items)
    assert (result.zone is None) == (result.safety is None or result.standard is None)
    if result.strongest_trait is not None:
        assert result.weakest_trait is not None
        assert result.traits[result.strongest_trait] >= result.traits[result.weakest_trait]


def _best_answers(items) -> dict[str, int]:
    return {it.id: 1 if it.reverse else 5 for it in items}


@given(instruments(min_size=1))
def test_best_answers_give_five_everywhere(items):
    result = score(_best_answers(items), items=items)
    axes = {it.axis for it in items}
    traits = {it.trait for it in items}
    for axis, value in ((SAFETY, result.safety), (STANDARD, result.standard), (ADMIN, result.administration)):
        assert value == (5.0 if axis in axes else None)
    for trait in Trait:
        assert result.traits[trait] == (5.0 if trait in traits else None)
    assert result.answered == len(items)
    if SAFETY in axes and STANDARD in axes:
        assert result.zone is Zone.PERFORMANCE


# --- the real instrument -----------------------------------------------------------------------------


def test_full_survey_best_answers_give_performance():
    assert len(ITEMS) == 40
    result = score(_best_answers(ITEMS))
    assert (result.safety, result.standard, result.administration) == (5.0, 5.0, 5.0)
    assert all(value == 5.0 for value in result.traits.values())
    assert result.zone is Zone.PERFORMANCE
    assert result.borderline is False
    assert result.answered == 40


def test_full_survey_worst_answers_give_apathy():
    assert len(ITEMS) == 40
    worst = {it.id: 5 if it.reverse else 1 for it in ITEMS}
    result = score(worst)
    assert (result.safety, result.standard, result.administration) == (1.0, 1.0, 1.0)
    assert result.zone is Zone.APATHY


def test_full_survey_needs_eight_of_sixteen_safety_answers():
    safety_items = [it for it in ITEMS if it.axis is SAFETY]
    assert len(safety_items) == 16
    eight = {it.id: 3 for it in safety_items[:8]}
    assert score(eight).safety == 3.0
    seven = {it.id: 3 for it in safety_items[:7]}
    assert score(seven).safety is None


def test_asked_items_may_be_given_as_ids():
    assert len(ITEMS) == 40
    ids = [it.id for it in ITEMS[:10]]
    answers = {it.id: 4 for it in ITEMS}
    assert score(answers, items=ids) == score(answers, items=ITEMS[:10])
    assert score(answers, items=ids).answered == 10
