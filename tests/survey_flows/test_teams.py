"""Team settings, their validation, and TeamService over a real database (no Slack)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from storage import members, teams
from storage.db import Database
from storage.models import Member, SurveyRun, Team, TeamMembership
from survey_flows.profiles import ProfileStore
from survey_flows.survey import SurveyFlow
from survey_flows.team_settings import TeamSettings, parse_dates
from survey_flows.teams import SaveOutcome, SaveStatus, SetupFacts, SetupRight, TeamService, setup_right
from survey_flows.views import Kind
from tests.support.harness import Clock
from tests.survey_flows.conftest import WS

CHANNEL = "C1"
OTHER = "C2"


EVERYONE = SetupFacts(frozenset({f"U{i}" for i in range(10)} | {"UB1"}), may_create=True)
"""Everyone here is in the channel, and the caller may set up teams (the surface asks Slack for both)."""


def save(
    service: TeamService,
    workspace_id: str,
    channel_id: str,
    caller: str,
    chosen: TeamSettings,
    tz: str | None = None,
    *,
    facts: SetupFacts = EVERYONE,
) -> SaveOutcome:
    return service.save(workspace_id, channel_id, caller, chosen, facts, tz)


def settings(**changes: object) -> TeamSettings:
    base = TeamSettings(name="Salg Øst", manager_ids=("U1",), member_ids=("U2", "U3", "U4"))
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def service(db: Database, clock: Clock) -> TeamService:
    return TeamService(db, clock)


def sellers_of(db: Database, channel_id: str = CHANNEL) -> list[str]:
    with db.session() as s:
        team = teams.team_for_channel(s, WS, channel_id)
        assert team is not None
        return [m.user_id for m in teams.active_sellers(s, team.id)]  # type: ignore[arg-type]


# -- settings and their validation ----------------------------------------------------------------------


def test_the_defaults_are_the_issues_and_valid() -> None:
    s = settings()
    assert (s.pulse_weekday, s.pulse_minute) == (0, 9 * 60)  # Monday 09:00
    assert (s.summary_weekday, s.summary_minute) == (4, 14 * 60)  # Friday 14:00
    assert (s.min_respondents, s.cutoff, s.locale, s.no_send_dates) == (5, 3.5, "nb", ())
    assert s.validate() == {}


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"name": "  "}, "name", "setup.error.name_empty"),
        ({"name": "x" * 81}, "name", "setup.error.name_long"),
        ({"manager_ids": ()}, "manager_ids", "setup.error.no_manager"),
        ({"member_ids": ()}, "member_ids", "setup.error.no_sellers"),
        ({"member_ids": ("U1",)}, "member_ids", "setup.error.no_sellers"),
        ({"pulse_weekday": 5}, "pulse_weekday", "setup.error.weekend"),
        ({"summary_weekday": 6}, "summary_weekday", "setup.error.weekend"),
        ({"summary_weekday": -1}, "summary_weekday", "setup.error.weekend"),
        ({"pulse_minute": 24 * 60}, "pulse_minute", "setup.error.time"),
        ({"summary_minute": -1}, "summary_minute", "setup.error.time"),
        ({"locale": "de"}, "locale", "setup.error.locale"),
        ({"min_respondents": 2}, "min_respondents", "setup.error.min_respondents"),
        ({"cutoff": 0.99}, "cutoff", "setup.error.cutoff"),
        ({"cutoff": 5.01}, "cutoff", "setup.error.cutoff"),
        ({"cutoff": math.nan}, "cutoff", "setup.error.cutoff"),
        ({"no_send_dates": ("2026-12-24", "24.12.2026")}, "no_send_dates", "setup.error.dates"),
        ({"no_send_dates": ("2026-02-30",)}, "no_send_dates", "setup.error.dates"),
        ({"no_send_dates": ("20261224",)}, "no_send_dates", "setup.error.dates"),
    ],
)
def test_each_mistake_names_its_field_and_catalog_key(changes: dict, field: str, key: str) -> None:
    assert settings(**changes).validate() == {field: key}


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "x" * 80},
        {"min_respondents": 3},
        {"cutoff": 1.0},
        {"cutoff": 5.0},
        {"pulse_weekday": 4, "summary_weekday": 0, "pulse_minute": 0, "summary_minute": 24 * 60 - 1},
        {"locale": "sv"},
        {"no_send_dates": ("2026-12-24", "2026-12-31")},
    ],
)
def test_the_edges_are_allowed(changes: dict) -> None:
    assert settings(**changes).validate() == {}


def test_someone_who_is_both_counts_as_manager_only() -> None:
    s = settings(manager_ids=("U1", "U2"), member_ids=("U2", "U3", "U3"))
    assert s.validate() == {}
    assert s.seller_ids == ("U3",)


def test_dates_are_read_from_commas_spaces_or_semicolons() -> None:
    assert parse_dates(" 2026-12-24, 2026-12-31;2027-01-01  2026-12-24 ") == (
        "2026-12-24",
        "2026-12-31",
        "2027-01-01",
    )
    assert parse_dates("") == ()
    assert parse_dates(None) == ()


def test_who_may_change_a_team(service: TeamService) -> None:
    assert setup_right(None, (), "U9", may_create=True) is SetupRight.CREATE
    assert setup_right(None, (), "U9", may_create=False) is SetupRight.NOT_ALLOWED
    save(service, WS, CHANNEL, "U1", settings())
    team, managers, _ = service.for_channel(WS, CHANNEL)
    assert setup_right(team, managers, "U1", may_create=False) is SetupRight.EDIT
    assert setup_right(team, managers, "U2", may_create=True) is SetupRight.FORBIDDEN
    # No manager left: the team can be taken over, by someone the workspace allows to set up teams.
    assert setup_right(team, (), "U2", may_create=True) is SetupRight.CREATE
    assert setup_right(team, (), "U2", may_create=False) is SetupRight.NOT_ALLOWED


# -- saving ------------------------------------------------------------------------------------------------


def test_a_new_team_is_created_with_its_managers_and_sellers(
    service: TeamService, db: Database, clock: Clock
) -> None:
    outcome = save(
        service,
        WS,
        CHANNEL,
        "U1",
        settings(manager_ids=("U1", "U5"), no_send_dates=("2026-12-31", "2026-12-24")),
        "Europe/Oslo",
    )

    assert outcome.status is SaveStatus.CREATED
    assert outcome.team is not None
    assert (outcome.team.name, outcome.team.tz, outcome.team.channel_id) == (
        "Salg Øst",
        "Europe/Oslo",
        CHANNEL,
    )
    assert outcome.team.no_send_dates == ("2026-12-24", "2026-12-31")
    assert outcome.managers == ("U1", "U5")
    assert outcome.sellers == ("U2", "U3", "U4")
    team, managers, sellers = service.for_channel(WS, CHANNEL)
    assert (team, managers, sellers) == (outcome.team, outcome.managers, outcome.sellers)
    with db.session() as s:
        assert s.scalars(select(Team)).one().created_at == clock.now
        assert {m.user_id for m in s.scalars(select(Member))} == {"U1", "U2", "U3", "U4", "U5"}


def test_a_new_team_without_managers_gets_the_caller(service: TeamService) -> None:
    outcome = save(service, WS, CHANNEL, "U9", settings(manager_ids=()))
    assert outcome.status is SaveStatus.CREATED
    assert outcome.managers == ("U9",)
    assert outcome.team is not None and outcome.team.tz == "UTC"


def test_invalid_settings_save_nothing(service: TeamService, db: Database) -> None:
    outcome = save(service, WS, CHANNEL, "U1", settings(name="", min_respondents=1))

    assert outcome.status is SaveStatus.INVALID
    assert dict(outcome.errors) == {
        "name": "setup.error.name_empty",
        "min_respondents": "setup.error.min_respondents",
    }
    with db.session() as s:
        assert s.scalars(select(Team)).all() == []
        assert s.scalars(select(Member)).all() == []


def test_only_a_manager_may_change_a_team_and_a_refusal_changes_nothing(
    service: TeamService, db: Database
) -> None:
    save(service, WS, CHANNEL, "U1", settings())

    refused = save(
        service, WS, CHANNEL, "U2", settings(name="Kuppet", manager_ids=("U2",), member_ids=("U3",))
    )

    assert refused.status is SaveStatus.FORBIDDEN
    team, managers, sellers = service.for_channel(WS, CHANNEL)
    assert team is not None and team.name == "Salg Øst"
    assert (managers, sellers) == (("U1",), ("U2", "U3", "U4"))


def test_a_manager_edits_the_team_and_members_who_go_are_kept_inactive(
    service: TeamService, db: Database, clock: Clock
) -> None:
    save(service, WS, CHANNEL, "U1", settings(), "Europe/Oslo")
    clock.advance(days=1)

    outcome = save(
        service,
        WS,
        CHANNEL,
        "U1",
        settings(name="Salg Vest", member_ids=("U3", "U5"), pulse_weekday=2, cutoff=3.0),
    )

    assert outcome.status is SaveStatus.UPDATED
    assert outcome.team is not None
    assert (outcome.team.name, outcome.team.pulse_weekday, outcome.team.cutoff) == ("Salg Vest", 2, 3.0)
    assert outcome.team.tz == "Europe/Oslo"  # kept when the editor's zone is unknown
    assert outcome.sellers == ("U3", "U5")
    with db.session() as s:
        rows = s.scalars(select(TeamMembership).order_by(TeamMembership.member_id)).all()
        assert len(s.scalars(select(Team)).all()) == 1
        inactive = [r for r in rows if not r.active]
        assert len(inactive) == 2  # U2 and U4 left, their rows stay
        assert all(r.changed_at == clock.now for r in inactive)


def test_a_manager_can_hand_the_team_over(service: TeamService) -> None:
    save(service, WS, CHANNEL, "U1", settings())
    save(service, WS, CHANNEL, "U1", settings(manager_ids=("U5",)))
    assert save(service, WS, CHANNEL, "U1", settings()).status is SaveStatus.FORBIDDEN
    assert save(service, WS, CHANNEL, "U5", settings(manager_ids=("U5",))).status is SaveStatus.UPDATED


def test_known_bots_are_never_sellers(service: TeamService, db: Database, clock: Clock) -> None:
    with db.session() as s:
        members.ensure_member(s, WS, "UB1", clock.now)
    ProfileStore(db, clock).save(WS, "UB1", slack_locale=None, tz=None, is_bot=True)
    assert service.bots_among(WS, ["U2", "UB1", "U9"]) == {"UB1"}

    outcome = save(service, WS, CHANNEL, "U1", settings(member_ids=("U2", "UB1")))

    assert outcome.sellers == ("U2",)


def test_a_seller_moved_to_another_team_keeps_the_old_runs_with_the_old_team(
    service: TeamService, db: Database, clock: Clock
) -> None:
    first = save(service, WS, CHANNEL, "U1", settings())
    assert first.team is not None
    flow = SurveyFlow(db, clock)
    flow.start(WS, "U2", Kind.PULSE, "nb")

    clock.advance(days=7)  # U1 manages both teams, so U1 may move U2
    second = save(
        service, WS, OTHER, "U1", settings(name="Salg Vest", manager_ids=("U1", "U5"), member_ids=("U2",))
    )
    assert second.team is not None
    flow.start(WS, "U2", Kind.PULSE, "nb")

    assert "U2" not in sellers_of(db, CHANNEL)
    assert sellers_of(db, OTHER) == ["U2"]
    with db.session() as s:
        runs = s.scalars(select(SurveyRun).order_by(SurveyRun.id)).all()
        assert [r.team_id for r in runs] == [first.team.id, second.team.id]


# -- leaving and deactivation --------------------------------------------------------------------------


def test_a_member_who_leaves_the_channel_stops_getting_pulses(service: TeamService, db: Database) -> None:
    save(service, WS, CHANNEL, "U1", settings())

    assert service.member_left_channel(WS, CHANNEL, "U3") is True
    assert service.member_left_channel(WS, CHANNEL, "U3") is False  # a repeated event changes nothing
    assert service.member_left_channel(WS, OTHER, "U2") is False  # not a team channel
    assert service.member_left_channel(WS, CHANNEL, "U9") is False  # unknown user

    assert sellers_of(db) == ["U2", "U4"]


def test_a_manager_who_leaves_the_channel_still_manages_the_team(service: TeamService) -> None:
    save(service, WS, CHANNEL, "U1", settings())

    assert service.member_left_channel(WS, CHANNEL, "U1") is False  # managers need not be in the channel

    assert service.for_channel(WS, CHANNEL)[1] == ("U1",)
    assert save(service, WS, CHANNEL, "U2", settings(manager_ids=("U2",))).status is SaveStatus.FORBIDDEN


def test_when_every_manager_is_gone_someone_allowed_can_take_the_team_over(service: TeamService) -> None:
    save(service, WS, CHANNEL, "U1", settings())
    service.member_deactivated(WS, "U1", True)  # the account is deactivated in Slack

    outcome = save(service, WS, CHANNEL, "U2", settings(manager_ids=("U2",)))

    assert outcome.status is SaveStatus.UPDATED
    assert outcome.managers == ("U2",)


def test_a_deactivated_member_stops_getting_pulses_and_comes_back_when_reactivated(
    service: TeamService, db: Database
) -> None:
    save(service, WS, CHANNEL, "U1", settings())

    assert service.member_deactivated(WS, "U2", True) is True
    assert service.member_deactivated(WS, "U2", True) is False
    assert service.member_deactivated(WS, "U9", True) is False
    assert sellers_of(db) == ["U3", "U4"]

    service.member_deactivated(WS, "U2", False)
    assert sellers_of(db) == ["U2", "U3", "U4"]


def test_teams_lists_every_workspace(service: TeamService) -> None:
    save(service, WS, CHANNEL, "U1", settings())
    save(service, "T2", CHANNEL, "U1", settings(name="Annet"))
    assert [(t.workspace_id, t.name) for t in service.teams()] == [(WS, "Salg Øst"), ("T2", "Annet")]


# -- the cached profile ----------------------------------------------------------------------------------


def test_profile_flags_are_cached_and_a_change_only_touches_known_members(db: Database, clock: Clock) -> None:
    store = ProfileStore(db, clock)
    with db.session() as s:
        members.ensure_member(s, WS, "U1", clock.now)
    store.save(WS, "U1", slack_locale="nb-NO", tz="Europe/Oslo", is_bot=False, deleted=True)
    clock.advance(hours=1)

    assert store.update_known(WS, "U1", slack_locale=None, tz="Europe/Stockholm", is_bot=True) is True
    assert store.update_known(WS, "U9", slack_locale="sv-SE", tz="Europe/Stockholm") is False

    with db.session() as s:
        member = members.find_member(s, WS, "U1")
        assert member is not None
        assert (member.tz, member.locale, member.is_bot, member.deactivated) == (
            "Europe/Stockholm",
            "nb",
            True,
            True,
        )
        assert member.profile_refreshed_at == clock.now - timedelta(hours=1)
        assert members.find_member(s, WS, "U9") is None
