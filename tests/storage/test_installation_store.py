"""The OAuth installation and state stores over our own database: tokens are ciphertext at rest and
clear only to the app; a key can be rotated; an OAuth state installs at most once, across replicas."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import text

from bot.installations import EncryptedInstallationStore, SingleUseStateStore
from bot.token_cipher import TokenCipher
from storage.db import Database
from storage.installations import consume_oauth_state

CLIENT_ID = "1111.2222"
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
BOT_TOKEN, REFRESH = "xoxe.xoxb-1-T2-secret", "xoxe-1-T2-refresh"


def store(db: Database, keys: str) -> EncryptedInstallationStore:
    return EncryptedInstallationStore(CLIENT_ID, db, TokenCipher.from_setting(keys))


def an_installation(team_id: str = "T2") -> Installation:
    return Installation(
        app_id="A1",
        enterprise_id=None,
        team_id=team_id,
        user_id="U1",
        bot_token=BOT_TOKEN,
        bot_refresh_token=REFRESH,
        bot_token_expires_in=3600,
        bot_id="B1",
        bot_user_id="UBOT",
        user_token="xoxp-1-user-secret",
        installed_at=time.time(),
    )


def raw(db: Database) -> str:
    """Everything the two tables hold, as one string: what a database dump would show."""
    with db.engine.connect() as conn:
        rows = [
            *conn.execute(text("SELECT * FROM slack_installations")).all(),
            *conn.execute(text("SELECT * FROM slack_bots")).all(),
        ]
    return repr(rows)


def test_tokens_are_ciphertext_in_the_database_and_clear_when_found(db: Database) -> None:
    given = an_installation()

    store(db, OLD).save(given)

    dump = raw(db)
    assert "T2" in dump
    assert "xox" not in dump  # neither bot, user nor refresh token in the clear
    found = store(db, OLD).find_installation(enterprise_id=None, team_id="T2")
    assert found is not None
    assert (found.bot_token, found.bot_refresh_token, found.user_token) == (
        BOT_TOKEN,
        REFRESH,
        "xoxp-1-user-secret",
    )
    bot = store(db, OLD).find_bot(enterprise_id=None, team_id="T2")
    assert bot is not None and bot.bot_token == BOT_TOKEN
    assert given.bot_token == BOT_TOKEN  # the caller's object keeps its clear token


def test_another_workspace_is_not_found(db: Database) -> None:
    store(db, OLD).save(an_installation("T2"))

    assert store(db, OLD).find_installation(enterprise_id=None, team_id="T3") is None


def test_key_rotation_new_key_first_then_reencrypt_then_the_old_key_can_go(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    store(db, OLD).save(an_installation())
    before = raw(db)

    rotated = store(db, f"{NEW},{OLD}")
    found = rotated.find_installation(enterprise_id=None, team_id="T2")
    assert found is not None and found.bot_token == BOT_TOKEN  # the old key still decrypts

    assert rotated.reencrypt() == 2  # the installation and its bot
    assert raw(db) != before
    found = store(db, NEW).find_installation(enterprise_id=None, team_id="T2")  # the old key dropped
    assert found is not None and found.bot_token == BOT_TOKEN

    with caplog.at_level(logging.ERROR, logger="bot.installations"):
        assert store(db, OLD).find_installation(enterprise_id=None, team_id="T2") is None
    assert "install the app again" in caplog.text


def test_a_state_is_used_once_and_an_expired_one_never(db: Database) -> None:
    states = SingleUseStateStore(db, expiration_seconds=600)
    state = states.issue()

    assert states.consume(state) is True
    assert states.consume(state) is False
    assert states.consume("never-issued") is False

    stale = SingleUseStateStore(db, expiration_seconds=-1).issue()
    assert states.consume(stale) is False


def test_two_replicas_given_the_same_state_accept_it_once(db_url: str) -> None:
    replicas = [Database.from_url(db_url) for _ in range(2)]
    state = SingleUseStateStore(replicas[0], 600).issue()
    now = datetime.now(UTC).replace(tzinfo=None)
    start = threading.Barrier(2)
    accepted: list[bool] = []

    def consume(db: Database) -> None:
        start.wait()
        accepted.append(consume_oauth_state(db, state, now))

    threads = [threading.Thread(target=consume, args=(db,)) for db in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    for db in replicas:
        db.dispose()

    assert sorted(accepted) == [False, True]


def test_a_state_past_its_time_is_refused_even_once(db: Database) -> None:
    state = SingleUseStateStore(db, 600).issue()
    later = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=601)

    assert consume_oauth_state(db, state, later) is False
