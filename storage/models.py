"""The tables. Every row carries the Slack workspace (team id) it belongs to.

Alembic migrations in storage/migrations are the only way this schema is created.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class RunKind(StrEnum):
    FULL = "full"
    PULSE = "pulse"
    SELF = "self"  # the manager's self-view (mirror wording); never part of a team's figures


class Role(StrEnum):
    SELLER = "seller"
    MANAGER = "manager"


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def stored_id(row: _Stored) -> int:
    """The primary key of a row that is in the database. The models type `id` as `int | None` because a
    new row has none until its INSERT; a row read back, or flushed, always has one."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id: it was never inserted")
    return row.id


class Workspace(SQLModel, table=True):
    __tablename__ = "workspace"

    id: str = Field(primary_key=True, max_length=32, description="Slack team id")
    name: str | None = Field(default=None, max_length=255)
    created_at: datetime = Field(sa_type=UTCDateTime)
    uninstalled_at: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="the app was uninstalled (or its bot token revoked): the clock sends nothing; the data "
        "is deleted after the grace period unless a reinstall clears this (storage/workspaces.py)",
    )


class Member(SQLModel, table=True):
    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id", name="uq_member_workspace_user"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32, index=True)
    user_id: str = Field(max_length=32)
    locale: str | None = Field(default=None, max_length=16, description="nb, sv or en")
    tz: str | None = Field(default=None, max_length=64, description="IANA zone from users.info")
    role: str = Field(default=Role.SELLER, max_length=16)
    dm_channel_id: str | None = Field(default=None, max_length=32)
    is_bot: bool = Field(default=False)
    deactivated: bool = Field(default=False, description="deleted in Slack: gets nothing any more")
    dm_unavailable_at: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="the DM could not be opened; skipped until profile refresh",
    )
    profile_refreshed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)


class SurveyRun(SQLModel, table=True):
    """One sitting of the full survey or of a weekly pulse, as a threaded DM conversation."""

    __tablename__ = "survey_run"
    __table_args__ = (
        UniqueConstraint("workspace_id", "member_id", "kind", "period", name="uq_run_member_kind_period"),
        Index("ix_run_member_open", "workspace_id", "member_id", "finished_at"),
        Index("ix_run_thread", "workspace_id", "channel_id", "thread_ts"),
        # A week's pulse runs, by team: the weekly figures of every team read them in this order.
        Index("ix_run_week", "workspace_id", "kind", "period", "team_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    team_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("team.id", ondelete="SET NULL"), nullable=True, index=True),
        description="the team the member was in when the run started; a later move does not rewrite it",
    )
    kind: str = Field(max_length=8)
    period: str = Field(max_length=16, description="ISO week (pulse) or month (full survey)")
    instrument_version: int = Field(
        default=1,
        sa_column_kwargs={"server_default": text("1")},
        description="the survey version the run asks (coaching.instrument); kept until the run is finished",
    )
    channel_id: str | None = Field(default=None, max_length=32)
    thread_ts: str | None = Field(default=None, max_length=32, description="ts of the parent message")
    started_at: datetime = Field(sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Answer(SQLModel, table=True):
    """One answer; a repeated tap on the same item updates this row instead of adding one."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("run_id", "item_id", name="uq_answer_run_item"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    run_id: int = Field(
        sa_column=Column(Integer, ForeignKey("survey_run.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    item_id: str = Field(max_length=8)
    value: int | None = Field(default=None, description="1..5, NULL for don't know")
    answered_at: datetime = Field(sa_type=UTCDateTime)


class Prompt(SQLModel, table=True):
    """A question message posted in a run's thread. Claiming the row before posting keeps the next
    question from being posted twice when Slack retries or a seller double-taps."""

    __tablename__ = "prompt"
    __table_args__ = (
        UniqueConstraint("run_id", "position", name="uq_prompt_run_position"),
        # Claims whose post was never confirmed, oldest first: the scheduler's repair of given-up posts
        # reads only these (a few rows) instead of every question ever posted.
        Index(
            "ix_prompt_unposted",
            "claimed_at",
            sqlite_where=text("message_ts IS NULL"),
            postgresql_where=text("message_ts IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    run_id: int = Field(
        sa_column=Column(Integer, ForeignKey("survey_run.id", ondelete="CASCADE"), nullable=False)
    )
    position: int
    item_id: str = Field(max_length=8)
    message_ts: str | None = Field(default=None, max_length=32)
    claimed_at: datetime = Field(sa_type=UTCDateTime)


class InboundEvent(SQLModel, table=True):
    """Keys of Slack deliveries already handled, so a retried event is acted on once."""

    __tablename__ = "inbound_event"
    __table_args__ = (UniqueConstraint("workspace_id", "event_key", name="uq_inbound_event"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    event_key: str = Field(sa_column=Column(String(128), nullable=False))
    received_at: datetime = Field(sa_type=UTCDateTime, index=True)


class Team(SQLModel, table=True):
    """A sales team, set up in (and reporting to) one Slack channel."""

    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("workspace_id", "channel_id", name="uq_team_channel"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    channel_id: str = Field(max_length=32)
    name: str = Field(max_length=80)
    locale: str = Field(max_length=8, description="language of channel posts")
    tz: str = Field(max_length=64, description="time zone of the summary (the setting-up manager's)")
    pulse_weekday: int = Field(default=0, description="0 = Monday")
    pulse_minute: int = Field(default=9 * 60, description="local minutes after midnight")
    summary_weekday: int = Field(default=4)
    summary_minute: int = Field(default=14 * 60)
    min_respondents: int = Field(default=5)
    cutoff: float = Field(default=3.5)
    no_send_dates: list[str] = Field(default_factory=list, sa_type=JSON, description="ISO dates")
    first_pulse_at: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="when the manager chose 'send this week's pulse now' at setup: that week's pulse goes then",
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class TeamMembership(SQLModel, table=True):
    """Who is in a team and as what. Leaving keeps the row (inactive) so history stays explainable."""

    __tablename__ = "team_membership"
    __table_args__ = (
        UniqueConstraint("team_id", "member_id", name="uq_membership"),
        # A seller is an active seller of one team at a time, also when two saves race (PostgreSQL's
        # READ COMMITTED lets both see "in no team"); the loser's save is tried again and refused.
        Index(
            "uq_active_seller",
            "workspace_id",
            "member_id",
            unique=True,
            sqlite_where=text("role = 'seller' AND active"),
            postgresql_where=text("role = 'seller' AND active"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    team_id: int = Field(sa_column=Column(Integer, ForeignKey("team.id", ondelete="CASCADE"), nullable=False))
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    role: str = Field(max_length=16, description="seller or manager")
    active: bool = Field(default=True)
    changed_at: datetime = Field(sa_type=UTCDateTime)


_OPEN = text("status IN ('due', 'claimed')")


class Delivery(SQLModel, table=True):
    """The delivery ledger: each pulse, reminder and summary is sent at most once per target and period.

    A row is claimed before the Slack call and marked sent after it, so a restart resumes claims that
    never completed and two dispatchers can never both send.
    """

    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("workspace_id", "kind", "target", "period", name="uq_delivery"),
        # A week's deliveries of one kind (the pulses sent, counted per team for the weekly figures).
        Index("ix_delivery_week", "workspace_id", "kind", "period"),
        # The rows a send loop claims or takes over (due, claimed): a handful among every delivery ever made.
        Index("ix_delivery_open", "status", "id", sqlite_where=_OPEN, postgresql_where=_OPEN),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    kind: str = Field(max_length=16, description="pulse, reminder, summary, summary_dm")
    target: str = Field(max_length=64, description="member id, team id or team:manager")
    period: str = Field(max_length=16)
    status: str = Field(max_length=16, description="due, claimed, sent, skipped, failed")
    claimed_at: datetime = Field(sa_type=UTCDateTime)
    claimed_by: str | None = Field(
        default=None, max_length=80, description="the process (lease holder id) that claimed it"
    )
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    detail: str | None = Field(default=None, max_length=255)


class SummarySnapshot(SQLModel, table=True):
    """A team's published weekly figures, frozen when posted: every later view shows these, so no
    two shown figures differ by a late answer."""

    __tablename__ = "summary_snapshot"
    __table_args__ = (UniqueConstraint("team_id", "period", name="uq_snapshot"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    team_id: int = Field(sa_column=Column(Integer, ForeignKey("team.id", ondelete="CASCADE"), nullable=False))
    period: str = Field(max_length=16)
    published_at: datetime = Field(sa_type=UTCDateTime)
    respondents: int
    eligible: int
    suppressed: bool
    figures: dict[str, Any] = Field(
        default_factory=dict, sa_type=JSON, description="means, sds, traits, zone; empty if suppressed"
    )


class SchedulerLease(SQLModel, table=True):
    """Which process runs the scheduler: APScheduler job stores must never be shared, so one leader."""

    __tablename__ = "scheduler_lease"

    name: str = Field(primary_key=True, max_length=32)
    holder: str = Field(max_length=64)
    expires_at: datetime = Field(sa_type=UTCDateTime)


class Replica(SQLModel, table=True):
    """A running process that sends (scheduling/send_loop.py): its claims are taken over once its
    heartbeat is older than the TTL."""

    __tablename__ = "replica"

    id: str = Field(primary_key=True, max_length=80)
    beat_at: datetime = Field(sa_type=UTCDateTime)


class RateBudget(SQLModel, table=True):
    """A token bucket shared by all replicas: one row per workspace and Slack budget (storage/budgets.py)."""

    __tablename__ = "rate_budget"

    workspace_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(primary_key=True, max_length=16)
    tokens: float
    stamp: float = Field(description="the database's clock, epoch seconds, when tokens was right")
    spent: int = Field(default=0, description="tokens taken without waiting (people's posts), ever")


class CoachingRequest(SQLModel, table=True):
    """A manager asking how to handle one person: the observations they confirmed and the advice given.

    The subject's own survey answers are never read for this; the advice rests on the manager's
    observations and, as context, the team's published (anonymous) summary.
    """

    __tablename__ = "coaching_request"
    __table_args__ = (Index("ix_coaching_manager", "workspace_id", "manager_member_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    manager_member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    subject_member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    team_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("team.id", ondelete="SET NULL"), nullable=True)
    )
    observations: dict[str, Any] = Field(
        default_factory=dict, sa_type=JSON, description="Situation fields; absent = unknown"
    )
    step: str = Field(default="observing", max_length=16, description="confirming, observing, answered")
    channel_id: str | None = Field(default=None, max_length=32)
    thread_ts: str | None = Field(default=None, max_length=32)
    question_field: str | None = Field(
        default=None, max_length=24, description="the question last posted in the thread (its field)"
    )
    question_ts: str | None = Field(default=None, max_length=32, description="... and its message ts")
    created_at: datetime = Field(sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class FollowUp(SQLModel, table=True):
    """ "Det som loves, skjer": a reminder to the manager to follow up on a coaching plan."""

    __tablename__ = "follow_up"
    __table_args__ = (
        UniqueConstraint("request_id", name="uq_follow_up_request"),
        Index("ix_follow_up_due", "sent_at", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    request_id: int = Field(
        sa_column=Column(Integer, ForeignKey("coaching_request.id", ondelete="CASCADE"), nullable=False)
    )
    due_at: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Notice(SQLModel, table=True):
    """A direct message the bot owes someone about their team: a seller added to a team (and by whom),
    or a team's managers told that one of their sellers was moved to another team.

    Written in the same transaction as the change it tells of, sent after it (claimed first, like the
    ledger), so nobody is put into a team without being told, even if the process dies right after.
    """

    __tablename__ = "notice"
    __table_args__ = (Index("ix_notice_pending", "sent_at", "given_up_at", "claimed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    kind: str = Field(max_length=24, description="added_to_team, seller_moved")
    recipient_member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    team_id: int = Field(sa_column=Column(Integer, ForeignKey("team.id", ondelete="CASCADE"), nullable=False))
    subject_member_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=True, index=True),
        description="the seller a seller_moved notice is about",
    )
    other_team_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("team.id", ondelete="SET NULL"), nullable=True),
        description="the team that took the seller (seller_moved)",
    )
    actor_member_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="SET NULL"), nullable=True),
        description="who made the change (added_to_team)",
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = Field(default=0)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    given_up_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# slack_sdk's installation and state store tables (made by migration 0012), on the same metadata so the
# schema check covers them.
from storage import installations as _installations  # noqa: E402, F401
