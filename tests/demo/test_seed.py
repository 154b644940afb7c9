"""The demo workspace: four teams that end twelve weeks in the four zones, one sliding from performance into
comfort and one recovering from stress, published through the clock's own summary publishing; the same
seed gives the same figures, and seeding again changes nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coaching.summary import shown_figures
from demo.personas import TEAMS
from demo.seed import seed_demo
from reports.team_report import published_summaries
from storage import summaries
from storage.db import Database
from tests.support.demo import TODAY, ZONES, Seeded, seeded


def test_the_four_teams_end_in_the_four_zones(demo: Seeded) -> None:
    latest = {team.name: demo.history(team.name)[-1] for team in demo.workspace.teams}
    assert {name: summary.zone for name, summary in latest.items()} == ZONES
    assert len(set(ZONES.values())) == 4
    assert all(summary.period == "2026-W48" and not summary.suppressed for summary in latest.values())


def _zones(demo: Seeded, name: str) -> list[str]:
    """The zone of every shown week, oldest first."""
    return [s.zone for s in demo.history(name) if s.zone is not None]


def test_one_team_slides_from_performance_into_comfort_and_one_recovers_from_stress(demo: Seeded) -> None:
    sliding, recovering = _zones(demo, "Salg Nord"), _zones(demo, "Salg Sør")
    assert sliding[0] == "performance" and sliding[-1] == "comfort"
    assert sliding == sorted(sliding, key=lambda zone: zone == "comfort")  # once in comfort, it stays there
    assert recovering[0] == "stress" and recovering[-1] == "performance"
    assert recovering == sorted(recovering, key=lambda zone: zone == "performance")
    standard = [s.standard.mean for s in demo.history("Salg Nord") if s.standard is not None]
    assert standard[0] - standard[-1] > 1.0  # the standard fell; safety did not carry it


def test_every_week_is_published_and_the_channel_got_what_is_frozen(demo: Seeded) -> None:
    posts = demo.sender.channel_posts
    assert len(posts) == len(TEAMS) * 12
    for team in demo.workspace.teams:
        posted = [summary for view, summary in posts if view.id == team.team_id]
        assert posted == demo.history(team.name)
        assert [s.period for s in posted] == list(demo.workspace.periods)
    to_managers = {(view.name, user) for view, _, user in demo.sender.manager_dms}
    director = demo.workspace.manager.user_id
    assert to_managers == {(t.name, u) for t in demo.workspace.teams for u in (director, t.manager.user_id)}


def test_the_holiday_week_is_below_the_minimum_and_shows_no_figure(demo: Seeded) -> None:
    week = demo.history("Key Accounts")[5]
    assert week.suppressed and week.respondents == 3 and week.min_respondents == 5
    assert shown_figures(week) == {} and week.zone is None


def _frozen(db: Database, team_ids: list[int]) -> list[tuple]:
    with db.session() as s:
        return [
            (x.period, x.respondents, x.eligible, x.suppressed, dict(x.figures))
            for team_id in team_ids
            for x in summaries.team_snapshots(s, team_id)
        ]


def test_a_seed_gives_the_same_figures_again_and_another_seed_others(
    demo: Seeded, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = seeded(sqlite_template, tmp_path_factory.mktemp("again"))
    other = seeded(sqlite_template, tmp_path_factory.mktemp("other"), seed=2)
    ids = [team.team_id for team in demo.workspace.teams]
    assert [team.team_id for team in again.workspace.teams] == ids
    first = _frozen(demo.db, ids)
    assert len(first) == 48
    assert _frozen(again.db, ids) == first
    assert _frozen(other.db, ids) != first
    assert {t.name: other.history(t.name)[-1].zone for t in other.workspace.teams} == ZONES
    for found in (again, other):
        found.db.dispose()


def test_seeding_a_seeded_database_again_changes_nothing_and_is_quick(demo: Seeded) -> None:
    ids = [team.team_id for team in demo.workspace.teams]
    before = _frozen(demo.db, ids)
    seen: list[tuple[int, int]] = []
    started = time.perf_counter()
    workspace = seed_demo(
        demo.db, seed=7, today=TODAY, progress=lambda done, total: seen.append((done, total))
    )
    assert time.perf_counter() - started < 1.0
    assert not workspace.seeded and workspace.teams == demo.workspace.teams
    assert _frozen(demo.db, ids) == before
    assert seen == [(13, 13)]


def test_the_demo_seeds_on_every_backend_and_tells_its_progress(db_url: str) -> None:
    db = Database.from_url(db_url)
    seen: list[tuple[int, int]] = []
    workspace = seed_demo(db, weeks=12, today=TODAY, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 13) for n in range(1, 14)]
    assert workspace.seeded and workspace.names["UDEMOM00"] == "Marte Lund"
    latest = {t.name: published_summaries(db, t.team_id, 1)[-1].zone for t in workspace.teams}
    assert latest == ZONES
    db.dispose()
