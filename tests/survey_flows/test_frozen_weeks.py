"""Nothing kept can name a person, and a figure hidden once stays hidden (issue 9): what a published week's
snapshot keeps (no cell below its minimum, the split as a yes/no), how a raised minimum holds the weeks
already published to it while a lowered one changes nothing kept, and a week frozen while the minimum
is being raised."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from coaching.summary import shown_figures
from scheduling.summaries import SummaryService
from storage import summaries
from storage.db import Database
from storage.models import Member
from survey_flows.team_settings import TeamSettings
from survey_flows.teams import SaveStatus, SetupFacts, TeamService
from survey_flows.views import TeamView
from tests.scheduling.summary_publishing import FakeSender, build_team
from tests.support.harness import Clock
from tests.support.summary_weeks import (
    PERIOD,
    STANDARD_ITEMS,
    STANDARD_REVERSE,
    SUMMARY_TIME,
    WS,
    uniform,
    week_of,
)
from tests.support.summary_weeks import answer_pulse as answer


@pytest.fixture
def service(db: Database) -> SummaryService:
    return SummaryService(db, Clock(SUMMARY_TIME), FakeSender())


def answer_mixed_week(
    db: Database, team: TeamView, people: list[Member], *, period: str = PERIOD, standard: bool = False
) -> None:
    """Six answers: safety from all six, standard from four (all six with `standard`), administration
    (and so the systematic follow-up trait) from two: mean 4.5 with sd 0.71, which would give away both
    their values."""
    no_standard = {} if standard else dict.fromkeys((*STANDARD_ITEMS, STANDARD_REVERSE), None)
    weeks = [uniform(4, 4, 4), uniform(4, 4, 5), uniform(4, 4), uniform(4, 4)]
    weeks += [uniform(4, 4) | no_standard] * 2
    with db.session() as s:
        for member, answers in zip(people, weeks, strict=False):
            answer(s, team.id, member, answers, period=period)


def stored(db: Database, team: TeamView, period: str = PERIOD) -> summaries.Snapshot:
    with db.session() as s:
        snapshot = summaries.get_snapshot(s, team.id, period)
    assert snapshot is not None
    return snapshot


def sizes(snapshot: summaries.Snapshot) -> list[int]:
    """Every n the stored JSON holds."""
    return [int(n) for n in re.findall(r'"n": (\d+)', json.dumps(dict(snapshot.figures)))]


def save_minimum(db: Database, team: TeamView, minimum: int) -> TeamView:
    """The team's manager saves its setup with a new minimum (everything else as it was)."""
    service = TeamService(db, Clock(SUMMARY_TIME))
    current, managers, sellers = service.for_channel(WS, team.channel_id)
    assert current is not None
    settings = replace(TeamSettings.of(current, managers, sellers), min_respondents=minimum)
    in_channel = SetupFacts(frozenset(sellers))  # the sellers are in the channel; an edit needs no more
    outcome = service.save(WS, team.channel_id, managers[0], settings, in_channel)
    assert outcome.status is SaveStatus.UPDATED and outcome.team is not None
    return outcome.team


def test_a_snapshot_keeps_no_cell_below_the_minimum(db: Database, service: SummaryService) -> None:
    team, people = build_team(db)  # minimum 5
    answer_mixed_week(db, team, people)

    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None and not summary.suppressed and summary.safety is not None
    snapshot = stored(db, team)
    week = snapshot.figures["week"]
    assert sizes(snapshot) and min(sizes(snapshot)) >= 5
    assert week["standard"] == week["administration"] == "suppressed"  # 4 and 2 people
    assert week["traits"]["systematic_follow_up"] == "suppressed"
    assert week["traits"]["clear_expectations"] == "suppressed"  # its item is a standard one: 4 people
    assert week["safety"]["n"] == 6
    assert week["split"] == {"safety": False, "standard": False}  # a yes/no, not the tails' sizes
    assert "4.5" not in json.dumps(dict(snapshot.figures))
    assert snapshot.figures["min_respondents"] == 5
    assert shown_figures(service.latest(team.id)) == shown_figures(summary)  # nothing shown was lost


def test_raising_the_minimum_holds_published_weeks_to_it_and_lowering_changes_nothing(
    db: Database, service: SummaryService
) -> None:
    team, people = build_team(db)
    answer_mixed_week(db, team, people)
    service.publish(team, SUMMARY_TIME)
    published = stored(db, team)

    save_minimum(db, team, 6)  # the safety cell has 6 people: kept
    assert stored(db, team).figures["min_respondents"] == 6
    assert stored(db, team).figures["week"] == published.figures["week"]

    save_minimum(db, team, 7)  # now nothing of the week may be shown: nothing of it is kept
    raised = stored(db, team)
    assert raised.figures["min_respondents"] == 7
    assert sizes(raised) == []
    assert raised.figures["week"]["safety"] == "suppressed"
    assert (raised.respondents, raised.eligible, raised.suppressed) == (6, 8, False)  # as it was posted
    assert service.latest(team.id).suppressed  # type: ignore[union-attr]

    save_minimum(db, team, 3)  # lowering: future weeks only
    assert stored(db, team) == raised
    assert service.latest(team.id).suppressed  # type: ignore[union-attr]


def test_a_week_frozen_from_a_view_read_before_the_minimum_was_raised_uses_the_raised_one(
    db: Database, service: SummaryService
) -> None:
    team, people = build_team(db)  # the scheduler read the team with minimum 5 ...
    answer_mixed_week(db, team, people)
    save_minimum(db, team, 7)  # ... and the manager raised it to 7 before the week was frozen

    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None and summary.suppressed and summary.min_respondents == 7
    snapshot = stored(db, team)
    assert snapshot.figures["min_respondents"] == 7 and "week" not in snapshot.figures


def test_a_cell_below_a_weeks_stored_minimum_is_never_used_whatever_is_stored(
    db: Database, service: SummaryService
) -> None:
    # Defence in depth: even if a row held such a cell (written by hand, or by a bug), every view reads
    # each week held to its own stored minimum.
    team, people = build_team(db)
    answer_mixed_week(db, team, people, period="2026-W47")
    service.publish(team, week_of("2026-W47"))
    figures = dict(stored(db, team, "2026-W47").figures)
    week = dict(figures["week"])
    week["standard"] = {"n": 4, "mean": 2.0, "sd": 0.0}  # four people, below its minimum of 5
    with db.session() as s:
        summaries.replace_figures(s, team.id, "2026-W47", {**figures, "week": week})
    team = save_minimum(db, team, 3)
    answer_mixed_week(db, team, people, standard=True)

    summary = service.publish(team, SUMMARY_TIME).summary

    assert summary is not None and summary.standard is not None and summary.min_respondents == 3
    assert (summary.standard.change, summary.standard.rolling) == (None, None)
    assert summary.safety is not None and summary.safety.change == 0.0  # W47's safety had six people
    assert [period for period, _, _ in summary.history] == [PERIOD]
