"""The pulse on the full survey's scale: in SQL an anchor counts as one of its axis' items, not as a
third of a seller's weekly axis mean (`coaching.pulse.axis_weights`, the item metadata's fourth field)."""

from __future__ import annotations

import pytest

from coaching.instrument import items_of_version
from coaching.pulse import axis_weights
from storage import summaries
from storage.db import Database
from survey_flows.summary_weeks import ITEM_META
from tests.support.summary_weeks import PERIOD, add_member, answer_pulse, make_team


def test_the_anchor_weighs_like_one_of_sixteen_safety_items(db: Database) -> None:
    weights = axis_weights(items_of_version(1))  # the version-1 ids used below; every version has 16/16/8
    assert (weights["q04"], weights["q11"], weights["q05"]) == (2, 15, 1)
    assert ITEM_META["q04"][3] == 2 and ITEM_META["q11"][3] == 15
    with db.session() as s:
        team = make_team(s)
        # the anchor q04 at 1, two rotation safety items at 5; standard: the anchor q09 at 5, q01 at 1
        answer_pulse(s, team, add_member(s, team, "S1"), {"q04": 1, "q11": 5, "q17": 5, "q09": 5, "q01": 1})
        team_id = team.id
    with db.session() as s:
        week = summaries.week_figures(s, "T1", team_id, PERIOD, ITEM_META)  # type: ignore[arg-type]
    assert week.axes["safety"].total == pytest.approx((2 * 1 + 15 * 5 + 15 * 5) / 32)
    assert week.axes["standard"].total == pytest.approx((2 * 5 + 15 * 1) / 17)
    # traits are not weighted: safety_standard holds q04 and q09 alone here, 1 and 5
    assert week.traits["safety_standard"].total == pytest.approx(3.0)


def test_a_weight_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="weight"):
        summaries.week_figures_statement({"q01": ("standard", "clear_expectations", False, 0)}, "sqlite")
