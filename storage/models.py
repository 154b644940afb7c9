"""The tables. Every row carries the Slack workspace (team id) it belongs to.

Alembic migrations in storage/migrations are the only way this schema is created.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class RunKind(StrEnum):
    FULL = "full"
    PULSE = "pulse"


class Role(StrEnum):
    SELLER = "seller"
    MANAGER = "manager"


class Workspace(SQLModel, table=True):
    __tablename__ = "workspace"

    id: str = Field(primary_key=True, max_length=32, description="Slack team id")
    name: str | None = Field(default=None, max_length=255)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Member(SQLModel, table=True):
    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("workspace_id", "slack_user_id", name="uq_member_workspace_user"),)

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32, index=True)
    slack_user_id: str = Field(max_length=32)
    locale: str | None = Field(default=None, max_length=16, description="nb, sv or en")
    tz: str | None = Field(default=None, max_length=64, description="IANA zone from users.info")
    role: str = Field(default=Role.SELLER, max_length=16)
    dm_channel_id: str | None = Field(default=None, max_length=32)
    profile_refreshed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)


class SurveyRun(SQLModel, table=True):
    """One sitting of the full survey or of a weekly pulse, as a threaded DM conversation."""

    __tablename__ = "survey_run"
    __table_args__ = (
        UniqueConstraint("workspace_id", "member_id", "kind", "period", name="uq_run_member_kind_period"),
        Index("ix_run_member_open", "workspace_id", "member_id", "finished_at"),
        Index("ix_run_thread", "workspace_id", "channel_id", "thread_ts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workspace_id: str = Field(foreign_key="workspace.id", max_length=32)
    member_id: int = Field(
        sa_column=Column(Integer, ForeignKey("member.id", ondelete="CASCADE"), nullable=False)
    )
    kind: str = Field(max_length=8)
    period: str = Field(max_length=16, description="ISO week (pulse) or month (full survey)")
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
    __table_args__ = (UniqueConstraint("run_id", "position", name="uq_prompt_run_position"),)

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
