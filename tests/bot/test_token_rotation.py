"""Token rotation outside requests: a workspace's bot token is refreshed before a scheduled send uses it,
once however many refresh at the same time (its refresh token is single-use), and a refresh Slack refuses
for good is logged as needing a reinstall. Requests refresh through the same path."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.models.installation import Installation

from bot.installations import EncryptedInstallationStore
from bot.runtime import Runtime
from bot.token_cipher import TokenCipher
from bot.token_rotation import KEEP_SECONDS, RETRY_REFRESH_SECONDS, TokenRefreshFailed, TokenRotation
from scheduling.dm_warmup import OpenResult
from storage.db import Database
from tests.support.fake_slack import FakeSlack
from tests.support.fake_slack_oauth import CLIENT_ID, CLIENT_SECRET, FakeSlackOAuth
from tests.support.harness import SIGNING_SECRET, Harness, running
from tests.support.oauth import KEY, installation, oauth_settings
from tests.support.scheduling import WS, make_team
from tests.support.slack_requests import SlackRequests

SOON = 5 * 60
"""Seconds left on a token that is due for a refresh (within the 10 minutes before expiry)."""


@pytest.fixture
def oauth(fake_slack: FakeSlack) -> Iterator[FakeSlackOAuth]:
    with FakeSlackOAuth(fake_slack) as fake_oauth:
        for team_id in (WS, "T2", "T3"):
            fake_oauth.add_workspace(team_id, f"Team {team_id}")
        yield fake_oauth


def store_of(db: Database) -> EncryptedInstallationStore:
    return EncryptedInstallationStore(CLIENT_ID, db, TokenCipher.from_setting(KEY))


def install(db: Database, oauth: FakeSlackOAuth, team_id: str, seconds: int) -> tuple[str, str]:
    """`team_id` installed with a token Slack gave it that expires in `seconds`; (token, refresh)."""
    access, refresh = oauth.issue(team_id, seconds)
    store_of(db).save(installation(team_id, access, refresh, seconds))
    return access, refresh


def rotation(db: Database, fake: FakeSlack) -> TokenRotation:
    return TokenRotation(store_of(db), CLIENT_ID, CLIENT_SECRET, WebClient(base_url=fake.url))


@pytest.fixture
def oauth_runtime(harness: Harness, oauth: FakeSlackOAuth) -> Iterator[Runtime]:
    harness.settings = oauth_settings(harness)
    with running(harness) as built:
        yield built


def test_two_replicas_refreshing_at_once_refresh_once_and_both_get_the_new_token(
    harness: Harness, oauth: FakeSlackOAuth
) -> None:
    old, _ = install(harness.db, oauth, "T2", SOON)
    harness.fake.delay_next("oauth.v2.access", 0.5)  # the first refresh is slow: the other one waits
    replicas = [Database.from_url(harness.settings.database_url) for _ in range(2)]
    start = threading.Barrier(2)
    tokens: list[str | None] = []
    errors: list[BaseException] = []

    def refresh(db: Database) -> None:
        start.wait()
        try:
            tokens.append(rotation(db, harness.fake).bot_token("T2"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=refresh, args=(db,)) for db in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    for db in replicas:
        db.dispose()

    assert errors == []
    assert oauth.refreshes == 1
    assert len(harness.fake.calls_to("oauth.v2.access")) == 1
    assert tokens[0] == tokens[1] != old
    assert oauth.team_of(tokens[0]) == "T2"
    assert rotation(harness.db, harness.fake).bot_token("T2") == tokens[0]  # saved, no further refresh
    assert oauth.refreshes == 1


def test_a_scheduled_send_with_an_expiring_token_refreshes_it_first(
    harness: Harness, oauth: FakeSlackOAuth, oauth_runtime: Runtime
) -> None:
    old, _ = install(harness.db, oauth, "T2", SOON)
    oauth.expire(old)  # Slack no longer takes it: a send with it would fail
    opener = oauth_runtime.dm_warmup.opener  # type: ignore[union-attr]

    assert opener.open_dm("T2", "U1") == (OpenResult.OPENED, "DU1")

    methods = [c.method for c in harness.fake.calls]
    assert methods == ["oauth.v2.access", "conversations.open"]
    opened = harness.fake.calls_to("conversations.open")[0]
    assert opened.token != old
    assert oauth.team_of(opened.token) == "T2"
    assert oauth.refreshes == 1


def test_each_workspace_is_sent_to_with_its_own_token(
    harness: Harness, oauth: FakeSlackOAuth, oauth_runtime: Runtime
) -> None:
    tokens = {team_id: install(harness.db, oauth, team_id, 12 * 3600)[0] for team_id in ("T2", "T3")}
    opener = oauth_runtime.dm_warmup.opener  # type: ignore[union-attr]

    for team_id in ("T3", "T2", "T3"):
        assert opener.open_dm(team_id, "U1")[0] is OpenResult.OPENED

    assert [oauth.team_of(c.token) for c in harness.fake.calls_to("conversations.open")] == ["T3", "T2", "T3"]
    assert {c.token for c in harness.fake.calls_to("conversations.open")} == set(tokens.values())
    assert oauth.refreshes == 0  # a token with hours left is used as it is


def test_a_refresh_refused_for_good_is_logged_as_needing_a_reinstall_and_nothing_is_sent(
    harness: Harness, oauth: FakeSlackOAuth, oauth_runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    old, refresh = install(harness.db, oauth, "T2", -60)  # expired a minute ago
    oauth.expire(old)
    rotation(harness.db, harness.fake).rotator.client.oauth_v2_access(  # used up elsewhere
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, grant_type="refresh_token", refresh_token=refresh
    )
    harness.fake.forget_calls()
    opener = oauth_runtime.dm_warmup.opener  # type: ignore[union-attr]

    with caplog.at_level(logging.ERROR, logger="bot.token_rotation"):
        assert opener.open_dm("T2", "U1") == (OpenResult.FAILED, None)

    assert harness.fake.calls_to("conversations.open") == []
    assert "invalid_refresh_token" in caplog.text
    assert "install the app again" in caplog.text
    with pytest.raises(TokenRefreshFailed):
        rotation(harness.db, harness.fake).installation("T2")


def test_a_request_from_a_workspace_with_an_expiring_token_refreshes_it_through_the_same_path(
    harness: Harness, oauth: FakeSlackOAuth, oauth_runtime: Runtime
) -> None:
    old, _ = install(harness.db, oauth, "T2", SOON)
    oauth.expire(old)

    harness.send(SlackRequests(SIGNING_SECRET, team_id="T2").app_home_opened(user_id="U1"))

    published = harness.fake.calls_to("views.publish")
    assert len(published) == 1
    assert published[0].token != old
    assert oauth.team_of(published[0].token) == "T2"
    assert oauth.refreshes == 1
    # the scheduled senders find the refreshed token and refresh nothing more
    assert oauth_runtime.dm_warmup.opener.open_dm("T2", "U1")[0] is OpenResult.OPENED  # type: ignore[union-attr]
    assert oauth.refreshes == 1


def test_a_failed_refresh_keeps_using_a_token_that_has_not_expired_and_tries_again_a_little_later(
    harness: Harness, oauth: FakeSlackOAuth, oauth_runtime: Runtime
) -> None:
    old, _ = install(harness.db, oauth, "T2", SOON)
    harness.fake.fail_next("oauth.v2.access", status=200, error="internal_error")
    refresher = rotation(harness.db, harness.fake)
    now = [1000.0]
    refresher.monotonic = lambda: now[0]

    assert refresher.bot_token("T2") == old  # five minutes left: still sent with
    assert [refresher.bot_token("T2") for _ in range(3)] == [old] * 3  # a fan-out does not ask again
    assert len(harness.fake.calls_to("oauth.v2.access")) == 1

    now[0] += RETRY_REFRESH_SECONDS
    fresh = refresher.bot_token("T2")  # a little later it refreshes
    assert fresh != old and oauth.team_of(fresh) == "T2"
    assert oauth.refreshes == 1


def test_the_scheduled_pulse_is_posted_as_its_workspaces_bot_with_a_refreshed_token(
    harness: Harness, oauth: FakeSlackOAuth, oauth_runtime: Runtime
) -> None:
    old, _ = install(harness.db, oauth, WS, SOON)
    oauth.expire(old)
    install(harness.db, oauth, "T2", 12 * 3600)  # another workspace, with its own token
    harness.clock.now = harness.clock.now.replace(hour=8, minute=0)  # 09:00 in Oslo, a Monday
    team_id = make_team(harness.db, harness.clock.now, [("U1", "Europe/Oslo")])

    oauth_runtime.dispatcher.run_daily(team_id, "Europe/Oslo")

    posted = [c for c in harness.fake.calls_to("chat.postMessage") if c.response.get("ok")]
    assert [c.response.get("channel") for c in posted] == ["DU1"]
    assert oauth.team_of(posted[0].token) == WS and posted[0].token != old
    assert oauth.calls_in("T2", "chat.postMessage") == []
    assert oauth.refreshes == 1


class CountingStore(EncryptedInstallationStore):
    """The store, counting the times an installation is read from the database."""

    reads = 0

    def find_installation(self, **kwargs: Any) -> Installation | None:
        self.reads += 1
        return super().find_installation(**kwargs)


def kept_rotation(db: Database, fake: FakeSlack, now: list[float]) -> tuple[TokenRotation, CountingStore]:
    store = CountingStore(CLIENT_ID, db, TokenCipher.from_setting(KEY))
    kept = TokenRotation(store, CLIENT_ID, CLIENT_SECRET, WebClient(base_url=fake.url))
    kept.monotonic = lambda: now[0]
    return kept, store


def test_taps_from_one_workspace_read_its_installation_once_in_a_few_seconds(
    harness: Harness, oauth: FakeSlackOAuth
) -> None:
    """Every request is authorized with its workspace's installation: one read and decryption per tap
    was 8 % of the bot's CPU while 1,000 sellers answered."""
    token, _ = install(harness.db, oauth, "T2", 12 * 3600)
    now = [1000.0]
    kept, store = kept_rotation(harness.db, harness.fake, now)

    assert [kept.bot_token("T2") for _ in range(20)] == [token] * 20
    assert store.reads == 1
    now[0] += KEEP_SECONDS
    assert kept.bot_token("T2") == token
    assert store.reads == 2


def test_an_uninstall_and_a_reinstall_in_this_process_are_seen_at_once(
    harness: Harness, oauth: FakeSlackOAuth
) -> None:
    install(harness.db, oauth, "T2", 12 * 3600)
    kept, store = kept_rotation(harness.db, harness.fake, [1000.0])
    assert kept.installation("T2") is not None

    store.delete_all(enterprise_id=None, team_id="T2")  # app_uninstalled, handled here
    assert kept.installation("T2") is None
    new, refresh = oauth.issue("T2", 12 * 3600)
    store.save(installation("T2", new, refresh, 12 * 3600))  # installed again through this process
    assert kept.bot_token("T2") == new


def test_another_replicas_reinstall_is_seen_within_a_few_seconds(
    harness: Harness, oauth: FakeSlackOAuth
) -> None:
    install(harness.db, oauth, "T2", 12 * 3600)
    now = [1000.0]
    kept, _ = kept_rotation(harness.db, harness.fake, now)
    kept.bot_token("T2")

    new, _ = install(harness.db, oauth, "T2", 12 * 3600)  # saved by another replica's store
    now[0] += KEEP_SECONDS
    assert kept.bot_token("T2") == new


def test_a_kept_token_that_comes_due_for_its_refresh_is_refreshed_not_used_again(
    harness: Harness, oauth: FakeSlackOAuth, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, _ = install(harness.db, oauth, "T2", 12 * 3600)
    kept, _ = kept_rotation(harness.db, harness.fake, [1000.0])
    assert kept.bot_token("T2") == old

    later = time.time() + 12 * 3600 - SOON  # the same moment for the monotonic clock, nearly due on the wall
    kept.clock = lambda: later
    monkeypatch.setattr("slack_sdk.oauth.token_rotation.rotator.time", lambda: later)
    fresh = kept.bot_token("T2")
    assert fresh != old and oauth.team_of(fresh) == "T2"
    assert oauth.refreshes == 1


def test_a_reinstall_through_this_process_is_sent_with_from_the_next_send_on(
    harness: Harness, oauth: FakeSlackOAuth, oauth_runtime: Runtime
) -> None:
    old, _ = install(harness.db, oauth, "T2", 12 * 3600)
    opener = oauth_runtime.dm_warmup.opener  # type: ignore[union-attr]
    assert opener.open_dm("T2", "U1")[0] is OpenResult.OPENED  # its client is kept for the next sends

    new, refresh = oauth.issue("T2", 12 * 3600)
    store = oauth_runtime.app.installation_store
    assert store is not None
    store.save(installation("T2", new, refresh, 12 * 3600))  # the OAuth redirect of a reinstall, here
    oauth.expire(old)
    assert opener.open_dm("T2", "U2")[0] is OpenResult.OPENED
    assert harness.fake.calls_to("conversations.open")[-1].token == new
