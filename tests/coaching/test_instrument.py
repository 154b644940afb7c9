"""The culture survey follows its blueprint and reads correctly in every language."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest

from coaching.instrument import (
    ANCHORS,
    CURRENT_VERSION,
    ITEMS,
    ITEMS_BY_ID,
    RETIRED,
    SUCCESSORS,
    VERSIONS,
    Axis,
    Item,
    Trait,
    items_of_version,
)
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
    assert ITEMS == VERSIONS[CURRENT_VERSION] == items_of_version(CURRENT_VERSION)


@pytest.mark.parametrize("version", sorted(VERSIONS))
@pytest.mark.parametrize(("trait", "axis"), list(BLUEPRINT))
def test_blueprint_counts_per_trait_and_axis(trait: Trait, axis: Axis, version: int) -> None:
    """Every version fills the same blueprint, so an axis or trait figure means the same in each."""
    count = sum(1 for item in VERSIONS[version] if item.trait == trait and item.axis == axis)
    assert count == BLUEPRINT[(trait, axis)]


def test_every_item_has_a_known_trait_and_axis() -> None:
    for item in ITEMS:
        assert isinstance(item.trait, Trait), item.id
        assert isinstance(item.axis, Axis), item.id


def test_version_1_is_q01_to_q40_in_order() -> None:
    assert [item.id for item in VERSIONS[1]] == [f"q{n:02d}" for n in range(1, 41)]


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_ids_are_unique_and_fit_the_answer_column(version: int) -> None:
    ids = [item.id for item in VERSIONS[version]]
    assert len(set(ids)) == len(ids) == 40
    assert all(re.fullmatch(r"q[0-9]{2}(v[0-9]+)?", item_id) and len(item_id) <= 8 for item_id in ids)


def test_a_new_wording_is_a_new_item_in_the_old_ones_place() -> None:
    """Each version's items sit in the previous version's slots: an unchanged item keeps its id, a
    changed one is a new item that names the one it replaces and keeps its axis, trait and slot."""
    for version in sorted(VERSIONS)[1:]:
        for before, now in zip(VERSIONS[version - 1], VERSIONS[version], strict=True):
            assert (now.axis, now.trait) == (before.axis, before.trait), now.id
            if now.id != before.id:
                assert now.replaces == before.id
                assert set(now.texts.values()).isdisjoint(before.texts.values())
            else:
                assert now is before


def test_retired_items_stay_known_and_are_never_asked_again() -> None:
    asked_now = {item.id for item in ITEMS}
    assert {item.id for item in RETIRED} == set(SUCCESSORS)
    for item in RETIRED:
        assert item.id not in asked_now
        assert ITEMS_BY_ID[item.id] is item
        assert SUCCESSORS[item.id] in asked_now
    every_version = {item.id for items in VERSIONS.values() for item in items}
    assert every_version == set(ITEMS_BY_ID)


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match="no instrument version 9"):
        items_of_version(9)


def test_the_weak_items_of_issue_10_are_no_longer_asked() -> None:
    """The anchors (q04, q09), the mind reading (q14), the reversed items ambiguous when disagreed with
    (q22, q26), support set against demands (q35), the double question (q12)."""
    weak = {"q04", "q09", "q12", "q14", "q22", "q26", "q35"}
    assert weak.isdisjoint(item.id for item in ITEMS)
    assert weak <= set(SUCCESSORS)


# One question per item: the words that join two questions into one.
_JOIN_NB = re.compile(r"\b(og|eller)\b|,")
_JOIN_SV = re.compile(r"\b((?<!var )och(?! en\b)|eller)\b|,")  # "var och en" is one word: each one
_JOIN_EN = re.compile(r"\b(and|or)\b|,")


def test_each_anchor_asks_one_thing() -> None:
    """An anchor is a third of every weekly axis figure: it asks one thing, in every language."""
    for anchor in ANCHORS:
        for locale, join in (("nb", _JOIN_NB), ("sv", _JOIN_SV), ("en", _JOIN_EN)):
            assert not join.search(anchor.texts[locale]), (anchor.id, locale)


def test_the_one_thing_check_can_fail() -> None:
    """Version 1's anchors asked two and three things at once."""
    for old in ("q04", "q09"):
        assert _JOIN_EN.search(ITEMS_BY_ID[old].texts["en"])
        assert _JOIN_NB.search(ITEMS_BY_ID[old].texts["nb"])


@pytest.mark.parametrize(
    ("locale", "why"), [("nb", "hvorfor"), ("sv", "varför"), ("en", "why")], ids=["nb", "sv", "en"]
)
def test_meaning_and_the_why_are_measured(locale: str, why: str) -> None:
    """The seed's "Inspirere og skape mening og retning" (q41, the relation side) and the Swedish
    article's "why before how" (q42, the standard side) each have an item; version 1 had neither."""
    asking_why = {item.id: item.axis for item in ITEMS if re.search(rf"\b{why}\b", item.texts[locale], re.I)}
    assert asking_why == {"q41": _SAFETY, "q42": _STANDARD}
    assert not any(re.search(rf"\b{why}\b", item.texts[locale], re.I) for item in VERSIONS[1])


@pytest.mark.parametrize("item", list(ITEMS_BY_ID.values()), ids=lambda item: item.id)
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


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_reverse_items_are_few_and_on_every_axis(version: int) -> None:
    reverse = [item for item in VERSIONS[version] if item.reverse]
    assert 6 <= len(reverse) <= 8
    assert {item.axis for item in reverse} == set(Axis)


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_exactly_two_anchors_one_safety_one_standard_none_reversed(version: int) -> None:
    anchors = [item for item in VERSIONS[version] if item.anchor]
    assert len(anchors) == 2
    assert sorted(item.axis for item in anchors) == sorted([_SAFETY, _STANDARD])
    assert not any(item.reverse for item in anchors)


def test_items_by_id_knows_every_item_asked_now_and_before() -> None:
    assert len(ITEMS_BY_ID) == len(ITEMS) + len(RETIRED)
    for item in (*ITEMS, *RETIRED):
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


@pytest.mark.parametrize("item", list(ITEMS_BY_ID.values()), ids=lambda item: item.id)
def test_swedish_text_has_no_norwegian_spellings(item: Item) -> None:
    assert not _words(*NORWEGIAN_ONLY).search(item.texts["sv"]), item.texts["sv"]


@pytest.mark.parametrize("item", list(ITEMS_BY_ID.values()), ids=lambda item: item.id)
def test_norwegian_text_has_no_swedish_spellings(item: Item) -> None:
    assert not _words(*SWEDISH_ONLY).search(item.texts["nb"]), item.texts["nb"]


def test_leader_is_named_with_the_glossary_terms() -> None:
    for item in ITEMS_BY_ID.values():
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


# What only the manager can know: how they see the seller, what they trust or want.
_MIND_READING_NB = re.compile(r"ser på meg|vil meg vel|stoler på at", re.IGNORECASE)


def test_no_item_asks_the_seller_to_read_the_managers_mind() -> None:
    assert [item.id for item in ITEMS if _MIND_READING_NB.search(item.texts["nb"])] == []
    # The check can fail: version 1 asked it three times.
    assert [item.id for item in VERSIONS[1] if _MIND_READING_NB.search(item.texts["nb"])] == [
        "q14",
        "q23",
        "q29",
    ]


def test_no_item_sets_support_against_demands() -> None:
    """The best leaders "trykker hardt på begge sider": more support is never asked as less pressure."""
    assert [item.id for item in ITEMS if re.search(r"\bpress\b", item.texts["nb"])] == []
    assert [item.id for item in VERSIONS[1] if re.search(r"\bpress\b", item.texts["nb"])] == ["q35"]
