"""The weekly team figures, aggregated in SQL, and the frozen snapshots of what was published.

`week_figures` runs ONE statement per team and week and returns a handful of rows (one per axis and
trait plus three counts), whatever the number of answers: the database does all the work, so memory
stays bounded for any number of teams and weeks. Per respondent (a pulse run of the team and period
with at least one answer other than "don't know"), reverse-keyed items are scored ``6 - value``, then:

1. the person's own mean per axis and per trait (only over the items the person answered);
2. per team: how many people have a mean (``n``), the sum of their means and the sum of their squares,
   so the caller can build ``n``/mean/sd without ever seeing a person's answers;
3. per axis: how many people's own mean is high (>= 4.0) and how many low (<= 2.5). These compare
   integers (``sum >= 4 * count``, ``2 * sum <= 5 * count``), so they are exact on every database.

The item metadata (axis, trait, reversed) comes from the caller as a VALUES table: storage knows nothing
of the instrument. Means are taken as ``CAST(sum AS FLOAT) / count`` (never integer division, never
PostgreSQL's ``numeric`` AVG), and the float sums are rounded to 1e-9 so the two databases' different
summation orders give identical figures.

Snapshots are insert-if-absent and unique per team and period: the first publish freezes a week, and
every later view (channel, manager DM, App Home) shows the frozen figures, so a late answer can never make
two shown figures differ by one person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    Integer,
    String,
    case,
    cast,
    column,
    func,
    literal,
    select,
    union_all,
    values,
)
from sqlmodel import Session

from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Answer, Delivery, Member, Role, SummarySnapshot, SurveyRun, TeamMembership
from storage.sql import upsert_insert

PULSE = "pulse"
HIGH_MEAN = 4  # a person's own mean >= 4.0 counts as high ...
LOW_MEAN_TIMES_2 = 5  # ... and <= 2.5 as low (compared as 2 * sum <= 5 * count)
DECIMALS = 9

ItemMeta = Mapping[str, tuple[str, str, bool]]
"""item id -> (axis, trait, reverse)"""


@dataclass(frozen=True, slots=True)
class Moments:
    """Over the people with a mean on one axis or trait: how many, the sum and the sum of squares."""

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
    split: Mapping[str, tuple[int, int]]
    """axis -> (people whose own mean is >= 4.0, people whose own mean is <= 2.5)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    team_id: int
    period: str
    published_at: datetime
    respondents: int
    eligible: int
    suppressed: bool
    figures: Mapping[str, Any]


def _meta_table(item_meta: ItemMeta) -> Any:
    if not item_meta:
        raise ValueError("item_meta must name at least one item")
    rows = [(item_id, axis, trait, bool(rev)) for item_id, (axis, trait, rev) in sorted(item_meta.items())]
    return (
        values(
            column("item_id", String),
            column("axis", String),
            column("trait", String),
            column("reverse", Boolean),
            name="item_meta",
        )
        .data(rows)
        .cte("item_meta")
    )


def week_figures_statement(workspace_id: str, team_id: int, period: str, item_meta: ItemMeta) -> Any:
    """The one SELECT behind `week_figures` (exposed for tests and EXPLAIN)."""
    meta = _meta_table(item_meta)
    value = case((meta.c.reverse, 6 - Answer.value), else_=Answer.value)
    scored = (
        select(SurveyRun.id.label("person"), meta.c.axis, meta.c.trait, value.label("v"))  # type: ignore[union-attr]
        .join(Answer, Answer.run_id == SurveyRun.id)  # type: ignore[arg-type]
        .join(meta, meta.c.item_id == Answer.item_id)
        .where(
            SurveyRun.workspace_id == workspace_id,
            SurveyRun.team_id == team_id,
            SurveyRun.kind == PULSE,
            SurveyRun.period == period,
            Answer.value.is_not(None),  # type: ignore[union-attr]
        )
        .cte("scored")
    )
    per_person = union_all(
        *(
            select(
                scored.c.person,
                literal(kind, String).label("kind"),
                scored.c[dim].label("name"),
                func.sum(scored.c.v).label("s"),
                func.count(scored.c.v).label("c"),
            ).group_by(scored.c.person, scored.c[dim])
            for kind, dim in (("axis", "axis"), ("trait", "trait"))
        )
    ).cte("per_person")
    mean = cast(per_person.c.s, Float) / cast(per_person.c.c, Float)
    moments = select(
        per_person.c.kind,
        per_person.c.name,
        func.count().label("n"),
        func.sum(mean).label("total"),
        func.sum(mean * mean).label("total_sq"),
        func.sum(case((per_person.c.s >= HIGH_MEAN * per_person.c.c, 1), else_=0)).label("high"),
        func.sum(case((2 * per_person.c.s <= LOW_MEAN_TIMES_2 * per_person.c.c, 1), else_=0)).label("low"),
    ).group_by(per_person.c.kind, per_person.c.name)

    def count_row(kind: str, count: Any) -> Any:
        zero = literal(0.0, Float)
        return select(
            literal(kind, String),
            literal("", String),
            count,
            zero,
            zero,
            literal(0, Integer),
            literal(0, Integer),
        )

    active_seller = (
        TeamMembership.team_id == team_id,
        TeamMembership.role == Role.SELLER,
        TeamMembership.active.is_(True),  # type: ignore[attr-defined]
    )
    respondents = count_row("respondents", func.count(scored.c.person.distinct()))
    sent = count_row("sent", func.count()).select_from(
        select(TeamMembership.member_id)
        .join(
            Delivery,
            (Delivery.workspace_id == TeamMembership.workspace_id)
            & (Delivery.target == cast(TeamMembership.member_id, String)),
        )
        .where(
            *active_seller,
            Delivery.kind == DeliveryKind.PULSE,
            Delivery.period == period,
            Delivery.status == DeliveryStatus.SENT,
        )
        .distinct()
        .subquery()
    )
    active = count_row("active", func.count()).select_from(
        select(TeamMembership.member_id)
        .join(Member, Member.id == TeamMembership.member_id)  # type: ignore[arg-type]
        .where(
            *active_seller,
            Member.deactivated.is_(False),  # type: ignore[attr-defined]
            Member.is_bot.is_(False),  # type: ignore[attr-defined]
        )
        .subquery()
    )
    return union_all(moments, respondents, sent, active)


def week_figures(
    session: Session, workspace_id: str, team_id: int, period: str, item_meta: ItemMeta
) -> WeekMoments:
    """The team's pulse figures for one ISO week, in one SQL statement.

    ``eligible`` is how many of the team's active sellers were sent this week's pulse (ledger kind
    "pulse", status sent); when the ledger holds none (pulses not scheduled, only taken by hand) it is
    the number of active sellers. It is never below ``respondents`` (a seller may answer and then
    leave the team), so the response rate never exceeds 100 %.
    """
    rows = session.execute(week_figures_statement(workspace_id, team_id, period, item_meta)).all()
    axes: dict[str, Moments] = {}
    traits: dict[str, Moments] = {}
    split: dict[str, tuple[int, int]] = {}
    counts = {"respondents": 0, "sent": 0, "active": 0}
    for kind, name, n, total, total_sq, high, low in rows:
        if kind in counts:
            counts[kind] = int(n)
            continue
        moments = Moments(int(n), round(float(total), DECIMALS), round(float(total_sq), DECIMALS))
        if kind == "axis":
            axes[name] = moments
            split[name] = (int(high), int(low))
        else:
            traits[name] = moments
    respondents = counts["respondents"]
    eligible = max(counts["sent"] or counts["active"], respondents)
    return WeekMoments(
        period=period,
        respondents=respondents,
        eligible=eligible,
        axes=MappingProxyType(dict(sorted(axes.items()))),
        traits=MappingProxyType(dict(sorted(traits.items()))),
        split=MappingProxyType(dict(sorted(split.items()))),
    )


def has_pulse_runs(session: Session, team_id: int, period: str) -> bool:
    """Whether any pulse of the team's week went out (a run exists once a pulse is sent or taken by hand).
    Without one there is nothing to report: a team set up mid-week gets no "0 of 8" summary."""
    found = session.scalar(
        select(SurveyRun.id)
        .where(SurveyRun.team_id == team_id, SurveyRun.kind == PULSE, SurveyRun.period == period)
        .limit(1)
    )
    return found is not None


# -- snapshots -------------------------------------------------------------------------------------------


def _snapshot(row: SummarySnapshot) -> Snapshot:
    return Snapshot(
        team_id=row.team_id,
        period=row.period,
        published_at=row.published_at,
        respondents=row.respondents,
        eligible=row.eligible,
        suppressed=row.suppressed,
        figures=MappingProxyType(dict(row.figures or {})),
    )


def save_snapshot(
    session: Session,
    workspace_id: str,
    team_id: int,
    period: str,
    published_at: datetime,
    respondents: int,
    eligible: int,
    suppressed: bool,
    figures: dict[str, Any],
) -> bool:
    """Freeze a published week; False when the week was already frozen (the first publish wins)."""
    stmt = upsert_insert(session, SummarySnapshot).values(
        workspace_id=workspace_id,
        team_id=team_id,
        period=period,
        published_at=published_at,
        respondents=respondents,
        eligible=eligible,
        suppressed=suppressed,
        figures=figures,
    )
    stmt = stmt.on_conflict_do_nothing(index_elements=["team_id", "period"]).returning(SummarySnapshot.id)
    return session.execute(stmt).first() is not None


def get_snapshot(session: Session, team_id: int, period: str) -> Snapshot | None:
    row = session.scalars(
        select(SummarySnapshot).where(SummarySnapshot.team_id == team_id, SummarySnapshot.period == period)
    ).first()
    return _snapshot(row) if row is not None else None


def snapshots(session: Session, team_id: int, before_period: str, limit: int) -> list[Snapshot]:
    """Up to `limit` weeks published before `before_period`, most recent last.

    Periods are ISO weeks ("2026-W47"), which sort as strings.
    """
    rows = session.scalars(
        select(SummarySnapshot)
        .where(SummarySnapshot.team_id == team_id, SummarySnapshot.period < before_period)
        .order_by(SummarySnapshot.period.desc())  # type: ignore[attr-defined]
        .limit(limit)
    ).all()
    return [_snapshot(row) for row in reversed(rows)]


def latest_snapshot(session: Session, team_id: int) -> Snapshot | None:
    row = session.scalars(
        select(SummarySnapshot)
        .where(SummarySnapshot.team_id == team_id)
        .order_by(SummarySnapshot.period.desc())  # type: ignore[attr-defined]
        .limit(1)
    ).first()
    return _snapshot(row) if row is not None else None
