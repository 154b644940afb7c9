"""Bulk-loaded data for the benchmarks: teams and sellers as a team setup leaves them, and years of
answered pulses. Rows get explicit ids so that runs and answers can be written without reading back;
PostgreSQL gets COPY, SQLite one transaction of the driver's executemany over plain tuples."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from coaching.instrument import CURRENT_VERSION
from coaching.pulse import period_of, pulse_group, pulse_items
from storage.models import (
    Answer,
    Delivery,
    Member,
    Role,
    SurveyRun,
    Team,
    TeamMembership,
    Workspace,
)

WS = "T1"
CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class Seller:
    member_id: int
    user_id: str
    team_id: int


def _chunks(rows: Iterable[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _insert(conn: Connection, table: object, rows: Iterable[dict]) -> None:
    for chunk in _chunks(rows):
        conn.execute(table.__table__.insert(), chunk)  # type: ignore[attr-defined]


def _fix_sequences(conn: Connection, tables: Iterable[str]) -> None:
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608 - our table names
        )


def seed_org(
    engine: Engine,
    teams: int,
    sellers: int,
    now: datetime,
    *,
    zones: tuple[str, ...] = ("Europe/Oslo",),
    dm_cached: bool = False,
    pulse_weekday: int = 0,
    summary_weekday: int = 4,
    pulse_minute: int = 9 * 60,
    workspace: str = WS,
    after: tuple[int, int] = (0, 0),
) -> list[Seller]:
    """`teams` teams with `sellers` sellers spread over them and one manager each, every profile fresh
    (as `/balanse setup` leaves it after users.info); DM channels cached only if `dm_cached`. Several
    workspaces: one call each, `after` the (members, teams) the calls before made (their ids follow)."""
    m0, t0 = after
    found = [Seller(m0 + n, f"U{m0 + n:06d}", t0 + 1 + (n - 1) % teams) for n in range(1, sellers + 1)]
    managers = [(m0 + sellers + t, f"UM{t0 + t:05d}", t0 + t) for t in range(1, teams + 1)]

    def member(member_id: int, user_id: str, zone: str) -> dict:
        return {
            "id": member_id,
            "workspace_id": workspace,
            "user_id": user_id,
            "locale": "nb",
            "tz": zone,
            "role": Role.SELLER.value,
            "dm_channel_id": "D" + user_id if dm_cached else None,
            "is_bot": False,
            "deactivated": False,
            "profile_refreshed_at": now,
            "created_at": now,
        }

    with engine.begin() as conn:
        _insert(conn, Workspace, [{"id": workspace, "name": f"Bench {workspace}", "created_at": now}])
        _insert(
            conn,
            Team,
            (
                {
                    "id": t,
                    "workspace_id": workspace,
                    "channel_id": f"C{t:06d}",
                    "name": f"Team {t}",
                    "locale": "nb",
                    "tz": zones[0],
                    "pulse_weekday": pulse_weekday,
                    "pulse_minute": pulse_minute,
                    "summary_weekday": summary_weekday,
                    "summary_minute": 23 * 60 + 59,
                    "min_respondents": 5,
                    "cutoff": 3.5,
                    "no_send_dates": [],
                    "created_at": now,
                    "updated_at": now,
                }
                for t in range(t0 + 1, t0 + teams + 1)
            ),
        )
        _insert(
            conn, Member, (member(s.member_id, s.user_id, zones[s.member_id % len(zones)]) for s in found)
        )
        _insert(conn, Member, (member(m, u, zones[0]) for m, u, _ in managers))
        memberships = [(s.member_id, s.team_id, Role.SELLER) for s in found]
        memberships += [(m, t, Role.MANAGER) for m, _, t in managers]
        _insert(
            conn,
            TeamMembership,
            (
                {
                    "id": n,
                    "workspace_id": workspace,
                    "team_id": team_id,
                    "member_id": member_id,
                    "role": role.value,
                    "active": True,
                    "changed_at": now,
                }
                for n, (member_id, team_id, role) in enumerate(memberships, start=m0 + 1)
            ),
        )
        _fix_sequences(conn, ("team", "member", "team_membership"))
    return found


def pulse_history(
    engine: Engine,
    sellers: list[Seller],
    last_week: date,
    weeks: int,
    *,
    seed: int = 7,
    dont_know: float = 0.1,
) -> tuple[str, int]:
    """Every seller answered the pulse of each of `weeks` weeks up to `last_week` (7 items each, some
    "don't know"), and the ledger says each week's pulse was sent. Returns (last period, answers)."""
    rng = random.Random(seed)
    days = [last_week - timedelta(weeks=w) for w in range(weeks - 1, -1, -1)]
    periods = [period_of(day) for day in days]
    by_group: dict[int, tuple[str, ...]] = {}  # pulse_items is a function of the rotation group

    def items_of(key: str, period: str) -> tuple[str, ...]:
        group = pulse_group(key, period)
        if group not in by_group:
            by_group[group] = tuple(item.id for item in pulse_items(key, period))
        return by_group[group]

    runs: list[tuple] = []
    answers: list[tuple] = []
    answer_count = 0
    run_id = 0

    def flush(conn: Connection) -> None:
        nonlocal runs, answers
        _bulk(
            conn,
            SurveyRun,
            (
                "id",
                "workspace_id",
                "member_id",
                "team_id",
                "kind",
                "period",
                "instrument_version",
                "started_at",
                "finished_at",
            ),
            runs,
        )
        _bulk(conn, Answer, ("workspace_id", "run_id", "item_id", "value", "answered_at"), answers)
        runs, answers = [], []

    with engine.begin() as conn:
        _tune_for_load(conn)
        for day, period in zip(days, periods, strict=True):
            at = datetime.combine(day, time(9), tzinfo=UTC)
            for seller in sellers:
                run_id += 1
                version = CURRENT_VERSION  # the items below are the current version's
                runs.append((run_id, WS, seller.member_id, seller.team_id, "pulse", period, version, at, at))
                for item_id in items_of(f"{WS}:{seller.user_id}", period):
                    value = None if rng.random() < dont_know else rng.randint(1, 5)
                    answers.append((WS, run_id, item_id, value, at))
                    answer_count += 1
                if len(answers) >= CHUNK * 5:
                    flush(conn)
        flush(conn)
        for day, period in zip(days, periods, strict=True):  # the ledger: every week's pulses sent
            at = datetime.combine(day, time(9), tzinfo=UTC)
            deliveries = [(WS, "pulse", str(s.member_id), period, "sent", at, at) for s in sellers]
            _bulk(
                conn,
                Delivery,
                ("workspace_id", "kind", "target", "period", "status", "claimed_at", "finished_at"),
                deliveries,
            )
        _fix_sequences(conn, ("survey_run",))
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
    return periods[-1], answer_count


def _tune_for_load(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA synchronous=OFF")


def _bulk(conn: Connection, model: object, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """COPY on PostgreSQL; elsewhere the driver's executemany over tuples, each value passed through its
    column type's bind processing first (e.g. UTCDateTime) so the rows are stored as the ORM would."""
    if not rows:
        return
    table = model.__table__  # type: ignore[attr-defined]
    if conn.dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    processors = [table.c[name].type._cached_bind_processor(conn.dialect) for name in columns]
    convert = [(i, p) for i, p in enumerate(processors) if p is not None]
    cache: dict[object, object] = {}  # the few distinct timestamps, converted once

    def bound(row: tuple) -> tuple:
        if not convert:
            return row
        out = list(row)
        for i, process in convert:
            value = out[i]
            key = (i, value)
            if key not in cache:
                cache[key] = process(value)
            out[i] = cache[key]
        return tuple(out)

    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 - our names
    conn.exec_driver_sql(sql, [bound(row) for row in rows])
