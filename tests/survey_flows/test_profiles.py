"""The cached Slack profile (locale, time zone, DM channel) and when it is refreshed."""

from __future__ import annotations

from datetime import timedelta

from storage import members
from storage.db import Database
from survey_flows.profiles import Profile, ProfileStore
from tests.support.harness import Clock
from tests.survey_flows.conftest import WS


def known(db: Database, clock: Clock, user_id: str = "U1") -> None:
    """A member the bot keeps data about (a run or a team made the row)."""
    with db.session() as s:
        members.ensure_member(s, WS, user_id, clock.now)


def test_a_saved_profile_reads_back_with_the_supported_locale_and_time_zone(
    db: Database, clock: Clock
) -> None:
    store = ProfileStore(db, clock)
    assert store.get(WS, "U1") is None
    known(db, clock)

    assert store.save(WS, "U1", slack_locale="sv-SE", tz="Europe/Stockholm")
    assert store.save_dm_channel(WS, "U1", "D123")

    profile = store.get(WS, "U1")
    assert profile == Profile("sv", "Europe/Stockholm", "D123", clock.now)
    assert profile.refreshed_at.utcoffset() == timedelta(0)
    assert store.get("T2", "U1") is None


def test_what_slack_says_about_someone_the_bot_keeps_nothing_about_is_not_stored(
    db: Database, clock: Clock
) -> None:
    store = ProfileStore(db, clock)

    assert store.save(WS, "U9", slack_locale="sv-SE", tz="Europe/Stockholm", is_bot=False) is False
    assert store.save_dm_channel(WS, "U9", "D999") is False

    assert store.get(WS, "U9") is None
    with db.session() as s:
        assert members.find_member(s, WS, "U9") is None


def test_an_unsupported_or_missing_locale_keeps_what_was_known(db: Database, clock: Clock) -> None:
    store = ProfileStore(db, clock)
    known(db, clock)
    store.save(WS, "U1", slack_locale="nb-NO", tz="Europe/Oslo")
    store.save(WS, "U1", slack_locale="de-DE", tz=None)

    profile = store.get(WS, "U1")
    assert profile is not None
    assert (profile.locale, profile.tz) == ("nb", "Europe/Oslo")


def test_a_profile_is_stale_after_one_day_and_fresh_again_after_a_save(db: Database, clock: Clock) -> None:
    store = ProfileStore(db, clock)
    known(db, clock)
    store.save(WS, "U1", slack_locale="en-US", tz="America/New_York")
    saved_at = clock.now

    profile = store.get(WS, "U1")
    assert profile is not None
    assert not profile.is_stale(saved_at)
    assert not profile.is_stale(saved_at + timedelta(hours=23, minutes=59))
    assert profile.is_stale(saved_at + timedelta(days=1))
    assert profile.is_stale(saved_at + timedelta(days=3))

    clock.advance(days=2)
    store.save(WS, "U1", slack_locale="en-US", tz="America/New_York")
    refreshed = store.get(WS, "U1")
    assert refreshed is not None
    assert not refreshed.is_stale(clock.now)


def test_a_member_known_only_from_a_dm_channel_has_a_stale_profile(db: Database, clock: Clock) -> None:
    store = ProfileStore(db, clock)
    known(db, clock)
    store.save_dm_channel(WS, "U1", "D123")

    profile = store.get(WS, "U1")
    assert profile is not None
    assert (profile.locale, profile.tz, profile.dm_channel_id) == (None, None, "D123")
    assert profile.is_stale(clock.now)
