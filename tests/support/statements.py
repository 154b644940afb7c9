"""Recording the SQL a piece of code sends: to prove how many statements it takes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from storage.db import Database


@contextmanager
def statements(db: Database, containing: str = "") -> Iterator[list[str]]:
    """The statements executed inside the block (only those containing `containing`, if given)."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if containing in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
