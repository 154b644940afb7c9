"""Readiness: is the database reachable, and is its schema at the migrations' head? (`/readyz`.)

A replica that cannot reach its database, or runs against a schema other than the one its code was
written for (a migration not yet applied, or one applied by a newer release), should get no traffic:
the load balancer takes it out of the rotation while `/readyz` answers 503, and puts it back when the check
passes again. The reason is short and fixed ("database unreachable", "migrations not at head"): the probe
is unauthenticated, so it never carries a URL, a host name or a driver's error text.

The check runs on an engine of its own (one connection, a short connect timeout), never on the app's pool:
a pool busy with listeners must not make a healthy replica look unready, and an unreachable database must
not hold a probe longer than the load balancer waits for it.
"""

from __future__ import annotations

import logging

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import SQLAlchemyError

from storage.db import make_engine, normalize_url
from storage.migrate import alembic_config

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 3
UNREACHABLE = "database unreachable"
NOT_AT_HEAD = "migrations not at head"


class Readiness:
    def __init__(self, url: str) -> None:
        normalized = normalize_url(url)
        options: dict[str, object] = {
            "pool_size": 1,
            "max_overflow": 2,
            "pool_timeout": CONNECT_TIMEOUT_SECONDS,
        }
        if not normalized.startswith("sqlite"):
            options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
        self._engine = make_engine(normalized, **options)
        self.heads = frozenset(ScriptDirectory.from_config(alembic_config(url)).get_heads())
        """The head revisions this code's migrations end at (read once: they do not change while it runs)."""

    def problem(self) -> str | None:
        """None when ready; otherwise the short reason."""
        try:
            with self._engine.connect() as connection:
                current = frozenset(MigrationContext.configure(connection).get_current_heads())
        except SQLAlchemyError as exc:
            log.warning("readiness: the database is unreachable (%s)", type(exc).__name__)
            return UNREACHABLE
        if current != self.heads:
            log.warning(
                "readiness: the schema is at %s, this code at %s", sorted(current), sorted(self.heads)
            )
            return NOT_AT_HEAD
        return None

    def close(self) -> None:
        self._engine.dispose()
