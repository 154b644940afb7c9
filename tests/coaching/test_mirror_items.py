"""The manager's mirror wording of every item, asked now or before: complete, short, in the right language and
voice."""

from __future__ import annotations

import re

import pytest

from coaching.instrument import ITEMS_BY_ID, VERSIONS
from coaching.locale import LOCALES
from coaching.mirror_items import MIRROR, mirror_text

MAX_TEXT_LENGTH = 120

# Whole words that give away the wrong language (case-insensitive).
NORWEGIAN_ONLY = ("ikke", "jeg", "hva", "meg", "også", "hvordan", "og", "teamet mitt", "lederen")
SWEDISH_ONLY = ("inte", "jag", "vad", "mig", "också", "hur", "och", "är", "mitt team", "chef")

# First person from the leader's side.
NB_FIRST_PERSON = ("jeg", "meg", "min", "mitt", "mine")
SV_FIRST_PERSON = ("jag", "mig", "min", "mitt", "mina")

CASES = [(item_id, locale) for item_id in ITEMS_BY_ID for locale in LOCALES]


def has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE) is not None


def test_every_item_of_every_version_has_its_mirror():
    """A self-view started on version 1 finishes with version 1's items: their mirrors stay."""
    assert set(MIRROR) == set(ITEMS_BY_ID)
    assert len(MIRROR) == 55
    for version in VERSIONS.values():
        assert all(item.id in MIRROR for item in version)


def test_every_item_has_exactly_the_three_locales():
    for item_id, texts in MIRROR.items():
        assert set(texts) == set(LOCALES), item_id


@pytest.mark.parametrize(("item_id", "locale"), CASES)
def test_text_is_present_short_and_tidy(item_id, locale):
    text = mirror_text(item_id, locale)
    assert text.strip() == text
    assert text
    assert len(text) <= MAX_TEXT_LENGTH, f"{item_id}/{locale} is {len(text)} characters"
    assert text[0].isupper()
    assert text.endswith(".")
    assert "  " not in text


@pytest.mark.parametrize(("item_id", "locale"), CASES)
def test_mirror_differs_from_the_seller_text(item_id, locale):
    assert mirror_text(item_id, locale) != ITEMS_BY_ID[item_id].text(locale)


@pytest.mark.parametrize("item_id", list(MIRROR))
def test_norwegian_has_no_swedish_words(item_id):
    text = mirror_text(item_id, "nb")
    assert [word for word in SWEDISH_ONLY if has_word(text, word)] == []


@pytest.mark.parametrize("item_id", list(MIRROR))
def test_swedish_has_no_norwegian_words(item_id):
    text = mirror_text(item_id, "sv")
    assert [word for word in NORWEGIAN_ONLY if has_word(text, word)] == []


@pytest.mark.parametrize("item_id", list(MIRROR))
def test_spoken_by_the_leader_in_the_first_person(item_id):
    nb, sv, en = (mirror_text(item_id, locale) for locale in ("nb", "sv", "en"))
    assert any(has_word(nb, word) for word in NB_FIRST_PERSON), nb
    assert any(has_word(sv, word) for word in SV_FIRST_PERSON), sv
    assert re.search(r"(?<!\w)(I|[Mm]y|me)(?!\w)", en), en


@pytest.mark.parametrize("item_id", list(MIRROR))
def test_not_the_sellers_voice(item_id):
    """The seller's "my manager"/"lederen min"/"min chef" never appears in the leader's wording."""
    assert not has_word(mirror_text(item_id, "nb"), "lederen min")
    assert not has_word(mirror_text(item_id, "sv"), "min chef")
    assert not has_word(mirror_text(item_id, "en"), "my manager")
    assert not has_word(mirror_text(item_id, "nb"), "teamet vårt")
    assert not has_word(mirror_text(item_id, "sv"), "vårt team")
    assert not has_word(mirror_text(item_id, "en"), "our team")


def test_reverse_items_keep_their_direction():
    """Spot checks that a reverse-keyed statement still describes the bad state from the leader's side."""
    assert mirror_text("q39", "nb") == "I teamet mitt er det tryggest å tie om feil."
    assert "tyst om misstag" in mirror_text("q39", "sv")
    assert "keep quiet about mistakes" in mirror_text("q39", "en")
    assert "kontroll enn som omsorg" in mirror_text("q30", "nb")
    assert "kvier meg" in mirror_text("q22", "nb")
    assert "slipper noen unna" in mirror_text("q34", "nb")
    assert "lav profil" in mirror_text("q08", "nb")
    assert "overraskende" in mirror_text("q15", "nb")
    assert "bommet" in mirror_text("q26", "nb")
    assert "ingen rolle" in mirror_text("q46", "nb")


def test_reverse_items_carry_no_added_negation():
    """A reverse item mirrored as "I do not …" would flip its keying; none of them gains a negation."""
    for item in ITEMS_BY_ID.values():
        if not item.reverse:
            continue
        for locale, negation in (("nb", "ikke"), ("sv", "inte"), ("en", "not")):
            seller = has_word(item.text(locale), negation)
            mirror = has_word(mirror_text(item.id, locale), negation)
            assert mirror == seller, f"{item.id}/{locale}"


def test_unknown_id_or_locale_raises_key_error():
    with pytest.raises(KeyError, match="q48"):
        mirror_text("q48", "nb")
    with pytest.raises(KeyError, match="da"):
        mirror_text("q01", "da")
