"""Engine, sessions and the one error the outer layers need to know about."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, create_engine

DEFAULT_DATABASE_URL = "sqlite:///balansebrett.db"

log = logging.getLogger(__name__)


class NestedUnitOfWork(RuntimeError):
    """A thread opened a unit of work while it held one: with a bounded pool (no overflow), threads that
    each hold one connection and wait for a second could wait for each other until the pool's timeout."""


def _warn_nested() -> None:
    log.warning("a thread opened a second database connection while holding one", stack_info=True)


on_nested: Callable[[], None] = _warn_nested
"""What a nested unit of work does: a warning in production; the test suite makes it fail the test."""
_held = threading.local()


@contextmanager
def _one_per_thread() -> Iterator[None]:
    depth = getattr(_held, "depth", 0)
    if depth:
        on_nested()
    _held.depth = depth + 1
    try:
        yield
    finally:
        _held.depth = depth


class StorageUnavailable(RuntimeError):
    """The database could not be reached or the transaction could not complete; nothing was written."""


def normalize_url(url: str) -> str:
    """Accept the usual spellings of a PostgreSQL URL and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    url = normalize_url(url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _unavailable(exc: DBAPIError) -> StorageUnavailable | None:
    """What a failed unit of work raises instead, after its rollback, when the database is away (or the
    connection was lost); None for any other error, which is raised as it is."""
    if isinstance(exc, OperationalError) or exc.connection_invalidated:
        return StorageUnavailable(str(exc.orig or exc))
    return None


class Database:
    """A unit-of-work factory: `with db.session() as s:` commits on success and rolls back on error.
    A thread holds one unit of work at a time (`on_nested`), so a bounded pool cannot deadlock.

    Connection and lock failures surface as StorageUnavailable, after the rollback, so callers can tell
    the user to try again knowing nothing was half written.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def from_url(cls, url: str | None = None, **engine_options: Any) -> Database:
        """`engine_options` go to SQLAlchemy's `create_engine`, e.g. `pool_size`."""
        return cls(make_engine(url, **engine_options))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        with _one_per_thread(), self._session() as session:
            yield session

    @contextmanager
    def _session(self) -> Iterator[Session]:
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except (OperationalError, DBAPIError) as exc:
            session.rollback()
            if (unavailable := _unavailable(exc)) is not None:
                raise unavailable from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """The same unit of work for plain SQL statements only (no ORM objects): a connection in one
        transaction, without the ORM session's cost (about 0.1 ms of CPU per transaction). For the
        statements every answer runs on its own: the requester's language, the posted question's ts."""
        with _one_per_thread(), self._begin() as connection:
            yield connection

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except (OperationalError, DBAPIError) as exc:  # rolled back by begin()
            if (unavailable := _unavailable(exc)) is not None:
                raise unavailable from exc
            raise

    def dispose(self) -> None:
        self.engine.dispose()
