"""`/balanse setup` end to end: signed slash command -> views.open, signed view_submission -> the team in the
database, a private confirmation and one teams-changed signal; the member events that stop pulses."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.app import create_app
from storage import members
from storage.models import SurveyRun
from survey_flows.profiles import ProfileStore
from tests.support.harness import Harness, block_texts
from tests.support.modals import errors_of, initial, inputs
from tests.support.shown import t
from tests.support.team_setup import CHANNEL, WS, open_setup, submit, team_of

DEFAULTS = {
    "setup_name": None,
    "setup_pulse_day": "0",  # Monday 09:00
    "setup_pulse_time": "09:00",
    "setup_summary_day": "4",  # Friday 14:00
    "setup_summary_time": "14:00",
    "setup_locale": "nb",
    "setup_min_respondents": "5",
    "setup_cutoff": "3.5",
    "setup_no_send_dates": None,
}


@pytest.fixture
def changes(harness: Harness) -> list[object]:
    """The app rebuilt with a recording teams-changed hook (what the scheduler would be told)."""
    calls: list[object] = []
    harness.app = create_app(
        harness.settings,
        harness.db,
        clock=harness.clock,
        listener_executor=harness.executor,
        teams_changed=lambda: calls.append(harness.clock()),
    )
    for user_id in ("U4", "U5"):
        harness.fake.add_user(user_id, locale="en-GB", tz="Europe/London")
    harness.fake.add_user("UB1", is_bot=True)
    harness.fake.set_members(CHANNEL, ["U1", "U2", "U3", "U4", "UBOT", "UB1"])
    harness.fake.set_members("C2", ["U2", "U3", "U5", "UBOT"])
    return calls


def ephemeral_replies(harness: Harness) -> list[str]:
    return [str(c.params.get("text")) for c in harness.fake.calls_to("response_url")]


# -- opening the form --------------------------------------------------------------------------------------


def test_setup_in_a_channel_opens_the_form_with_the_defaults(harness: Harness, changes: list) -> None:
    with harness.db.session() as s:
        members.ensure_member(s, WS, "UB1", harness.clock())
    ProfileStore(harness.db, harness.clock).save(WS, "UB1", slack_locale=None, tz=None, is_bot=True)

    view = open_setup(harness)

    assert (view["type"], view["callback_id"], view["private_metadata"]) == ("modal", "team_setup", CHANNEL)
    assert view["title"]["text"] == t("nb", "setup.title")
    assert initial(view) == DEFAULTS | {
        "setup_managers": ["U1"],
        "setup_members": ["U2", "U3", "U4"],  # the channel minus the caller, this bot and a known bot
        "setup_pulse_now": ["now"],  # a new team: this week's pulse goes out at once unless unticked
    }
    fields = inputs(view)
    assert [o["text"]["text"] for o in fields["setup_pulse_day"]["options"]] == [
        "Mandag",
        "Tirsdag",
        "Onsdag",
        "Torsdag",
        "Fredag",
    ]
    assert fields["setup_min_respondents"]["min_value"] == "3"
    assert (fields["setup_cutoff"]["min_value"], fields["setup_cutoff"]["max_value"]) == ("1", "5")
    assert fields["setup_cutoff"]["is_decimal_allowed"] is True
    assert "Europe/Oslo" in block_texts(harness.fake.calls_to("views.open")[-1])
    assert ephemeral_replies(harness) == []
    assert changes == []


@pytest.mark.parametrize("word", ["inställningar", "installningar", "Inställningar"])
def test_the_swedish_aliases_open_the_form_in_swedish(harness: Harness, changes: list, word: str) -> None:
    view = open_setup(harness, word, user_id="U2")

    assert view["title"]["text"] == t("sv", "setup.title")
    assert initial(view)["setup_locale"] == "sv"
    assert initial(view)["setup_managers"] == ["U2"]


def test_oppsett_opens_the_form(harness: Harness, changes: list) -> None:
    assert open_setup(harness, "oppsett")["callback_id"] == "team_setup"


def test_a_direct_message_gets_an_explanation_instead(harness: Harness, changes: list) -> None:
    harness.command("setup")  # the slash command in the DM with the bot

    assert harness.fake.calls_to("views.open") == []
    assert ephemeral_replies(harness) == [t("nb", "setup.not_in_channel")]


@pytest.mark.parametrize("members_of_c9", [["U1", "U2"], None])
def test_the_bot_must_be_in_the_channel(harness: Harness, changes: list, members_of_c9: list | None) -> None:
    if members_of_c9 is not None:
        harness.fake.set_members("C9", members_of_c9)  # a public channel without the bot
    # None: a private channel the bot was never invited to answers channel_not_found

    harness.command("setup", channel_id="C9")

    assert harness.fake.calls_to("views.open") == []
    assert ephemeral_replies(harness) == [t("nb", "setup.invite_bot")]


def test_a_large_channel_is_read_page_by_page(harness: Harness, changes: list) -> None:
    sellers = [f"U{n:03d}" for n in range(250)]
    harness.fake.set_members("C3", ["U1", "UBOT", *sellers])

    view = open_setup(harness, channel_id="C3")

    assert len(harness.fake.calls_to("conversations.members")) == 2
    assert initial(view)["setup_members"] == sellers


# -- saving ------------------------------------------------------------------------------------------------


def test_submitting_the_form_creates_the_team_and_confirms_privately(harness: Harness, changes: list) -> None:
    view = open_setup(harness)
    harness.fake.reset()

    response = submit(harness, view, setup_name="Salg Øst", setup_no_send_dates="2026-12-24, 2026-12-31")

    assert response.status == 200
    assert not response.body  # the form closes
    team, managers, sellers = team_of(harness)
    assert team is not None
    assert (team.name, team.locale, team.tz, team.pulse_weekday, team.pulse_minute) == (
        "Salg Øst",
        "nb",
        "Europe/Oslo",
        0,
        9 * 60,
    )
    assert (team.summary_weekday, team.summary_minute, team.min_respondents, team.cutoff) == (
        4,
        14 * 60,
        5,
        3.5,
    )
    assert team.no_send_dates == ("2026-12-24", "2026-12-31")
    assert len(changes) == 1
    # U1's right to set up a team is asked of Slack at the moment of saving (never cached), and the new
    # members' profiles are fetched once, after the ack (U1's was cached by the command) ...
    assert sorted(c.params["user"] for c in harness.fake.calls_to("users.info")) == [
        "U1",
        "U2",
        "U3",
        "U4",
        "UB1",
    ]
    # ... so UB1, not yet known as a bot when the form opened, turns out to be one and gets no pulse.
    assert (managers, sellers) == (("U1",), ("U2", "U3", "U4"))
    confirmation = harness.fake.calls_to("chat.postEphemeral")[-1]
    assert (confirmation.params["channel"], confirmation.params["user"]) == (CHANNEL, "U1")
    text = block_texts(confirmation)
    assert t("nb", "setup.saved.created", name="Salg Øst", sellers=3, managers=1) in text
    assert t("nb", "setup.saved.pulse", day="mandag", time="09:00") in text
    assert (
        t("nb", "setup.saved.summary", day="fredag", time="14:00", tz="Europe/Oslo", language="norsk bokmål")
        in text
    )
    assert t("nb", "setup.saved.small_team", sellers=3, min=5) in text
    assert t("nb", "setup.saved.no_send_dates", dates="2026-12-24, 2026-12-31") in text
    assert t("nb", "setup.saved.left_out", users="<@UB1>") in text  # the manager learns why UB1 is missing


def test_the_team_name_is_escaped_in_the_confirmation(harness: Harness, changes: list) -> None:
    view = open_setup(harness)
    submit(harness, view, setup_name="<!channel> & co")

    text = block_texts(harness.fake.calls_to("chat.postEphemeral")[-1])
    assert "&lt;!channel&gt; &amp; co" in text
    assert "<!channel>" not in text


def test_mistakes_come_back_under_the_inputs_in_the_users_language(harness: Harness, changes: list) -> None:
    view = open_setup(harness, "inställningar", user_id="U2")

    response = submit(
        harness,
        view,
        user_id="U2",
        setup_name="  ",
        setup_min_respondents="2",
        setup_cutoff="6",
        setup_no_send_dates="24.12.2026",
    )

    assert errors_of(response) == {
        "setup_name": t("sv", "setup.error.name_empty"),
        "setup_min_respondents": t("sv", "setup.error.min_respondents"),
        "setup_cutoff": t("sv", "setup.error.cutoff"),
        "setup_no_send_dates": t("sv", "setup.error.dates"),
    }
    assert team_of(harness)[0] is None
    assert changes == []
    assert harness.fake.calls_to("chat.postEphemeral") == []


def test_a_team_keeps_at_least_one_manager(harness: Harness, changes: list) -> None:
    submit(harness, open_setup(harness), setup_name="Salg Øst")

    response = submit(harness, open_setup(harness), setup_managers=[])

    assert errors_of(response) == {"setup_managers": t("nb", "setup.error.no_manager")}
    assert team_of(harness)[1] == ("U1",)


def test_a_non_manager_is_refused_and_nothing_changes(harness: Harness, changes: list) -> None:
    submit(harness, open_setup(harness), setup_name="Salg Øst")
    before = team_of(harness)

    harness.command("setup", user_id="U2", channel_id=CHANNEL)
    assert len(harness.fake.calls_to("views.open")) == 1
    assert ephemeral_replies(harness)[-1] == t("sv", "setup.refused", name="Salg Øst", managers="<@U1>")

    # A form opened earlier (or forged) and submitted by a non-manager is refused too.
    response = submit(
        harness,
        open_setup(harness, channel_id="C2", user_id="U2") | {"private_metadata": CHANNEL},
        user_id="U2",
        setup_name="Kupp",
    )
    assert errors_of(response) == {"setup_managers": t("sv", "setup.error.forbidden")}
    assert team_of(harness) == before
    assert len(changes) == 1


def test_running_setup_again_edits_the_team(harness: Harness, changes: list) -> None:
    harness.fake.set_members(CHANNEL, ["U1", "U2", "U3", "U4", "U5", "UBOT", "UB1"])  # U5 joined the channel
    submit(
        harness,
        open_setup(harness),
        setup_name="Salg Øst",
        setup_members=["U2", "U3", "U4", "U5"],
        setup_summary_day="3",
        setup_summary_time="15:30",
        setup_no_send_dates="2026-12-24",
    )
    harness.clock.advance(hours=3)

    view = open_setup(harness)
    assert initial(view) == DEFAULTS | {
        "setup_name": "Salg Øst",
        "setup_managers": ["U1"],
        "setup_members": ["U2", "U3", "U4", "U5"],
        "setup_summary_day": "3",
        "setup_summary_time": "15:30",
        "setup_no_send_dates": "2026-12-24",
    }
    harness.fake.reset()

    submit(
        harness,
        view,
        setup_managers=["U1", "U3"],
        setup_pulse_day="1",
        setup_pulse_time="08:30",
        setup_locale="en",
        setup_min_respondents="3",
        setup_cutoff="3.2",
    )

    team, managers, sellers = team_of(harness)
    assert (team.pulse_weekday, team.pulse_minute, team.locale, team.min_respondents, team.cutoff) == (
        1,
        8 * 60 + 30,
        "en",
        3,
        3.2,
    )
    assert (managers, sellers) == (("U1", "U3"), ("U2", "U4", "U5"))  # U3 now counts as manager only
    assert len(changes) == 2
    text = block_texts(harness.fake.calls_to("chat.postEphemeral")[-1])
    assert t("nb", "setup.saved.updated", name="Salg Øst", sellers=3, managers=2) in text
    assert t("nb", "setup.saved.anonymity", min=3, cutoff="3,2") in text
    assert harness.fake.calls_to("users.info") == []  # every profile is cached and fresh


def test_a_seller_moved_to_another_team_keeps_their_answers_with_the_old_team(
    harness: Harness, changes: list
) -> None:
    submit(harness, open_setup(harness), setup_name="Salg Øst")
    harness.command("puls", user_id="U2")  # U2 takes this week's pulse as a seller of Salg Øst

    # U1, who manages Salg Øst, sets up Salg Vest with U5 and moves U2 there.
    harness.fake.set_members("C2", ["U1", "U2", "U3", "U5", "UBOT"])
    submit(
        harness,
        open_setup(harness, channel_id="C2"),
        setup_name="Salg Vest",
        setup_managers=["U1", "U5"],
        setup_members=["U2"],
    )
    harness.clock.advance(days=7)
    harness.command("puls", user_id="U2")

    east, west = team_of(harness)[0], team_of(harness, "C2")[0]
    assert "U2" not in team_of(harness)[2]
    assert team_of(harness, "C2")[2] == ("U2",)
    with harness.db.session() as s:
        runs = s.scalars(select(SurveyRun).order_by(SurveyRun.id)).all()
        assert [r.team_id for r in runs] == [east.id, west.id]


# -- events ------------------------------------------------------------------------------------------------


def test_leaving_the_channel_stops_the_pulse(harness: Harness, changes: list) -> None:
    submit(harness, open_setup(harness), setup_name="Salg Øst")

    event = {"type": "member_left_channel", "user": "U3", "channel": CHANNEL, "channel_type": "C", "team": WS}
    harness.send(harness.requests.event(event))

    assert team_of(harness)[2] == ("U2", "U4")


def test_joining_the_channel_adds_nobody(harness: Harness, changes: list) -> None:
    submit(harness, open_setup(harness), setup_name="Salg Øst")

    event = {
        "type": "member_joined_channel",
        "user": "U5",
        "channel": CHANNEL,
        "channel_type": "C",
        "team": WS,
    }
    harness.send(harness.requests.event(event))

    assert team_of(harness)[2] == ("U2", "U3", "U4")


def test_a_deactivated_account_stops_getting_pulses(harness: Harness, changes: list) -> None:
    submit(harness, open_setup(harness), setup_name="Salg Øst")

    def user_change(user_id: str, **fields: Any) -> None:
        user = {
            "id": user_id,
            "team_id": WS,
            "name": user_id.lower(),
            "deleted": False,
            "is_bot": False,
        } | fields
        harness.send(harness.requests.event({"type": "user_change", "user": user, "event_ts": "1.0"}))

    user_change("U2", deleted=True)
    user_change("U3", tz="Asia/Tokyo")
    user_change("U9", tz="Asia/Tokyo")  # somebody the bot never met

    assert team_of(harness)[2] == ("U3", "U4")
    with harness.db.session() as s:
        u3 = members.find_member(s, WS, "U3")
        assert u3 is not None and u3.tz == "Asia/Tokyo"
        assert members.find_member(s, WS, "U9") is None
    user_change("U2", deleted=False)
    assert team_of(harness)[2] == ("U2", "U3", "U4")


@pytest.mark.parametrize("forged", ["²:00", "09:⁵", "9" * 5000 + ":00", "09:000"])
def test_a_forged_time_is_an_error_in_the_form_not_a_crash(
    harness: Harness, changes: list, forged: str
) -> None:
    response = submit(harness, open_setup(harness), setup_name="Salg Øst", setup_pulse_time=forged)

    assert errors_of(response) == {"setup_pulse_time": t("nb", "setup.error.time")}
    assert team_of(harness)[0] is None
