"""The cached Slack profile (locale, time zone, DM channel) and when it is refreshed."""

from __future__ import annotations

from datetime import timedelta

from storage.db import Database
from survey_flows.profiles import Profile, ProfileStore
from tests.support.harness import Clock
from tests.survey_flows.conftest import WS


def test_a_saved_profile_reads_back_with_the_supported_locale_and_time_zone(
    db: Database, clock: Clock
) -> None:
    store = ProfileStore(db, clock)
    assert store.get(WS, "U1") is None

    store.save(WS, "U1", slack_locale="sv-SE", tz="Europe/Stockholm")
    store.save_dm_channel(WS, "U1", "D123")

    profile = store.get(WS, "U1")
    assert profile == Profile("sv", "Europe/Stockholm", "D123", clock.now)
    assert profile.refreshed_at.utcoffset() == timedelta(0)
    assert store.get("T2", "U1") is None


def test_an_unsupported_or_missing_locale_keeps_what_was_known(db: Database, clock: Clock) -> None:
    store = ProfileStore(db, clock)
    store.save(WS, "U1", slack_locale="nb-NO", tz="Europe/Oslo")
    store.save(WS, "U1", slack_locale="de-DE", tz=None)

    profile = store.get(WS, "U1")
    assert profile is not None
    assert (profile.locale, profile.tz) == ("nb", "Europe/Oslo")


def test_a_profile_is_stale_after_one_day_and_fresh_again_after_a_save(db: Database, clock: Clock) -> None:
    store = ProfileStore(db, clock)
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
    store.save_dm_channel(WS, "U1", "D123")

    profile = store.get(WS, "U1")
    assert profile is not None
    assert (profile.locale, profile.tz, profile.dm_channel_id) == (None, None, "D123")
    assert profile.is_stale(clock.now)
