"""The weekly figures aggregated in SQL, and the frozen snapshots, on SQLite and PostgreSQL.

Every expected number below is worked out by hand from the answers in `HAND_BUILT`, and asserted with
`==` after the storage layer's rounding to 1e-9: identical on both databases. Every team of a week at
once (`week_figures_all`) is tested in test_summaries_all_teams.py.
"""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session

from coaching.stats import Sample
from storage import members, summaries
from storage.db import Database
from storage.models import Member, Role, Team
from tests.support.statements import statements
from tests.support.summary_weeks import (
    ITEM_META,
    NOW,
    PERIOD,
    add_member,
    answer_pulse,
    make_team,
    mark_pulse_sent,
    uniform,
)

# q04 safety (trait safety_standard), q08 safety reversed (personal_ownership), q02 safety
# (continuous_feedback), q09 standard (safety_standard), q22 standard reversed (continuous_feedback),
# q01 standard (clear_expectations), q05 administration (systematic_follow_up). None = don't know.
HAND_BUILT: dict[str, dict[str, int | None]] = {
    # safety 5, standard 5, administration 4
    "S1": {"q04": 5, "q08": 1, "q02": 5, "q09": 5, "q22": 1, "q01": 5, "q05": 4},
    # safety 4 (q02 don't know), standard (4 + 3) / 2 = 3.5, no administration
    "S2": {"q04": 4, "q08": 2, "q02": None, "q09": 4, "q22": None, "q01": 3, "q05": None},
    # safety 2, standard (2 + 1 + 2) / 3, administration 2
    "S3": {"q04": 2, "q08": 4, "q02": 2, "q09": 2, "q22": 5, "q01": 2, "q05": 2},
    # safety 1 only (everything else don't know), administration 3
    "S4": {"q04": 1, "q08": None, "q02": None, "q09": None, "q22": None, "q01": None, "q05": 3},
    # safety (3 + 3 + 4) / 3, standard 4
    "S5": {"q04": 3, "q08": 3, "q02": 4, "q09": 4, "q22": 2, "q01": 4},
    # all don't know: not a respondent
    "S6": {"q04": None, "q09": None, "q05": None},
}


def moments(*means: float) -> summaries.Moments:
    return summaries.Moments(
        len(means), round(math.fsum(means), 9), round(math.fsum(m * m for m in means), 9)
    )


EXPECTED_AXES = {
    "safety": moments(5, 4, 2, 1, 10 / 3),
    "standard": moments(5, 3.5, 5 / 3, 4),
    "administration": moments(4, 2, 3),
}
EXPECTED_TRAITS = {
    "clear_expectations": moments(5, 3, 2, 4),  # q01
    "continuous_feedback": moments(5, 1.5, 4),  # q02 and reversed q22; S2 has neither
    "personal_ownership": moments(5, 4, 2, 3),  # reversed q08
    "safety_standard": moments(5, 4, 2, 1, 3.5),  # q04 and q09
    "systematic_follow_up": moments(4, 2, 3),  # q05
}


def hand_built_team(db: Database) -> int:
    with db.session() as s:
        team = make_team(s)
        for user_id, answers in HAND_BUILT.items():
            answer_pulse(s, team, add_member(s, team, user_id), answers)
        for user_id in ("S7", "S8"):  # sellers who did not answer
            add_member(s, team, user_id)
        add_member(s, team, "M1", role=Role.MANAGER)
        add_member(s, team, "S_GONE", active=False)
        add_member(s, team, "S_OFF", deactivated=True)
        add_member(s, team, "B1", is_bot=True)
        # Answers that must not count: another team, another week, the monthly survey.
        other = make_team(s, channel="C_OTHER")
        answer_pulse(s, other, add_member(s, other, "X1"), uniform(1, 1, 1))
        late = add_member(s, team, "S9", active=False)
        answer_pulse(s, team, late, uniform(1, 1, 1), period="2026-W47")
        answer_pulse(s, team, late, uniform(1, 1, 1), period="2026-11", kind="full")
        return team.id  # type: ignore[return-value]


def test_per_person_means_are_aggregated_exactly(db: Database) -> None:
    team_id = hand_built_team(db)
    with db.session() as s:
        week = summaries.week_figures(s, "T1", team_id, PERIOD, ITEM_META)

    assert week.period == PERIOD
    assert week.respondents == 5  # S6 answered only "don't know"
    assert dict(week.axes) == EXPECTED_AXES
    assert dict(week.traits) == EXPECTED_TRAITS


def test_the_moments_give_the_same_sample_as_the_values(db: Database) -> None:
    team_id = hand_built_team(db)
    with db.session() as s:
        week = summaries.week_figures(s, "T1", team_id, PERIOD, ITEM_META)

    safety = week.axes["safety"]
    got = Sample.from_moments(safety.n, safety.total, safety.total_sq)
    want = Sample.from_values([5, 4, 2, 1, 10 / 3])
    assert got is not None and want is not None
    assert got.n == 5
    assert got.mean == pytest.approx(want.mean, abs=1e-9)
    assert got.sd == pytest.approx(want.sd, abs=1e-8)


def test_eligible_counts_the_pulses_sent_to_active_sellers(db: Database) -> None:
    team_id = hand_built_team(db)
    with db.session() as s:
        # Active sellers: S1..S8 and S_OFF (deactivated later); the bot and S_GONE are not.
        assert summaries.week_figures(s, "T1", team_id, PERIOD, ITEM_META).eligible == 8
        for user_id in ("S1", "S2", "S3", "S4", "S5", "S6", "S_OFF", "S_GONE"):
            mark_pulse_sent(s, _member(s, user_id))
        mark_pulse_sent(s, _member(s, "S8"), period="2026-W47")
    with db.session() as s:
        # Sent this week to S1..S6 and S_OFF; S_GONE has left the team, S8 got last week's, S7 none.
        assert summaries.week_figures(s, "T1", team_id, PERIOD, ITEM_META).eligible == 7


def test_eligible_is_never_below_the_respondents(db: Database) -> None:
    with db.session() as s:
        team = make_team(s)
        seller = add_member(s, team, "S1")
        mark_pulse_sent(s, seller)
        gone = add_member(s, team, "S2", active=False)  # answered, then left the team
        answer_pulse(s, team, gone, uniform(4, 4))
        answer_pulse(s, team, seller, uniform(4, 4))
    with db.session() as s:
        week = summaries.week_figures(s, "T1", team.id, PERIOD, ITEM_META)  # type: ignore[arg-type]
    assert (week.respondents, week.eligible) == (2, 2)


def test_an_empty_week_has_no_figures(db: Database) -> None:
    with db.session() as s:
        team = make_team(s)
        add_member(s, team, "S1")
    with db.session() as s:
        week = summaries.week_figures(s, "T1", team.id, PERIOD, ITEM_META)  # type: ignore[arg-type]
    assert (week.respondents, week.eligible) == (0, 1)
    assert dict(week.axes) == {} and dict(week.traits) == {}


def test_one_statement_per_week_and_one_row_per_team_whatever_the_answers(db: Database) -> None:
    team_id = hand_built_team(db)
    with db.session() as s:
        s.execute(text("SELECT 1"))  # the connection is open before counting
        with statements(db) as seen:
            small = summaries.week_figures(s, "T1", team_id, PERIOD, ITEM_META)
        assert len(seen) == 1
    with db.session() as s:  # 60 more respondents: still one statement and one row per team
        for index in range(60):
            answer_pulse(s, team_id, add_member_to(s, team_id, f"N{index}"), uniform(index % 5 + 1, 3, 3))
    with db.session() as s:
        s.execute(text("SELECT 1"))
        with statements(db) as seen:
            big = summaries.week_figures(s, "T1", team_id, PERIOD, ITEM_META)
            every = summaries.week_figures_all(s, "T1", PERIOD, ITEM_META)
        statement = summaries.week_figures_statement(ITEM_META, s.get_bind().dialect.name, by_team=False)
        rows = s.execute(statement, {"workspace_id": "T1", "period": PERIOD}).all()
    assert len(seen) == 2  # one team, then every team of the workspace
    assert big.respondents == small.respondents + 60
    assert sorted(every) == sorted(row[0] for row in rows) and len(rows) == 2  # the team and C_OTHER
    assert every[team_id] == big


def test_item_meta_is_required() -> None:
    with pytest.raises(ValueError, match="item_meta"):
        summaries.week_figures_statement({}, "sqlite")


# -- snapshots ------------------------------------------------------------------------------------------


def test_the_first_snapshot_of_a_week_is_frozen(db: Database) -> None:
    with db.session() as s:
        team = make_team(s)
        assert summaries.save_snapshot(s, "T1", team.id, PERIOD, NOW, 5, 8, False, {"a": 1})  # type: ignore[arg-type]
    with db.session() as s:
        later = NOW + timedelta(hours=1)
        assert not summaries.save_snapshot(s, "T1", team.id, PERIOD, later, 6, 8, False, {"a": 2})  # type: ignore[arg-type]
    with db.session() as s:
        snapshot = summaries.get_snapshot(s, team.id, PERIOD)  # type: ignore[arg-type]
    assert snapshot is not None
    assert (snapshot.respondents, snapshot.published_at, dict(snapshot.figures)) == (5, NOW, {"a": 1})


def test_previous_snapshots_come_oldest_first_and_stop_before_the_week(db: Database) -> None:
    with db.session() as s:
        team = make_team(s)
        other = make_team(s, channel="C_OTHER")
        for week in (44, 45, 47, 48, 49):
            summaries.save_snapshot(s, "T1", team.id, f"2026-W{week}", NOW, 5, 5, week == 45, {})  # type: ignore[arg-type]
        summaries.save_snapshot(s, "T1", other.id, "2026-W47", NOW, 5, 5, False, {})  # type: ignore[arg-type]
    with db.session() as s:
        previous = summaries.snapshots(s, team.id, "2026-W48", limit=3)  # type: ignore[arg-type]
        latest = summaries.latest_snapshot(s, team.id)  # type: ignore[arg-type]
        assert summaries.get_snapshot(s, team.id, "2026-W46") is None  # type: ignore[arg-type]
    assert [(p.period, p.suppressed) for p in previous] == [
        ("2026-W44", False),
        ("2026-W45", True),
        ("2026-W47", False),
    ]
    assert latest is not None and latest.period == "2026-W49"


def _member(s: Session, user_id: str) -> Member:
    member = members.find_member(s, "T1", user_id)
    assert member is not None
    return member


def add_member_to(s: Session, team_id: int, user_id: str) -> Member:
    team = s.get(Team, team_id)
    assert team is not None
    return add_member(s, team, user_id)
