"""Team takeover through ordinary Slack, as an attacker would try it, and the defences that stop it.

The cast: Team Øst in #CEAST, set up by the admin U1, with the sellers Kari, Ola and Per (UKARI, UOLA,
UPER). The intruder UX is an ordinary member of the workspace with a channel of their own (#CX) with the
bot in it; UALLY is another ordinary member. Every defence here has a test that fails when it is removed.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from bot.app import create_app
from bot.config import ConfigError, Settings
from coaching import i18n
from storage.models import Notice, Team
from tests.support.harness import Harness, block_texts
from tests.support.modals import errors_of
from tests.support.shown import t
from tests.support.team_setup import open_setup, submit, team_of

EAST, INTRUDER_CHANNEL = "CEAST", "CX"


@pytest.fixture
def east(harness: Harness) -> Harness:
    fake = harness.fake
    for user_id, name in (
        ("UKARI", "Kari"),
        ("UOLA", "Ola"),
        ("UPER", "Per"),
        ("UX", "Xander"),
        ("UALLY", "Ally"),
    ):
        fake.add_user(user_id, name=name)
    fake.set_members(EAST, ["U1", "UKARI", "UOLA", "UPER", "UBOT"])
    fake.set_members(INTRUDER_CHANNEL, ["UX", "UALLY", "UKARI", "UOLA", "UBOT"])  # UX invited Kari and Ola
    submit(harness, open_setup(harness, channel_id=EAST), setup_name="Team Øst", setup_min_respondents="3")
    assert team_of(harness, EAST)[2] == ("UKARI", "UOLA", "UPER")
    fake.reset()
    return harness


def allow(harness: Harness, *creators: str) -> None:
    """The app rebuilt with TEAM_CREATORS set to `creators` (user ids and user group ids)."""
    harness.settings = dataclasses.replace(harness.settings, team_creators=creators)
    harness.app = create_app(
        harness.settings, harness.db, clock=harness.clock, listener_executor=harness.executor
    )


def count(harness: Harness, model: type) -> int:
    with harness.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_an_ordinary_member_cannot_set_up_a_team_at_all(east: Harness) -> None:
    east.command("setup", user_id="UX", channel_id=INTRUDER_CHANNEL)

    assert east.fake.calls_to("views.open") == []
    [reply] = east.fake.calls_to("response_url")
    assert reply.params["text"] == t("nb", "setup.not_allowed")
    assert team_of(east, INTRUDER_CHANNEL)[0] is None


def test_a_forged_submission_by_an_ordinary_member_changes_nothing(east: Harness) -> None:
    east.fake.set_members(INTRUDER_CHANNEL, ["UX", "UALLY", "UBOT"])
    view = open_setup(east, channel_id=EAST)  # the form as U1 got it; UX submits a copy of it
    view["private_metadata"] = INTRUDER_CHANNEL

    response = submit(
        east, view, user_id="UX", setup_name="Mitt", setup_managers=["UX"], setup_members=["UALLY"]
    )

    assert errors_of(response) == {"setup_managers": t("nb", "setup.error.not_allowed")}
    assert team_of(east, INTRUDER_CHANNEL)[0] is None


def test_an_allowed_creator_still_cannot_take_another_teams_sellers(east: Harness) -> None:
    allow(east, "UX")
    view = open_setup(east, user_id="UX", channel_id=INTRUDER_CHANNEL)
    notices_before = count(east, Notice)

    response = submit(
        east,
        view,
        user_id="UX",
        setup_name="Mitt team",
        setup_managers=["UX"],
        setup_members=["UALLY", "UKARI", "UOLA"],
    )

    errors = errors_of(response)
    assert set(errors) == {"setup_members"}  # the form stays open, the field says why
    assert t("nb", "setup.error.seller_elsewhere", name="Kari", team="Team Øst") in errors["setup_members"]
    assert t("nb", "setup.error.seller_elsewhere", name="Ola", team="Team Øst") in errors["setup_members"]
    assert team_of(east, EAST)[2] == ("UKARI", "UOLA", "UPER")  # the team keeps its sellers and its minimum
    assert team_of(east, INTRUDER_CHANNEL)[0] is None
    assert count(east, Notice) == notices_before  # and nobody is told anything
    assert east.fake.calls_to("chat.postMessage") == []


def test_sellers_must_be_in_the_teams_channel(east: Harness) -> None:
    view = open_setup(east, channel_id=EAST)

    response = submit(east, view, setup_members=["UKARI", "UOLA", "UPER", "UALLY"])

    assert errors_of(response) == {"setup_members": t("nb", "setup.error.outside_channel", names="Ally")}
    assert team_of(east, EAST)[2] == ("UKARI", "UOLA", "UPER")


@pytest.mark.parametrize(
    ("who", "creators", "groups"),
    [
        pytest.param("UX", ("UX",), {}, id="listed by user id"),
        pytest.param("UX", ("S0SALES",), {"S0SALES": ["UALLY", "UX"]}, id="in a listed user group"),
        pytest.param("U2", (), {}, id="a workspace admin"),
    ],
)
def test_who_may_set_up_a_team(east: Harness, who: str, creators: tuple[str, ...], groups: dict) -> None:
    allow(east, *creators)
    for group, users in groups.items():
        east.fake.set_group(group, users)
    east.fake.set_members("CNEW", [who, "UALLY", "UBOT"])

    response = submit(east, open_setup(east, user_id=who, channel_id="CNEW"), user_id=who, setup_name="Ny")

    assert response.status == 200 and not response.body
    assert team_of(east, "CNEW")[1:] == ((who,), ("UALLY",))


def test_an_ordinary_member_in_no_listed_group_is_refused(east: Harness) -> None:
    allow(east, "S0SALES", "UALLY")
    east.fake.set_group("S0SALES", ["UALLY"])

    east.command("setup", user_id="UX", channel_id=INTRUDER_CHANNEL)

    assert east.fake.calls_to("views.open") == []
    assert [c.params["usergroup"] for c in east.fake.calls_to("usergroups.users.list")] == ["S0SALES"]
    assert count(east, Team) == 1


def test_coaching_rights_follow_the_move_and_the_dialogue_names_the_team(east: Harness) -> None:
    east.fake.set_members("CWEST", ["U1", "U3", "UKARI", "UBOT"])
    submit(east, open_setup(east, channel_id=EAST), setup_managers=["U1", "U2"])  # U2 joins as manager
    east.command("coach <@UKARI|kari>", user_id="U2")  # Kari is U2's seller: allowed
    assert "Team Øst" in block_texts(east.fake.calls_to("chat.postMessage")[0])
    east.fake.reset()

    view = open_setup(east, channel_id="CWEST")  # U1 manages Team Øst, so U1 may move Kari
    submit(east, view, setup_name="Team Vest", setup_managers=["U1", "U3"], setup_members=["UKARI"])
    east.fake.reset()
    east.command("coach <@UKARI|kari>", user_id="U2")  # no longer U2's seller
    east.command("coach <@UKARI|kari>", user_id="U3")

    refusal, _ = (c.params["text"] for c in east.fake.calls_to("response_url"))
    assert refusal == t("sv", "coach.refused")
    parent = next(c for c in east.fake.calls_to("chat.postMessage") if c.response.get("channel") == "DU3")
    assert t("en", "coach.parent.team", team="Team Vest") in block_texts(parent)


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("", ()),
        ("U0ALICE, S0SALES;W0BOB  U0ALICE", ("U0ALICE", "S0SALES", "W0BOB")),
    ],
)
def test_team_creators_are_read_from_the_environment(value: str, parsed: tuple[str, ...]) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "TEAM_CREATORS": value}
    assert Settings.from_env(env).team_creators == parsed


@pytest.mark.parametrize("value", ["alice", "U0ALICE, @bob", "C0CHANNEL", "u0lower"])
def test_a_malformed_team_creators_list_is_refused_naming_the_variable(value: str) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "TEAM_CREATORS": value}
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)
    assert str(raised.value) == i18n.t("nb", "config.bad_team_creators", value=value)  # a terminal, not Slack


def test_a_manager_leaving_the_channel_keeps_the_team_so_nobody_can_take_it_over(east: Harness) -> None:
    leave = {"type": "member_left_channel", "user": "U1", "channel": EAST, "channel_type": "G", "team": "T1"}
    east.send(east.requests.event(leave))
    assert team_of(east, EAST)[1] == ("U1",)

    east.fake.set_members(EAST, ["U2", "UKARI", "UOLA", "UPER", "UBOT"])
    east.command("setup", user_id="U2", channel_id=EAST)  # U2 is an admin, but not this team's manager

    assert east.fake.calls_to("views.open") == []
    assert team_of(east, EAST)[1:] == (("U1",), ("UKARI", "UOLA", "UPER"))


def test_a_minimum_above_the_ceiling_is_refused_in_the_form(east: Harness) -> None:
    response = submit(east, open_setup(east, channel_id=EAST), setup_min_respondents="50000000000")

    assert errors_of(response) == {"setup_min_respondents": t("nb", "setup.error.min_respondents_high")}
    assert team_of(east, EAST)[0].min_respondents == 3  # type: ignore[union-attr]
