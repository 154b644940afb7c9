"""Small SQL helpers shared by the query modules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def upsert_insert(session: Session, model: type[Any] | Table) -> Any:
    """An INSERT for `model` (or a table) that supports ON CONFLICT clauses on SQLite and PostgreSQL alike."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)
