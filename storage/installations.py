"""The OAuth installations of the Slack app: one row per install of a workspace, and the OAuth states.

The tables are slack_sdk's SQLAlchemy installation and state store tables (bot/installations.py reads and
writes them through slack_sdk), made by migration 0012_installations and described here so the schema
check covers them. Token columns are TEXT: they hold Fernet ciphertext, never a token in the clear.

Two statements of our own, both keyed by workspace (`team_id`):
- an OAuth state is used up in one DELETE ... RETURNING, so one state installs at most once even when two
  replicas get the same redirect;
- a workspace's installation rows are locked (SELECT ... FOR UPDATE on PostgreSQL; a process lock on SQLite,
  which serves one process) while its bot token is refreshed, since a refresh token is single-use.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from storage.db import Database

INSTALLATIONS = sa.Table(
    "slack_installations",
    SQLModel.metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client_id", sa.String(32), nullable=False),
    sa.Column("app_id", sa.String(32), nullable=False),
    sa.Column("enterprise_id", sa.String(32)),
    sa.Column("enterprise_name", sa.String(200)),
    sa.Column("enterprise_url", sa.String(200)),
    sa.Column("team_id", sa.String(32)),
    sa.Column("team_name", sa.String(200)),
    sa.Column("bot_token", sa.Text),
    sa.Column("bot_id", sa.String(32)),
    sa.Column("bot_user_id", sa.String(32)),
    sa.Column("bot_scopes", sa.String(1000)),
    sa.Column("bot_refresh_token", sa.Text),
    sa.Column("bot_token_expires_at", sa.DateTime),
    sa.Column("user_id", sa.String(32), nullable=False),
    sa.Column("user_token", sa.Text),
    sa.Column("user_scopes", sa.String(1000)),
    sa.Column("user_refresh_token", sa.Text),
    sa.Column("user_token_expires_at", sa.DateTime),
    sa.Column("incoming_webhook_url", sa.String(200)),
    sa.Column("incoming_webhook_channel", sa.String(200)),
    sa.Column("incoming_webhook_channel_id", sa.String(200)),
    sa.Column("incoming_webhook_configuration_url", sa.String(200)),
    sa.Column("is_enterprise_install", sa.Boolean, nullable=False),
    sa.Column("token_type", sa.String(32)),
    sa.Column("installed_at", sa.DateTime, nullable=False),
    sa.Index("slack_installations_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)
BOTS = sa.Table(
    "slack_bots",
    SQLModel.metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client_id", sa.String(32), nullable=False),
    sa.Column("app_id", sa.String(32), nullable=False),
    sa.Column("enterprise_id", sa.String(32)),
    sa.Column("enterprise_name", sa.String(200)),
    sa.Column("team_id", sa.String(32)),
    sa.Column("team_name", sa.String(200)),
    sa.Column("bot_token", sa.Text),
    sa.Column("bot_id", sa.String(32)),
    sa.Column("bot_user_id", sa.String(32)),
    sa.Column("bot_scopes", sa.String(1000)),
    sa.Column("bot_refresh_token", sa.Text),
    sa.Column("bot_token_expires_at", sa.DateTime),
    sa.Column("is_enterprise_install", sa.Boolean, nullable=False),
    sa.Column("installed_at", sa.DateTime, nullable=False),
    sa.Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)
OAUTH_STATES = sa.Table(
    "slack_oauth_states",
    SQLModel.metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("state", sa.String(200), nullable=False),
    sa.Column("expire_at", sa.DateTime, nullable=False),
    sa.Index("slack_oauth_states_state_idx", "state"),
)
TOKEN_COLUMNS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
"""The columns that hold secrets (encrypted by bot/installations.py)."""


def consume_oauth_state(db: Database, state: str, now: datetime) -> bool:
    """Use up `state`: True once, for a state that was issued and has not expired (`now` naive UTC, as
    the table keeps it). One statement, so two replicas given the same state never both accept it."""
    with db.connection() as conn:
        row = conn.execute(
            sa.delete(OAUTH_STATES).where(OAUTH_STATES.c.state == state).returning(OAUTH_STATES.c.expire_at)
        ).first()
    return row is not None and row.expire_at > now


_process_locks: dict[tuple[str, str], threading.Lock] = {}
_process_locks_guard = threading.Lock()


def _process_lock(client_id: str, team_id: str) -> threading.Lock:
    with _process_locks_guard:
        return _process_locks.setdefault((client_id, team_id), threading.Lock())


class TokenWriter:
    """Saves a workspace's refreshed tokens inside the transaction that holds its lock (a save through
    another connection would wait for that very lock on PostgreSQL)."""

    def __init__(self, conn: Connection, client_id: str, team_id: str) -> None:
        self.conn = conn
        self.client_id = client_id
        self.team_id = team_id

    def save(self, values: Mapping[str, object]) -> None:
        """Write `values` (token columns, already encrypted, and their expiry times) to the workspace's
        latest installation and latest bot, the rows slack_sdk's finds read."""
        for table, extra in ((INSTALLATIONS, ()), (BOTS, (BOTS.c.bot_token.is_not(None),))):
            latest = self.conn.scalar(
                sa.select(table.c.id)
                .where(table.c.client_id == self.client_id, table.c.team_id == self.team_id, *extra)
                .order_by(table.c.installed_at.desc(), table.c.id.desc())
                .limit(1)
            )
            own = {name: value for name, value in values.items() if name in table.c}
            if latest is not None and own:
                self.conn.execute(sa.update(table).where(table.c.id == latest).values(**own))


@contextmanager
def installation_locked(db: Database, client_id: str, team_id: str) -> Iterator[TokenWriter]:
    """Hold the workspace's installation while its tokens are refreshed: whoever comes next waits, then
    reads what the holder saved. On PostgreSQL its rows stay locked (SELECT ... FOR UPDATE) until the block
    ends, for every replica; on SQLite (one process) a lock per workspace in this process does the same.
    The writer saves within the same transaction, which commits when the block ends."""
    lock = _process_lock(client_id, team_id) if db.is_sqlite else contextlib.nullcontext()
    with lock, db.connection() as conn:
        if not db.is_sqlite:
            for table in (INSTALLATIONS, BOTS):
                conn.execute(
                    sa.select(table.c.id)
                    .where(table.c.client_id == client_id, table.c.team_id == team_id)
                    .with_for_update()
                ).all()
        yield TokenWriter(conn, client_id, team_id)


def installation_rows(db: Database, team_id: str) -> list[dict[str, object]]:
    """The workspace's installation rows as stored (tokens as ciphertext), newest first."""
    with db.connection() as conn:
        rows = conn.execute(
            sa.select(INSTALLATIONS)
            .where(INSTALLATIONS.c.team_id == team_id)
            .order_by(INSTALLATIONS.c.installed_at.desc())
        ).mappings()
        return [dict(row) for row in rows]


def reencrypt_tokens(db: Database, rotate: Callable[[str], str]) -> int:
    """Re-encrypt every stored token with `rotate(ciphertext) -> ciphertext` (after a key rotation); the
    number of rows changed."""
    changed = 0
    with db.connection() as conn:
        for table in (INSTALLATIONS, BOTS):
            columns = [c for c in TOKEN_COLUMNS if c in table.c]
            for row in conn.execute(sa.select(table.c.id, *(table.c[c] for c in columns))).mappings().all():
                values = {c: rotate(row[c]) for c in columns if row[c]}
                if values:
                    conn.execute(sa.update(table).where(table.c.id == row["id"]).values(**values))
                    changed += 1
    return changed
