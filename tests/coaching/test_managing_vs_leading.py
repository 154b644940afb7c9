"""Managing vs leading in the leader's self-view: which items are which, and the split computed by hand."""

from __future__ import annotations

import pytest

from coaching.instrument import ITEMS_BY_ID, VERSIONS
from coaching.scoring import score
from coaching.self_view import LEADING_ITEM_IDS, compare, leading_items, managing_items, managing_vs_leading
from tests.support.self_answers import ADMIN, SELF, SELF_ANSWERS, team_summary


def test_item_choice():
    assert [item.id for item in managing_items()] == [
        "q05",
        "q06",
        "q13",
        "q15",
        "q21",
        "q25v2",
        "q27",
        "q40",
    ]
    assert all(item.axis is ADMIN for item in managing_items())
    # Since version 2 the leading side holds the why (q42) and meaning (q41) themselves.
    assert [item.id for item in leading_items()] == ["q17", "q19", "q41", "q42", "q38"]
    assert not {item.id for item in managing_items()} & set(LEADING_ITEM_IDS)
    assert set(LEADING_ITEM_IDS) <= set(ITEMS_BY_ID)


def test_a_version_1_self_view_keeps_its_own_items():
    version_1 = VERSIONS[1]
    assert [item.id for item in managing_items(version_1)] == [
        "q05",
        "q06",
        "q13",
        "q15",
        "q21",
        "q25",
        "q27",
        "q40",
    ]
    assert [item.id for item in leading_items(version_1)] == ["q17", "q19", "q23", "q24", "q29", "q38"]


def test_hand_computed_managing_vs_leading():
    answers = {
        # managing: q15 is reverse-keyed, 2 -> 4; 5+4+3+4+5+1+2+4 = 28 over 8
        "q05": 5,
        "q06": 4,
        "q13": 3,
        "q15": 2,
        "q21": 5,
        "q25v2": 1,
        "q27": 2,
        "q40": 4,
        # leading: 2+5+4+3+1 = 15 over 5
        "q17": 2,
        "q19": 5,
        "q41": 4,
        "q42": 3,
        "q38": 1,
        # other items, and version 1's items, do not count
        "q01": 1,
        "q04v2": 1,
        "q39": 5,
        "q23": 1,
        "q25": 5,
    }
    managing, leading = managing_vs_leading(answers)
    assert managing == 3.5
    assert leading == 3.0
    assert compare(score(answers), None, answers=answers).managing_vs_leading == (managing, leading)


def test_hand_computed_managing_vs_leading_of_a_version_1_self_view():
    answers = {
        # managing: 5+4+3+4+5+1+2+4 = 28 over 8 (q15 reversed)
        "q05": 5,
        "q06": 4,
        "q13": 3,
        "q15": 2,
        "q21": 5,
        "q25": 1,
        "q27": 2,
        "q40": 4,
        # leading: 2+5+4+3+5+1 = 20 over 6
        "q17": 2,
        "q19": 5,
        "q23": 4,
        "q24": 3,
        "q29": 5,
        "q38": 1,
    }
    version_1 = VERSIONS[1]
    managing, leading = managing_vs_leading(answers, version_1)
    assert (managing, leading) == (3.5, pytest.approx(20 / 6))
    assert compare(
        score(answers, items=version_1), None, answers=answers, items=version_1
    ).managing_vs_leading == (
        managing,
        leading,
    )
    # Read as today's version, the retired items would drop out (q25, q23, q24, q29) and both figures
    # change: which is why the self-view passes on the version its run asked.
    assert managing_vs_leading(answers) == (27 / 7, pytest.approx(8 / 3))


def test_managing_vs_leading_half_rule():
    # exactly half answered is enough: 4 of 8 managing (5+4+3+1); 3 of 5 leading (2+5+5) is at least half
    half = {"q05": 5, "q06": 4, "q13": 3, "q15": None, "q25v2": 1, "q17": 2, "q19": 5, "q41": 5, "q42": None}
    assert managing_vs_leading(half) == (13 / 4, 4.0)
    # under half: 3 of 8 and 2 of 5
    assert managing_vs_leading({"q05": 5, "q06": 4, "q13": 3, "q17": 2, "q19": 5}) == (None, None)
    assert managing_vs_leading({}) == (None, None)


def test_managing_is_the_administration_axis():
    assert managing_vs_leading(SELF_ANSWERS) == (SELF.administration, 3.6)


def test_managing_vs_leading_rejects_bad_answers():
    with pytest.raises(ValueError, match="q38"):
        managing_vs_leading({"q38": 6})


def test_without_answers_the_split_is_unknown():
    assert compare(SELF, team_summary()).managing_vs_leading == (None, None)
