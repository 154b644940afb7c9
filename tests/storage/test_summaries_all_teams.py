"""Every team of a week in one statement (`week_figures_all`), on SQLite and PostgreSQL: exactly the
figures of the per-team `week_figures`, and of a plain Python computation over the same hand-built
answers (per person the own mean per axis and trait, reverse-keyed items scored 6 - value)."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session

from storage import members, summaries
from storage.db import Database
from storage.models import Member, Role, Team
from tests.support.statements import statements
from tests.support.summary_weeks import (
    ITEM_META,
    PERIOD,
    add_member,
    answer_pulse,
    make_team,
    mark_pulse_sent,
    uniform,
)

Answers = dict[str, int | None]


def expected(people: list[Answers], eligible: int) -> summaries.WeekMoments:
    """The figures worked out in Python from the answers: what the SQL must give."""
    means: dict[tuple[str, str], list[float]] = defaultdict(list)
    respondents = 0
    for answers in people:
        scored: dict[tuple[str, str], list[int]] = defaultdict(list)
        for item, value in answers.items():
            if value is None:
                continue
            axis, trait, reverse = ITEM_META[item]
            for key in (("axis", axis), ("trait", trait)):
                scored[key].append(6 - value if reverse else value)
        respondents += bool(scored)
        for (kind, name), values in scored.items():
            means[kind, name].append(sum(values) / len(values))

    def moments(found: list[float]) -> summaries.Moments:
        return summaries.Moments(
            len(found), round(math.fsum(found), 9), round(math.fsum(m * m for m in found), 9)
        )

    return summaries.WeekMoments(
        period=PERIOD,
        respondents=respondents,
        eligible=max(eligible, respondents),
        axes={name: moments(found) for (kind, name), found in sorted(means.items()) if kind == "axis"},
        traits={name: moments(found) for (kind, name), found in sorted(means.items()) if kind == "trait"},
    )


# Four teams of T1 and one of T2, each with its own mix: reverse-keyed items, "don't know", people
# who answered nothing real, sellers who left, a ledger or none, no answers at all.
TEAMS: dict[str, list[Answers]] = {
    "C_A": [
        {"q04": 5, "q08": 1, "q02": 5, "q09": 5, "q22": 1, "q01": 5, "q05": 4},
        {"q04": 4, "q08": 2, "q02": None, "q09": 4, "q22": None, "q01": 3},
        {"q04": 2, "q08": 4, "q02": 2, "q09": 2, "q22": 5, "q01": 2, "q05": 2},
        {"q04": 1, "q08": None, "q05": 3},
        {"q04": None, "q09": None},
    ],
    "C_B": [uniform(v % 5 + 1, (v * 3) % 5 + 1, v % 2 + 3) for v in range(9)],
    "C_C": [
        {"q39": 1, "q34": 1, "q30": 5, "q26": 2, "q15": 4, "q12": 3, "q40": 5},  # five reverse-keyed
        {"q11": 3, "q13": 3, "q14": 2, "q16": 5, "q17": 1, "q18": 4, "q19": 5},
        {"q21": 2, "q23": 3, "q24": 4, "q25": 5, "q27": 1, "q28": 2, "q29": 3},
    ],
    "C_EMPTY": [],
    "C_T2": [uniform(2, 2, 2), uniform(4, 4, 4), uniform(5, 1)],
}


def build(db: Database) -> dict[str, tuple[int, int]]:
    """The teams above; per channel (team id, eligible by the rule: ledger, else active sellers)."""
    built: dict[str, tuple[int, int]] = {}
    with db.session() as s:
        for channel, people in TEAMS.items():
            team = make_team(s, channel=channel, workspace="T2" if channel == "C_T2" else "T1")
            sellers = [add_member(s, team, f"{channel}_S{n}") for n in range(len(people) + 2)]
            for seller, answers in zip(sellers, people, strict=False):
                answer_pulse(s, team, seller, answers)
            add_member(s, team, f"{channel}_M", role=Role.MANAGER)
            add_member(s, team, f"{channel}_GONE", active=False)
            eligible = len(sellers)
            if channel == "C_B":  # the ledger: sent to all but two, and to one who then left
                for seller in sellers[2:]:
                    mark_pulse_sent(s, seller)
                mark_pulse_sent(s, _member(s, team, f"{channel}_GONE"))
                eligible = len(sellers) - 2
            built[channel] = (team.id, eligible)  # type: ignore[assignment]
    return built


def _member(s: Session, team: Team, user_id: str) -> Member:
    member = members.find_member(s, team.workspace_id, user_id)
    assert member is not None
    return member


def test_every_team_of_the_week_in_one_statement_gives_exactly_the_per_team_figures(db: Database) -> None:
    built = build(db)
    with db.session() as s:
        s.execute(text("SELECT 1"))
        with statements(db) as seen:
            every = summaries.week_figures_all(s, "T1", PERIOD, ITEM_META)
        assert len(seen) == 1
        one_by_one = {
            channel: summaries.week_figures(
                s, "T2" if channel == "C_T2" else "T1", team_id, PERIOD, ITEM_META
            )
            for channel, (team_id, _) in built.items()
        }
        t2 = summaries.week_figures_all(s, "T2", PERIOD, ITEM_META)

    t1_teams = {team_id for channel, (team_id, _) in built.items() if channel != "C_T2"}
    assert set(every) == t1_teams  # T2's team is not T1's business
    assert t2 == {built["C_T2"][0]: one_by_one["C_T2"]}
    for channel, (team_id, eligible) in built.items():
        want = expected(TEAMS[channel], eligible)
        assert one_by_one[channel] == want, channel
        if channel != "C_T2":
            assert every[team_id] == want, channel
    assert every[built["C_B"][0]].eligible == 9  # the ledger's 9 of 11, not the 11 active sellers
    assert every[built["C_EMPTY"][0]] == summaries.empty_week(PERIOD, eligible=2)


def test_only_the_teams_asked_for_and_none_of_another_workspace(db: Database) -> None:
    built = build(db)
    wanted = [built["C_A"][0], built["C_EMPTY"][0], built["C_T2"][0]]
    with db.session() as s:
        some = summaries.week_figures_all(s, "T1", PERIOD, ITEM_META, wanted)
        none = summaries.week_figures_all(s, "T1", PERIOD, ITEM_META, [])
    assert set(some) == {built["C_A"][0], built["C_EMPTY"][0]}
    assert some[built["C_A"][0]] == expected(TEAMS["C_A"], built["C_A"][1])
    assert none == {}


def test_the_highest_sums_never_spill_into_another_measure(db: Database) -> None:
    """The per-person sums are packed into bit fields: a run with every item answered at the top (or
    the bottom) of the scale fills each field to its limit and must still give exact means."""
    with db.session() as s:
        team = make_team(s)
        top = {item: 1 if reverse else 5 for item, (_, _, reverse) in ITEM_META.items()}
        bottom = {item: 5 if reverse else 1 for item, (_, _, reverse) in ITEM_META.items()}
        for n, answers in enumerate([top, top, bottom]):
            answer_pulse(s, team, add_member(s, team, f"S{n}"), answers)
    with db.session() as s:
        week = summaries.week_figures_all(s, "T1", PERIOD, ITEM_META)[team.id]  # type: ignore[index]
    assert week == expected([top, top, bottom], 3)
    assert {name: m.total for name, m in week.axes.items()} == dict.fromkeys(week.axes, 11.0)


def test_a_value_off_the_scale_never_counts(db: Database) -> None:
    with db.session() as s:
        team = make_team(s)
        answer_pulse(s, team, add_member(s, team, "S1"), {"q04": 4, "q09": 4})
        answer_pulse(s, team, add_member(s, team, "S2"), {"q04": 9, "q09": 0})  # corrupt rows
    with db.session() as s:
        week = summaries.week_figures(s, "T1", team.id, PERIOD, ITEM_META)  # type: ignore[arg-type]
    assert week == expected([{"q04": 4, "q09": 4}], 2)


def test_the_weeks_statement_is_compiled_once(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its VALUES of literal item rows has no cache key, so SQLAlchemy alone would compile it on every
    call (about 30 ms at 1,000 teams on PostgreSQL); `storage.sql.execute_compiled` keeps it compiled."""
    build(db)
    compiles: list[str] = []
    original = SQLCompiler.__init__

    def counting(self: SQLCompiler, *args: Any, **kwargs: Any) -> None:
        compiles.append(type(self).__name__)
        original(self, *args, **kwargs)

    with db.session() as s:
        first = summaries.week_figures_all(s, "T1", PERIOD, ITEM_META)  # compiled here, or earlier
        monkeypatch.setattr(SQLCompiler, "__init__", counting)
        again = [summaries.week_figures_all(s, "T1", PERIOD, ITEM_META) for _ in range(2)]
    assert again == [first, first]
    assert compiles == []
