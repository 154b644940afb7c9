"""The bound of benchmark 3: the same weekly figures as `storage.summaries.week_figures_all`, computed by
plain SQL written by hand and run through the bare DB-API driver (the engine's raw connection: no ORM
session, no SQLAlchemy statement per call), the rows turned into the same numbers.

The figures (per team, for one workspace and ISO week): the respondents (runs with at least one answer on
the scale to a known item), the eligible sellers (the ledger's pulses sent to active sellers, else the
active sellers; never below the respondents), and per axis and per trait the people with a mean, the sum
of their means and of their squares, each person's mean taken first (reverse-keyed items scored 6 - value,
an axis weighted by the item's weight). Every team of the workspace gets a row, answered or not.

Two ways to write it, both timed; the bound is the faster of the two in each run:
- `long`: the textbook way. The item metadata is a table of values joined on the item id; the person's
  mean per axis and per trait is a GROUP BY (run, measure); the team's moments a GROUP BY (team, measure):
  one row per team and measure.
- `wide`: one row per person with a conditional SUM per measure (sum and weight), then one row per team
  with count, sum and sum of squares of every mean.
`figures_equal` compares two results figure by figure, so neither side can compute less than the other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from types import MappingProxyType
from typing import Any

from sqlalchemy.engine import Engine

from storage.summaries import ItemMeta, Moments, WeekMoments

Figures = dict[int, WeekMoments]
DECIMALS = 9  # the product's rounding of the float sums (storage/week_figures.py)

_ELIGIBLE = """
SELECT t.id, s.n, a.n
FROM team t
LEFT JOIN (
    SELECT tm.team_id AS team_id, COUNT(*) AS n
    FROM delivery d JOIN team_membership tm
      ON tm.workspace_id = d.workspace_id AND {target}
    WHERE d.workspace_id = {ws} AND d.kind = 'pulse' AND d.period = {period} AND d.status = 'sent'
      AND tm.role = 'seller' AND tm.active
    GROUP BY tm.team_id
) s ON s.team_id = t.id
LEFT JOIN (
    SELECT tm.team_id AS team_id, COUNT(*) AS n
    FROM team_membership tm JOIN member m ON m.id = tm.member_id
    WHERE tm.workspace_id = {ws} AND tm.role = 'seller' AND tm.active AND NOT m.deactivated AND NOT m.is_bot
    GROUP BY tm.team_id
) a ON a.team_id = t.id
WHERE t.workspace_id = {ws}
"""

_SCORED = """
SELECT r.team_id AS team_id, r.id AS run_id, {axis} AS axis, {trait} AS trait, {w} AS w,
       CASE WHEN {rev} = 1 THEN 6 - a.value ELSE a.value END AS score
FROM survey_run r
JOIN answer a ON a.run_id = r.id
{meta_join}
WHERE r.workspace_id = {ws} AND r.kind = 'pulse' AND r.period = {period} AND a.value BETWEEN 1 AND 5{known}
"""

_LONG = """
WITH {meta}
scored AS ({scored}),
person_axis AS (
    SELECT team_id, axis AS measure, CAST(SUM(w * score) AS {float}) / SUM(w) AS mean
    FROM scored GROUP BY team_id, run_id, axis
),
person_trait AS (
    SELECT team_id, trait AS measure, CAST(SUM(score) AS {float}) / COUNT(*) AS mean
    FROM scored GROUP BY team_id, run_id, trait
)
SELECT team_id, 'a', measure, COUNT(*), SUM(mean), SUM(mean * mean) FROM person_axis GROUP BY team_id, measure
UNION ALL
SELECT team_id, 't', measure, COUNT(*), SUM(mean), SUM(mean * mean) FROM person_trait GROUP BY team_id, measure
UNION ALL
SELECT team_id, 'r', NULL, COUNT(DISTINCT run_id), NULL, NULL FROM scored GROUP BY team_id
"""


def _sql(engine: Engine, template: str, **parts: str) -> str:
    pg = engine.dialect.name == "postgresql"
    marks = {"ws": "%(ws)s", "period": "%(period)s"} if pg else {"ws": ":ws", "period": ":period"}
    target = "d.target = CAST(tm.member_id AS VARCHAR)" if pg else "tm.member_id = CAST(d.target AS INTEGER)"
    return template.format(target=target, float="DOUBLE PRECISION" if pg else "REAL", **marks, **parts)


def _meta_rows(item_meta: ItemMeta) -> list[tuple[str, str, str, int, int]]:
    return [
        (item, meta[0], meta[1], int(bool(meta[2])), int(meta[3]) if len(meta) > 3 else 1)
        for item, meta in sorted(item_meta.items())
    ]


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _values(item_meta: ItemMeta) -> str:
    return ", ".join(
        f"({_quote(i)}, {_quote(a)}, {_quote(t)}, {r}, {w})" for i, a, t, r, w in _meta_rows(item_meta)
    )


def _scored(engine: Engine, item_meta: ItemMeta) -> tuple[str, str]:
    """The WITH clause's item table (or nothing) and the SELECT of the week's scored answers, each with
    its axis, trait and weight. PostgreSQL joins a VALUES table (a hash join); SQLite reads them from
    CASE expressions on the item id, because its planner would scan a VALUES table once per answer, or
    put it on the outside and probe every run once per item."""
    rows = _meta_rows(item_meta)
    if engine.dialect.name == "postgresql":
        meta = f"meta(item_id, axis, trait, rev, w) AS (VALUES {_values(item_meta)}),"
        parts = {"axis": "m.axis", "trait": "m.trait", "w": "m.w", "rev": "m.rev", "known": ""}
        return meta, _sql(engine, _SCORED, meta_join="JOIN meta m ON m.item_id = a.item_id", **parts)

    def case(at: int, quoted: bool) -> str:
        whens = " ".join(
            f"WHEN {_quote(row[0])} THEN {_quote(str(row[at])) if quoted else row[at]}" for row in rows
        )
        return f"CASE a.item_id {whens} END"

    known = " AND a.item_id IN (" + ", ".join(_quote(row[0]) for row in rows) + ")"
    parts = {"axis": case(1, True), "trait": case(2, True), "w": case(4, False), "rev": case(3, False)}
    return "", _sql(engine, _SCORED, meta_join="", known=known, **parts)


def _wide(engine: Engine, item_meta: ItemMeta) -> tuple[str, list[tuple[str, bool]]]:
    """The per-person conditional sums, then per team n, sum and sum of squares of each mean."""
    rows = _meta_rows(item_meta)
    measures = [(a, True) for a in sorted({r[1] for r in rows})] + [
        (t, False) for t in sorted({r[2] for r in rows})
    ]
    float_type = "DOUBLE PRECISION" if engine.dialect.name == "postgresql" else "REAL"
    person, team = [], []
    for k, (name, axis) in enumerate(measures):
        column, weight = ("axis", "w") if axis else ("trait", "1")
        person.append(
            f"CAST(SUM(CASE WHEN {column} = {_quote(name)} THEN {weight} * score END) AS {float_type})"
            f" / SUM(CASE WHEN {column} = {_quote(name)} THEN {weight} END) AS m{k}"
        )
        team.append(f"COUNT(m{k}), SUM(m{k}), SUM(m{k} * m{k})")
    meta, scored = _scored(engine, item_meta)
    sql = (
        f"WITH {meta} scored AS ({scored}), "  # noqa: S608 - the instrument's item ids, quoted
        f"person AS (SELECT team_id, {', '.join(person)} FROM scored GROUP BY team_id, run_id) "
        f"SELECT team_id, COUNT(*), {', '.join(team)} FROM person GROUP BY team_id"
    )
    return _sql(engine, sql), measures


def _moments(n: int, total: float, total_sq: float) -> Moments:
    return Moments(n, round(total, DECIMALS), round(total_sq, DECIMALS))


def _assemble(
    period: str,
    eligible: Sequence[Any],
    found: dict[int, tuple[int, dict[str, Moments], dict[str, Moments]]],
) -> Figures:
    out: Figures = {}
    for team_id, sent, active in eligible:
        respondents, axes, traits = found.get(team_id, (0, {}, {}))
        base = sent if sent is not None else (active or 0)
        out[team_id] = WeekMoments(
            period, respondents, max(base, respondents), MappingProxyType(axes), MappingProxyType(traits)
        )
    return out


def _fetch(engine: Engine, sql: tuple[str, ...], params: Any) -> list[list[Any]]:
    """The rows of each statement, through the bare driver in one transaction."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        found = []
        for text in sql:
            cur.execute(text, params)
            found.append(cur.fetchall())
        raw.commit()
    finally:
        raw.close()
    return found


def long_figures(
    engine: Engine, workspace_id: str, period: str, item_meta: ItemMeta
) -> Callable[[], Figures]:
    """The `long` baseline, its SQL written once: returns the call that runs it."""
    meta, scored = _scored(engine, item_meta)
    figures_sql = _sql(engine, _LONG, meta=meta, scored=scored)
    eligible_sql = _sql(engine, _ELIGIBLE)
    params = {"ws": workspace_id, "period": period}

    def run() -> Figures:
        eligible, rows = _fetch(engine, (eligible_sql, figures_sql), params)
        found: dict[int, tuple[int, dict[str, Moments], dict[str, Moments]]] = {}
        for team_id, kind, measure, n, total, total_sq in rows:
            entry = found.setdefault(team_id, (0, {}, {}))
            if kind == "r":
                found[team_id] = (n, entry[1], entry[2])
            else:
                (entry[1] if kind == "a" else entry[2])[measure] = _moments(n, total, total_sq)
        return _assemble(period, eligible, found)

    return run


def wide_figures(
    engine: Engine, workspace_id: str, period: str, item_meta: ItemMeta
) -> Callable[[], Figures]:
    """The `wide` baseline, its SQL written once: returns the call that runs it."""
    figures_sql, measures = _wide(engine, item_meta)
    eligible_sql = _sql(engine, _ELIGIBLE)
    params = {"ws": workspace_id, "period": period}

    def run() -> Figures:
        eligible, rows = _fetch(engine, (eligible_sql, figures_sql), params)
        found: dict[int, tuple[int, dict[str, Moments], dict[str, Moments]]] = {}
        for row in rows:
            axes: dict[str, Moments] = {}
            traits: dict[str, Moments] = {}
            for k, (name, axis) in enumerate(measures):
                n = row[2 + 3 * k]
                if n:
                    (axes if axis else traits)[name] = _moments(n, row[3 + 3 * k], row[4 + 3 * k])
            found[row[0]] = (row[1], axes, traits)
        return _assemble(period, eligible, found)

    return run


def figures_differ(ours: Figures, theirs: Figures, tolerance: float = 1e-9) -> list[str]:
    """Every figure where the two differ (counts exactly; the float sums to `tolerance` of their size,
    since the two add the same means in another order); [] when they agree."""
    problems: list[str] = []
    if set(ours) != set(theirs):
        return [f"teams differ: {sorted(set(ours) ^ set(theirs))[:10]}"]
    for team, a in ours.items():
        b = theirs[team]
        if (a.respondents, a.eligible) != (b.respondents, b.eligible):
            problems.append(
                f"team {team}: respondents/eligible {a.respondents}/{a.eligible} vs {b.respondents}/{b.eligible}"
            )
        for kind, mine, other in (("axis", a.axes, b.axes), ("trait", a.traits, b.traits)):
            if set(mine) != set(other):
                problems.append(f"team {team}: {kind} measures {sorted(mine)} vs {sorted(other)}")
                continue
            for name, m in mine.items():
                o = other[name]
                close = all(
                    math.isclose(x, y, rel_tol=tolerance, abs_tol=tolerance)
                    for x, y in ((m.total, o.total), (m.total_sq, o.total_sq))
                )
                if m.n != o.n or not close:
                    problems.append(f"team {team}: {kind} {name} {m} vs {o}")
    return problems


def packed_figures(
    engine: Engine, workspace_id: str, period: str, item_meta: ItemMeta
) -> Callable[[], Figures]:
    """The product's own statement (storage/week_figures.py: each answer's per-measure sum and count
    packed into two integers) as SQL text compiled once, run through the bare driver and decoded here."""
    from storage.summaries import week_figures_statement
    from storage.week_packing import item_key, plan_of

    plan = plan_of(item_key(item_meta))
    compiled = week_figures_statement(item_meta, engine.dialect.name, by_team=False).compile(
        dialect=engine.dialect
    )
    sql = str(compiled)
    values = compiled.construct_params({"workspace_id": workspace_id, "period": period})
    positions = compiled.positiontup
    params: Any = tuple(values[name] for name in positions) if positions else values

    def run() -> Figures:
        (rows,) = _fetch(engine, (sql,), params)
        out: Figures = {}
        for row in rows:
            respondents = row[2] or 0
            axes: dict[str, Moments] = {}
            traits: dict[str, Moments] = {}
            for name, axis, at in plan.columns:
                if row[at]:
                    (axes if axis else traits)[name] = _moments(row[at], row[at + 1], row[at + 2])
            out[row[0]] = WeekMoments(
                period,
                respondents,
                max(row[1], respondents),
                MappingProxyType(axes),
                MappingProxyType(traits),
            )
        return out

    return run
