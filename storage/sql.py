"""Small SQL helpers shared by the query modules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session


def upsert_insert(session: Session, model: type[Any] | Table) -> Any:
    """An INSERT for `model` (or a table) that supports ON CONFLICT clauses on SQLite and PostgreSQL alike."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


_COMPILED: dict[tuple[int, str, str], tuple[Any, Any, str]] = {}
_COMPILED_MAX = 64


def execute_compiled(session: Session, stmt: Any, params: Mapping[str, Any]) -> Sequence[Any]:
    """The rows of `stmt`, compiled once per dialect and then sent as its SQL text.

    For the statements built once and kept (`lru_cache`) whose item table is a ``VALUES`` of literal
    rows (storage/week_figures.py): SQLAlchemy's statement cache passes such a statement by (literal
    values have no cache key), so it would be compiled again on every call: 30 ms on PostgreSQL for the
    week's figures, a quarter of the time the database takes. The parameters must need no conversion
    on the way in (strings, numbers, lists of them), as these statements' do."""
    connection = session.connection()
    dialect = connection.dialect
    key = (id(stmt), dialect.name, dialect.driver)
    found = _COMPILED.get(key)
    if found is None or found[0] is not stmt:  # the statement is kept in the entry: its id stays its own
        compiled = stmt.compile(dialect=dialect)
        found = (stmt, compiled, str(compiled))
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[key] = found
    _, compiled, sql = found
    values = compiled.construct_params(params)  # with the values written into the statement
    positions = compiled.positiontup
    bound = tuple(values[name] for name in positions) if positions else values
    return connection.exec_driver_sql(sql, bound).all()
