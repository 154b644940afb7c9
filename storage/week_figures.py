"""The weekly team figures, aggregated in SQL: every team of a week in ONE statement.

Per respondent (a pulse run of the team and period with at least one answer on the scale, 1..5, to an
item of the instrument), reverse-keyed items are scored ``6 - value``, then:

1. the person's own mean per axis and per trait (only over the items the person answered);
2. per team: how many people have a mean (``n``), the sum of their means and the sum of their squares,
   so the caller can build ``n``/mean/sd without ever seeing a person's answers.

What needs the weeks around this one (the paired cells, the split tails over four weeks, the full
survey's cells) is in `storage/paired_figures.py`.

How it stays cheap (issue 5, benchmark 3): the answers are read once, in the order of the index
``ix_run_week (workspace_id, kind, period, team_id)``, and reduced to ONE row per person by adding up one
integer code per answer. The code packs, per axis and per trait, the scored value and a 1 (the count)
into fixed bit fields of a 64-bit integer: an answer to a safety item adds ``value << s`` and
``1 << c`` to the safety field, so the person's sum is the bits at ``s`` and the count the bits at ``c``.
The fields are as wide as the item set needs and never overflow into each other (storage/week_packing.py);
the whole instrument takes two integers (axes 36 bits, traits 50). The team level then unpacks the
fields of its people (one row each, not one per answer).

The item metadata (axis, trait, reversed) comes from the caller: storage knows nothing of the
instrument. It becomes a ``VALUES`` table joined on the item id on PostgreSQL (a hash join) and a
``CASE item_id WHEN ...`` on SQLite (its planner would scan a ``VALUES`` table once per answer). The
statement is built and compiled once per item set (`storage.sql.execute_compiled`: SQLAlchemy's own
cache passes a literal VALUES by); the workspace, the week and the teams are bound parameters. Means
are ``CAST(sum AS FLOAT) / count`` (never integer division, never PostgreSQL's ``numeric`` AVG), and
the float sums are rounded to 1e-9 so both databases give identical figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    Float,
    Integer,
    String,
    and_,
    any_,
    bindparam,
    case,
    cast,
    column,
    func,
    join,
    literal_column,
    outerjoin,
    select,
    values,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnClause, Label
from sqlmodel import Session, col

from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Answer, Delivery, Member, Role, SurveyRun, Team, TeamMembership
from storage.sql import execute_compiled
from storage.week_packing import SCALE, ItemKey, ItemMeta, Plan, item_key, plan_of

PULSE = "pulse"
SURVEY = "survey"
DECIMALS = 9

__all__ = [
    "PULSE",
    "ItemMeta",
    "Moments",
    "WeekMoments",
    "empty_week",
    "team_ids_param",
    "week_figures",
    "week_figures_all",
    "week_figures_statement",
]


class Moments(NamedTuple):
    """Over the people with a mean on one axis or trait: how many, the sum and the sum of squares.
    (A named tuple: a week of 1,000 teams makes 8,000 of them.)"""

    n: int
    total: float
    total_sq: float


@dataclass(frozen=True, slots=True)
class WeekMoments:
    period: str
    respondents: int
    eligible: int
    axes: Mapping[str, Moments]
    """Only the axes someone answered."""
    traits: Mapping[str, Moments]
    """Only the traits someone answered."""
    paired: Mapping[str, Moments] = field(default_factory=lambda: MappingProxyType({}))
    """axis -> the paired differences (storage/paired_figures.py), for the axes someone was paired on."""
    survey: Mapping[str, Moments] = field(default_factory=lambda: MappingProxyType({}))
    """axis -> the full survey's cell of the months the zone's window touches (survey_cells_all)."""
    window_split: Mapping[str, tuple[int, int, int]] = field(default_factory=lambda: MappingProxyType({}))
    """axis -> (people, high tail, low tail) over the window (storage/paired_figures.py, split_tails_all):
    what the split warning is decided on."""


def empty_week(period: str, eligible: int = 0) -> WeekMoments:
    none: Mapping[str, Any] = MappingProxyType({})
    return WeekMoments(period, 0, eligible, none, none)


def _int(value: int) -> Any:
    return literal_column(str(int(value)), BigInteger)


def _text(value: str) -> Any:
    """A string written into the SQL (quotes doubled), not a parameter: the per-person sums then read
    the same in every expression that uses them, so the database computes each once."""
    return literal_column("'" + value.replace("'", "''") + "'", String)


def _unpack(word: Any, shift: int, bits: int) -> Any:
    return word.op(">>")(_int(shift)).op("&")(_int((1 << bits) - 1))


# -- the statement -------------------------------------------------------------------------------------


def _in_teams(team_id: Any, dialect: str) -> Any:
    """`team_id` is one of the bound ``team_ids``: ONE parameter however many teams (a PostgreSQL
    array; on SQLite a JSON list read with ``json_each``), so the SQL text never changes with them."""
    return _in_list(team_id, "team_ids", Integer, dialect)


def _in_list(value: Any, name: str, type_: Any, dialect: str) -> Any:
    """`value` is one of the bound list `name`: a PostgreSQL array, or a JSON list on SQLite."""
    if dialect == "postgresql":
        return value == any_(bindparam(name, type_=ARRAY(type_)))
    items = select(column("value", type_)).select_from(func.json_each(bindparam(name, type_=String)))
    return value.in_(items.scalar_subquery())


def list_param(values: list[Any], dialect: str) -> Any:
    """The value of a list parameter (`_in_list`): the list on PostgreSQL, JSON on SQLite."""
    return list(values) if dialect == "postgresql" else json.dumps(list(values))


def _per_person(
    plan: Plan,
    dialect: str,
    by_team: bool,
    *,
    window: bool = False,
    name: str = "per_person",
    kind: str = PULSE,
) -> Any:
    """One row per respondent: the team, whether any known item was answered, and the person's own
    mean per measure, unpacked from the packed sums, then the member. The sums repeat word for word in
    each mean, and both databases compute an aggregate that appears several times once per group.
    With `window` the runs of the periods in the bound list ``window`` instead of the one ``period``:
    one row per person and period. `kind`: the pulse's runs, or the full survey's."""
    pg = dialect == "postgresql"
    value = cast(col(Answer.value), BigInteger) if pg else col(Answer.value)  # SQLite integers are 64-bit
    where = [
        col(SurveyRun.workspace_id) == bindparam("workspace_id"),
        col(SurveyRun.kind) == kind,
        _in_list(col(SurveyRun.period), "window", String, dialect)
        if window
        else col(SurveyRun.period) == bindparam("period"),
        col(Answer.value).between(_int(SCALE[0]), _int(SCALE[1])),
    ]
    if by_team:
        where.append(_in_teams(col(SurveyRun.team_id), dialect))
    source = join(SurveyRun, Answer, col(Answer.run_id) == col(SurveyRun.id))
    if pg:
        meta_columns: list[ColumnClause[Any]] = [column("item_id", String)]
        for w in range(plan.words):
            meta_columns += [column(f"a{w}", BigInteger), column(f"b{w}", BigInteger)]
        rows = [(item, *(n for pair in per_word for n in pair)) for item, per_word in plan.codes]
        meta = values(*meta_columns, name="item_meta", literal_binds=True).data(rows).alias("item_meta")
        source = source.join(meta, meta.c.item_id == col(Answer.item_id))
        codes = [meta.c[f"a{w}"] + meta.c[f"b{w}"] * value for w in range(plan.words)]
    else:
        codes = [
            case(
                {
                    _text(item): _int(per_word[w][0]) + _int(per_word[w][1]) * value
                    for item, per_word in plan.codes
                },
                value=col(Answer.item_id),
            )
            for w in range(plan.words)
        ]
    sums = [cast(func.sum(code), BigInteger) if pg else func.sum(code) for code in codes]
    known = func.coalesce(*sums) if len(sums) > 1 else sums[0]
    means: list[Label[Any]] = []
    for f in plan.fields:
        word = sums[f.word]
        total, count = _unpack(word, f.sum_shift, f.sum_bits), _unpack(word, f.count_shift, f.count_bits)
        mean = cast(total, Float).op("/")(cast(func.nullif(count, _int(0)), Float))
        means.append(mean.label(f"m{len(means)}"))
    return (
        select(
            col(SurveyRun.team_id).label("team_id"), known.label("known"), *means, col(SurveyRun.member_id)
        )
        .select_from(source)
        .where(*where)
        .group_by(col(SurveyRun.team_id), col(SurveyRun.id), col(SurveyRun.member_id))
        .cte(name)
    )


def _per_team(plan: Plan, people: Any) -> Any:
    """The people's own means added up per team: how many, their sum and sum of squares."""
    team_columns = [people.c.team_id, func.count(people.c.known).label("respondents")]
    for mean in list(people.c)[2 : 2 + len(plan.fields)]:
        team_columns += [func.count(mean), func.sum(mean), func.sum(mean * mean)]
    return select(*team_columns).group_by(people.c.team_id).cte("per_team")


def _active_sellers(dialect: str, by_team: bool) -> list[Any]:
    where = [
        col(TeamMembership.role) == Role.SELLER,
        col(TeamMembership.active).is_(True),
    ]
    if by_team:
        where.append(_in_teams(col(TeamMembership.team_id), dialect))
    return where


def _eligible(dialect: str, by_team: bool) -> tuple[Any, list[tuple[Any, Any]]]:
    """The ledger's count of active sellers sent this week's pulse (kind pulse, status sent) or, when
    it has none, the count of active sellers, as a column; plus the subqueries to outer-join on the
    team id.

    The pulses sent are counted from the week's ledger rows (``ix_delivery_week``) joined to the
    memberships: on PostgreSQL by a hash join on the target, for the teams asked for; on SQLite by the
    index on the member id, for the whole workspace (a team filter there would be probed per ledger
    row). The active sellers: likewise on PostgreSQL; on SQLite per team, and only where the ledger
    has none (COALESCE stops at the first value that is not NULL)."""
    pg = dialect == "postgresql"
    to_membership = (col(TeamMembership.workspace_id) == col(Delivery.workspace_id)) & (
        col(Delivery.target) == cast(col(TeamMembership.member_id), String)
        if pg
        else col(TeamMembership.member_id) == cast(col(Delivery.target), Integer)  # never an error on SQLite
    )
    sent = (
        select(col(TeamMembership.team_id).label("team_id"), func.count().label("n"))
        .select_from(Delivery)
        .join(TeamMembership, to_membership)
        .where(
            col(Delivery.workspace_id) == bindparam("workspace_id"),
            col(Delivery.kind) == DeliveryKind.PULSE,
            col(Delivery.period) == bindparam("period"),
            col(Delivery.status) == DeliveryStatus.SENT,
            *_active_sellers(dialect, by_team and pg),
        )
        .group_by(col(TeamMembership.team_id))
        .subquery("sent")
    )
    joins = [(sent, sent.c.team_id == col(Team.id))]
    person = and_(
        col(Member.id) == col(TeamMembership.member_id),
        col(Member.deactivated).is_(False),
        col(Member.is_bot).is_(False),
    )
    active = select(func.count().label("n")).select_from(TeamMembership).join(Member, person)
    if not pg:
        per_team = active.where(col(TeamMembership.team_id) == col(Team.id), *_active_sellers(dialect, False))
        return func.coalesce(sent.c.n, per_team.correlate(Team).scalar_subquery()), joins
    every = (
        active.add_columns(col(TeamMembership.team_id).label("team_id"))
        .where(
            col(TeamMembership.workspace_id) == bindparam("workspace_id"), *_active_sellers(dialect, by_team)
        )
        .group_by(col(TeamMembership.team_id))
        .subquery("active")
    )
    joins.append((every, every.c.team_id == col(Team.id)))
    return func.coalesce(sent.c.n, every.c.n, _int(0)), joins


@lru_cache(maxsize=16)
def _statement(key: ItemKey, dialect: str, by_team: bool) -> tuple[Plan, Any]:
    plan = plan_of(key)
    per_team = _per_team(plan, _per_person(plan, dialect, by_team))
    base, joins = _eligible(dialect, by_team)
    where = [col(Team.workspace_id) == bindparam("workspace_id")]
    if by_team:
        where.append(_in_teams(col(Team.id), dialect))
    figures = [c for c in per_team.c if c.name != "team_id"]
    source = outerjoin(Team, per_team, per_team.c.team_id == col(Team.id))
    for subquery, on in joins:
        source = source.outerjoin(subquery, on)
    stmt = select(col(Team.id), base.label("base"), *figures).select_from(source).where(*where)
    return plan, stmt


def week_figures_statement(item_meta: ItemMeta, dialect: str, *, by_team: bool = True) -> Any:
    """The one SELECT behind `week_figures_all` (for tests and EXPLAIN); parameters ``workspace_id``,
    ``period`` and, with `by_team`, ``team_ids`` (see `team_ids_param`)."""
    return _statement(item_key(item_meta), dialect, by_team)[1]


def team_ids_param(team_ids: list[int], dialect: str) -> Any:
    """The value of the ``team_ids`` parameter: a list (an array) on PostgreSQL, JSON on SQLite."""
    return [int(t) for t in team_ids] if dialect == "postgresql" else json.dumps([int(t) for t in team_ids])


def week_figures_all(
    session: Session,
    workspace_id: str,
    period: str,
    item_meta: ItemMeta,
    team_ids: Iterable[int] | None = None,
) -> dict[int, WeekMoments]:
    """The pulse figures of one ISO week for the workspace's teams (all, or those in `team_ids`), in
    one SQL statement, whatever the number of teams; teams of other workspaces are left out.

    ``eligible`` is how many of the team's active sellers were sent this week's pulse (ledger kind
    "pulse", status sent); when the ledger holds none (pulses not scheduled, only taken by hand) it is
    the number of active sellers. It is never below ``respondents`` (a seller may answer and then
    leave the team), so the response rate never exceeds 100 %.
    """
    params: dict[str, Any] = {"workspace_id": workspace_id, "period": period}
    dialect = session.get_bind().dialect.name
    if team_ids is not None:
        wanted = sorted(set(team_ids))
        if not wanted:
            return {}
        params["team_ids"] = team_ids_param(wanted, dialect)
    plan, stmt = _statement(item_key(item_meta), dialect, team_ids is not None)
    rows = execute_compiled(session, stmt, params)
    return {row[0]: _week(plan, period, row) for row in rows}


def week_figures(
    session: Session, workspace_id: str, team_id: int, period: str, item_meta: ItemMeta
) -> WeekMoments:
    """One team's figures: `week_figures_all` for that team alone (the same statement)."""
    found = week_figures_all(session, workspace_id, period, item_meta, [team_id])
    return found.get(team_id) or empty_week(period)


def _round(value: float) -> float:
    """``round(value, DECIMALS)``: the float sums of both databases, added in another order, agree to
    far better than 1e-9, so rounded they are the same float. (Python's ``round`` is the correctly
    rounded conversion to DECIMALS places; measured faster than formatting with "%.9f" and back.)"""
    return round(value, DECIMALS)


def _week(plan: Plan, period: str, row: Any) -> WeekMoments:
    """One result row (team, base, respondents, then per measure n, sum, sum of squares) as
    WeekMoments. The measures come sorted by name within each kind."""
    respondents = row[2] or 0
    axes: dict[str, Moments] = {}
    traits: dict[str, Moments] = {}
    for name, axis, at in plan.columns:
        n = row[at]
        if n:
            moments = Moments(n, round(row[at + 1], DECIMALS), round(row[at + 2], DECIMALS))
            if axis:
                axes[name] = moments
            else:
                traits[name] = moments
    return WeekMoments(
        period=period,
        respondents=respondents,
        eligible=max(row[1], respondents),
        axes=MappingProxyType(axes),
        traits=MappingProxyType(traits),
    )
