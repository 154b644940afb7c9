"""The paired cells of a week (`storage.summaries.paired_figures_all`), on SQLite and PostgreSQL: the
same people's own mean this week against their own mean over the weeks before, in one statement for
every team, exactly as a plain Python computation over the same answers gives it."""

from __future__ import annotations

import math

from storage import summaries
from storage.db import Database
from tests.support.summary_weeks import ITEM_META, PERIOD, add_member, answer_pulse, make_team, uniform

WINDOW = summaries.weeks_before(PERIOD, 4)


def test_the_four_weeks_before_are_iso_weeks_across_the_year_end() -> None:
    assert WINDOW == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert summaries.weeks_before("2027-W02", 3) == ["2026-W52", "2026-W53", "2027-W01"]


def _moments(values: list[float]) -> summaries.Moments:
    return summaries.Moments(
        len(values), round(math.fsum(values), 9), round(math.fsum(v * v for v in values), 9)
    )


def test_only_people_who_answered_both_enter_and_only_their_own_weeks(db: Database) -> None:
    with db.session() as s:
        team = make_team(s, channel="C_P")
        other = make_team(s, channel="C_Q")
        sellers = [add_member(s, team, f"S{n}") for n in range(5)]
        # S0: two earlier weeks (safety 2 and 3, standard 4 both), now safety 5, standard 3
        answer_pulse(s, team, sellers[0], uniform(2, 4), period="2026-W45")
        answer_pulse(s, team, sellers[0], uniform(3, 4), period="2026-W47")
        answer_pulse(s, team, sellers[0], uniform(5, 3))
        # S1: one earlier week; "don't know" on standard now, so only a safety pair
        answer_pulse(s, team, sellers[1], uniform(4, 4), period="2026-W46")
        answer_pulse(s, team, sellers[1], {"q04": 3, "q09": None})
        # S2: answered only now (a newcomer); S3: only before (left out); S4: too long ago (W43)
        answer_pulse(s, team, sellers[2], uniform(1, 1))
        answer_pulse(s, team, sellers[3], uniform(5, 5), period="2026-W47")
        answer_pulse(s, team, sellers[4], uniform(5, 5), period="2026-W43")
        answer_pulse(s, team, sellers[4], uniform(2, 2))
        # a seller of another team with the same weeks: counted there, never here
        stranger = add_member(s, other, "X0")
        answer_pulse(s, other, stranger, uniform(1, 1), period="2026-W47")
        answer_pulse(s, other, stranger, uniform(3, 3))
        team_id, other_id = team.id, other.id
    with db.session() as s:
        every = summaries.paired_figures_all(s, "T1", PERIOD, WINDOW, ITEM_META)
        one = summaries.paired_figures_all(s, "T1", PERIOD, WINDOW, ITEM_META, [team_id])  # type: ignore[list-item]
    assert (
        every[team_id]
        == one[team_id]
        == {  # type: ignore[index]
            "safety": _moments([5 - 2.5, 3 - 4]),
            "standard": _moments([3 - 4]),
        }
    )
    assert every[other_id] == {"safety": _moments([2.0]), "standard": _moments([2.0])}  # type: ignore[index]


def test_the_split_tails_are_counted_over_the_window_against_the_teams_own_mean(db: Database) -> None:
    """Safety per person over W47 and W48: 4.5, 4.5, 4.0, 3.0, 2.0, 2.0 (team mean 3.333): two at
    least 0.75 above and two at least 0.75 below (4.0 is 0.667 above: not in the tail)."""
    window = ["2026-W47", PERIOD]
    with db.session() as s:
        team = make_team(s, channel="C_S")
        sellers = [add_member(s, team, f"S{n}") for n in range(6)]
        for seller, (before, now) in zip(
            sellers, [(4, 5), (5, 4), (4, 4), (3, 3), (2, 2), (1, 3)], strict=True
        ):
            answer_pulse(s, team, seller, uniform(before, 3), period="2026-W47")
            answer_pulse(s, team, seller, uniform(now, 3))
        answer_pulse(s, team, add_member(s, team, "OLD"), uniform(1, 1), period="2026-W46")  # outside
        team_id = team.id
    with db.session() as s:
        found = summaries.split_tails_all(s, "T1", window, ITEM_META)
    assert found[team_id] == {"safety": (6, 2, 2), "standard": (6, 0, 0)}  # type: ignore[index]


def test_the_full_surveys_cells_are_its_peoples_own_means_in_the_months_asked_for(db: Database) -> None:
    with db.session() as s:
        team = make_team(s, channel="C_F")
        sellers = [add_member(s, team, f"S{n}") for n in range(3)]
        for seller, (safety, standard) in zip(sellers, [(5, 2), (4, 3), (3, 4)], strict=True):
            answer_pulse(s, team, seller, uniform(safety, standard), period="2026-11", kind="survey")
        answer_pulse(s, team, sellers[0], uniform(1, 1), period="2026-09", kind="survey")  # another month
        answer_pulse(s, team, sellers[1], uniform(1, 1))  # a pulse, not the survey
        team_id = team.id
    with db.session() as s:
        found = summaries.survey_cells_all(s, "T1", ["2026-10", "2026-11"], ITEM_META)
    assert found[team_id] == {"safety": _moments([5.0, 4.0, 3.0]), "standard": _moments([2.0, 3.0, 4.0])}  # type: ignore[index]


def test_the_months_of_the_zones_window_are_the_months_its_days_fall_in() -> None:
    weeks = [*summaries.weeks_before("2026-W48", 7), "2026-W48"]  # 2026-10-05 to 2026-11-29
    assert summaries.months_of(weeks) == ["2026-10", "2026-11"]
    assert summaries.months_of(["2027-W01"]) == ["2027-01"]  # Monday 4 January
