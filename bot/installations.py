"""Where OAuth installs are kept: slack_sdk's SQLAlchemy stores over our own engine, tokens encrypted.

`EncryptedInstallationStore` is slack_sdk's `SQLAlchemyInstallationStore` with every token (bot, user,
and their refresh tokens) encrypted on save and decrypted on find (bot/token_cipher.py), so the database
never holds a token in the clear. `SingleUseStateStore` uses an OAuth state up in one statement
(storage/installations.py), so a state installs at most once even across replicas. The tables are made by
migration 0012_installations, never by the stores' create_all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.token_cipher import InvalidToken, TokenCipher
from storage import installations as rows
from storage.db import Database

log = logging.getLogger(__name__)

_INSTALLATION_TOKENS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
_BOT_TOKENS = ("bot_token", "bot_refresh_token")


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    def __init__(self, client_id: str, db: Database, cipher: TokenCipher) -> None:
        super().__init__(client_id=client_id, engine=db.engine, logger=log)
        self.db = db
        self.cipher = cipher
        self._listeners: list[Callable[[str | None], None]] = []

    def create_tables(self) -> None:
        raise NotImplementedError("the tables are made by migration 0012_installations")

    def on_change(self, listener: Callable[[str | None], None]) -> None:
        """`listener(team_id)` after this store saves or deletes a workspace's installation or bot (an
        install, a reinstall, an uninstall), so what was read of it before is not used again."""
        self._listeners.append(listener)

    def save(self, installation: Installation) -> None:
        super().save(self._sealed(installation, _INSTALLATION_TOKENS))
        self._changed(installation.team_id)

    def save_bot(self, bot: Bot) -> None:
        super().save_bot(self._sealed(bot, _BOT_TOKENS))
        self._changed(bot.team_id)

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        super().delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        self._changed(team_id)

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        super().delete_installation(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)
        self._changed(team_id)

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        found = super().find_bot(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
        )
        return self._opened(found, _BOT_TOKENS, team_id)

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        found = super().find_installation(
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )
        return self._opened(found, _INSTALLATION_TOKENS, team_id)

    def reencrypt(self) -> int:
        """Every stored token encrypted again under the first key of TOKEN_ENCRYPTION_KEY (after a key
        rotation, so the old key can be dropped); the number of rows changed."""
        return rows.reencrypt_tokens(self.db, self.cipher.rotate)

    # -- internals -------------------------------------------------------------------------------------

    def _changed(self, team_id: str | None) -> None:
        for listener in self._listeners:
            listener(team_id)

    def _sealed(self, item: Any, names: tuple[str, ...]) -> Any:
        """A copy of `item` with its tokens encrypted (the caller's object keeps its clear tokens)."""
        copy = type(item)(**_fields(item))
        for name in names:
            value = getattr(copy, name, None)
            if value and not _sealed(value):  # save() hands save_bot() a bot sealed already
                setattr(copy, name, self.cipher.encrypt(value))
        return copy

    def _opened(self, item: Any, names: tuple[str, ...], team_id: str | None) -> Any:
        if item is None:
            return None
        for name in names:
            value = getattr(item, name, None)
            if not value or not _sealed(value):  # find_installation() may take the bot's, opened already
                continue
            try:
                setattr(item, name, self.cipher.decrypt(value))
            except InvalidToken:
                log.error(
                    "the stored tokens of workspace %s cannot be decrypted with TOKEN_ENCRYPTION_KEY "
                    "(a key was dropped before re-encryption?): the workspace must install the app again",
                    team_id,
                )
                return None
        return item


FERNET_PREFIX = "gAAAAA"
"""How every Fernet token begins (version byte 0x80, base64); no Slack token does (they begin xox)."""


def _sealed(value: str) -> bool:
    return value.startswith(FERNET_PREFIX)


def _fields(item: Any) -> dict[str, Any]:
    """The constructor arguments that rebuild a slack_sdk Installation or Bot."""
    data = dict(vars(item))
    data["custom_values"] = dict(data.get("custom_values") or {})
    return data


class SingleUseStateStore(SQLAlchemyOAuthStateStore):
    """slack_sdk's state store, but a state is used up in one DELETE ... RETURNING: its own consume reads
    and then deletes, so two replicas handed the same redirect could both accept the state."""

    def __init__(self, db: Database, expiration_seconds: int) -> None:
        super().__init__(expiration_seconds=expiration_seconds, engine=db.engine, logger=log)
        self.db = db

    def create_tables(self) -> None:
        raise NotImplementedError("the tables are made by migration 0012_installations")

    def consume(self, state: str) -> bool:
        now = datetime.now(UTC).replace(tzinfo=None)
        used = rows.consume_oauth_state(self.db, state, now)
        if not used:
            log.warning("OAuth redirect with an unknown, used or expired state refused")
        return used
