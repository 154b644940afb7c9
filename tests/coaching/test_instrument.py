"""The culture survey follows its blueprint and reads correctly in every language."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from coaching.instrument import ANCHORS, ITEMS, ITEMS_BY_ID, Axis, Item, Trait
from coaching.locale import LOCALES

MAX_TEXT_LENGTH = 120

_SAFETY, _STANDARD, _ADMIN = Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION

# Items per (trait, axis); the seed's 40 questions over five traits and three axes.
BLUEPRINT: dict[tuple[Trait, Axis], int] = {
    (Trait.CLEAR_EXPECTATIONS, _SAFETY): 1,
    (Trait.CLEAR_EXPECTATIONS, _STANDARD): 5,
    (Trait.CLEAR_EXPECTATIONS, _ADMIN): 2,
    (Trait.CONTINUOUS_FEEDBACK, _SAFETY): 3,
    (Trait.CONTINUOUS_FEEDBACK, _STANDARD): 4,
    (Trait.CONTINUOUS_FEEDBACK, _ADMIN): 1,
    (Trait.PERSONAL_OWNERSHIP, _SAFETY): 3,
    (Trait.PERSONAL_OWNERSHIP, _STANDARD): 4,
    (Trait.PERSONAL_OWNERSHIP, _ADMIN): 1,
    (Trait.SAFETY_STANDARD, _SAFETY): 6,
    (Trait.SAFETY_STANDARD, _STANDARD): 2,
    (Trait.SAFETY_STANDARD, _ADMIN): 0,
    (Trait.SYSTEMATIC_FOLLOW_UP, _SAFETY): 3,
    (Trait.SYSTEMATIC_FOLLOW_UP, _STANDARD): 1,
    (Trait.SYSTEMATIC_FOLLOW_UP, _ADMIN): 4,
}

# Spellings that give away the wrong language (word-bounded, case-insensitive).
NORWEGIAN_ONLY = ("ikke", "jeg", "også", "hvordan", "hva", "lederen", "teamet vårt")
SWEDISH_ONLY = ("inte", "jag", "också", "hur", "vad", "chef", "vårt team")


def _words(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def test_blueprint_is_consistent_with_itself() -> None:
    assert sum(BLUEPRINT.values()) == 40
    assert set(BLUEPRINT) == {(t, a) for t in Trait for a in Axis}
    per_axis = Counter()
    for (_, axis), count in BLUEPRINT.items():
        per_axis[axis] += count
    assert per_axis == {_SAFETY: 16, _STANDARD: 16, _ADMIN: 8}


def test_there_are_40_items() -> None:
    assert len(ITEMS) == 40


@pytest.mark.parametrize(("trait", "axis"), list(BLUEPRINT))
def test_blueprint_counts_per_trait_and_axis(trait: Trait, axis: Axis) -> None:
    count = sum(1 for item in ITEMS if item.trait == trait and item.axis == axis)
    assert count == BLUEPRINT[(trait, axis)]


def test_every_item_has_a_known_trait_and_axis() -> None:
    for item in ITEMS:
        assert isinstance(item.trait, Trait), item.id
        assert isinstance(item.axis, Axis), item.id


def test_ids_are_q01_to_q40_unique_and_in_order() -> None:
    ids = [item.id for item in ITEMS]
    assert len(set(ids)) == len(ids)
    assert ids == [f"q{n:02d}" for n in range(1, 41)]


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.id)
def test_item_has_short_texts_in_every_locale(item: Item) -> None:
    assert set(item.texts) == set(LOCALES)
    for locale in LOCALES:
        text = item.texts[locale]
        assert text.strip(), f"{item.id} {locale} is empty"
        assert text == text.strip(), f"{item.id} {locale} has stray whitespace"
        assert len(text) <= MAX_TEXT_LENGTH, f"{item.id} {locale} is {len(text)} chars"
        assert not text.endswith("?"), f"{item.id} {locale} should be a statement"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_two_items_share_a_text(locale: str) -> None:
    texts = [item.texts[locale].casefold() for item in ITEMS]
    duplicates = [text for text, n in Counter(texts).items() if n > 1]
    assert not duplicates


def test_reverse_items_are_few_and_on_every_axis() -> None:
    reverse = [item for item in ITEMS if item.reverse]
    assert 6 <= len(reverse) <= 8
    assert {item.axis for item in reverse} == set(Axis)


def test_exactly_two_anchors_one_safety_one_standard_none_reversed() -> None:
    anchors = [item for item in ITEMS if item.anchor]
    assert len(anchors) == 2
    assert sorted(item.axis for item in anchors) == sorted([_SAFETY, _STANDARD])
    assert not any(item.reverse for item in anchors)


def test_items_by_id_matches_items() -> None:
    assert len(ITEMS_BY_ID) == len(ITEMS)
    for item in ITEMS:
        assert ITEMS_BY_ID[item.id] is item


def test_anchors_are_the_anchor_items_in_order() -> None:
    assert tuple(item for item in ITEMS if item.anchor) == ANCHORS
    assert all(ITEMS_BY_ID[item.id] is item for item in ANCHORS)


def test_no_long_run_of_one_axis_or_trait() -> None:
    """A 40-question run should feel varied, not 16 safety items in a row."""
    for attribute, longest_allowed in (("axis", 2), ("trait", 1)):
        run = longest = 1
        for previous, current in itertools.pairwise(ITEMS):
            run = run + 1 if getattr(previous, attribute) == getattr(current, attribute) else 1
            longest = max(longest, run)
        assert longest <= longest_allowed, attribute


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.id)
def test_swedish_text_has_no_norwegian_spellings(item: Item) -> None:
    assert not _words(*NORWEGIAN_ONLY).search(item.texts["sv"]), item.texts["sv"]


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.id)
def test_norwegian_text_has_no_swedish_spellings(item: Item) -> None:
    assert not _words(*SWEDISH_ONLY).search(item.texts["nb"]), item.texts["nb"]


def test_leader_is_named_with_the_glossary_terms() -> None:
    for item in ITEMS:
        nb, sv, en = item.texts["nb"], item.texts["sv"], item.texts["en"]
        if re.search(r"\bleder", nb, re.IGNORECASE):
            assert re.search(r"\b(chef|chefens|ledare)\b", sv, re.IGNORECASE), item.id
            assert re.search(r"\bmanager", en, re.IGNORECASE), item.id


def test_language_checks_can_fail() -> None:
    assert _words(*NORWEGIAN_ONLY).search("Jeg vet ikke hvordan.")
    assert _words(*SWEDISH_ONLY).search("Jag vet inte.")
    assert not _words(*SWEDISH_ONLY).search("Teamet har intern friksjon.")


@pytest.mark.parametrize("locale", LOCALES)
def test_text_returns_the_locale_text(locale: str) -> None:
    item = ITEMS_BY_ID["q04"]
    assert item.text(locale) == item.texts[locale]
    assert len({item.text(other) for other in LOCALES}) == len(LOCALES)
