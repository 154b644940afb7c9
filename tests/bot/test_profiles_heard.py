"""What users.info says about someone the bot keeps no row for stays in the process's memory only: asked
once a day, never written to the database, forgotten at forget-me, bounded in size; once a run or a team
makes their row it is written there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot import profiles as profiles_module
from bot.messages.mrkdwn import RenderingClient
from bot.profiles import Profiles
from storage import members
from storage.db import Database
from storage.models import Member
from survey_flows.profiles import ProfileStore
from tests.support.coaching import count
from tests.support.fake_slack import FakeSlack
from tests.support.harness import BOT_TOKEN, Clock

WS = "T1"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.from_url(db_url)
    yield database
    database.dispose()


@pytest.fixture
def client(fake_slack: FakeSlack) -> WebClient:
    return RenderingClient(token=BOT_TOKEN, base_url=fake_slack.url)


def looked_up(fake: FakeSlack) -> list[str]:
    return [str(call.params["user"]) for call in fake.calls_to("users.info")]


def test_someone_unknown_is_looked_up_once_a_day_and_never_stored(
    db: Database, clock: Clock, client: WebClient, fake_slack: FakeSlack
) -> None:
    profiles = Profiles(ProfileStore(db, clock), "nb")

    assert profiles.locale(client, WS, "U2") == "sv"
    assert profiles.locale(client, WS, "U2") == "sv"
    assert profiles.tz(WS, "U2") == "Europe/Stockholm"
    assert looked_up(fake_slack) == ["U2"]
    with db.session() as s:
        assert members.find_member(s, WS, "U2") is None

    clock.advance(days=1)
    assert profiles.tz(WS, "U2") is None  # a day old: gone
    assert profiles.locale(client, WS, "U2") == "sv"
    assert looked_up(fake_slack) == ["U2", "U2"]


def test_forget_me_drops_it_and_a_new_row_gets_it(
    db: Database, clock: Clock, client: WebClient, fake_slack: FakeSlack
) -> None:
    profiles = Profiles(ProfileStore(db, clock), "nb")
    profiles.locale(client, WS, "U2")
    profiles.forget(WS, "U2")
    assert profiles.tz(WS, "U2") is None

    profiles.locale(client, WS, "U3")
    with db.session() as s:
        members.ensure_member(s, WS, "U3", clock.now)  # e.g. their first run
    assert profiles.dm_channel(client, WS, "U3") == "DU3"
    with db.session() as s:
        row = members.find_member(s, WS, "U3")
        assert row is not None and (row.locale, row.tz, row.dm_channel_id) == (
            "en",
            "America/New_York",
            "DU3",
        )
    assert looked_up(fake_slack) == ["U2", "U3"]


def test_at_most_heard_max_people_are_remembered(
    db: Database, clock: Clock, client: WebClient, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(profiles_module, "HEARD_MAX", 2)
    profiles = Profiles(ProfileStore(db, clock), "nb")
    for user_id in ("U1", "U2", "U3"):
        profiles.locale(client, WS, user_id)

    assert profiles.tz(WS, "U1") is None  # the oldest made room
    assert (profiles.tz(WS, "U2"), profiles.tz(WS, "U3")) == ("Europe/Stockholm", "America/New_York")
    assert count(db, Member) == 0  # nothing of any of them was written
