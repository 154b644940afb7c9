"""A person's data, all of it: erasing it (forget-me), reading it (export), and retention.

Forget-me (`forget_member`) deletes, inside the caller's transaction and within one workspace, every row
that is about one member or was written by them:

- their survey runs with the answers and the question claims (`answer`, `prompt`, `survey_run`);
- their team memberships;
- the coaching requests they made as a manager and the ones other managers made about them, with the
  follow-ups of both;
- the delivery ledger rows that target them: pulses and reminders (target = member id) and the managers'
  summary DMs ("team:member");
- the team notices to them or about them (a notice they caused as a manager keeps its recipient's copy,
  without their name);
- the keys of Slack deliveries from their DM channels (`inbound_event` is keyed by channel and ts, so
  a key is theirs when the channel is one of their DMs; keys from shared channels cannot be attributed
  and go with retention after a few days);
- the member row itself.

The published weekly snapshots (`summary_snapshot`) are kept: each is a team aggregate of at least the
anonymity minimum, frozen when posted, and holds nothing that points to one person (docs/PRIVACY.md).

Retention deletes in bounded batches (`limit` rows per call, one call per transaction): the caller loops
until a call deletes fewer than `limit`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Delete, Select, and_, delete, exists, false, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import (
    Answer,
    CoachingRequest,
    Delivery,
    FollowUp,
    InboundEvent,
    Member,
    Notice,
    Prompt,
    SurveyRun,
    Team,
    TeamMembership,
)

FORGET_TABLES = (
    "notice",
    "follow_up",
    "coaching_request",
    "inbound_event",
    "delivery",
    "answer",
    "prompt",
    "survey_run",
    "team_membership",
    "member",
)
"""The tables forget-me deletes from, in the order it does so (children before parents)."""


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- forget-me ----------------------------------------------------------------------------------------


def member_channels(session: Session, member: Member) -> set[str]:
    """The DM channels the member talked to the bot in: the cached one, their runs' and their requests'."""
    channels: set[str | None] = {member.dm_channel_id}
    channels.update(
        session.scalars(
            select(col(SurveyRun.channel_id)).where(
                col(SurveyRun.member_id) == member.id,
                col(SurveyRun.channel_id).is_not(None),
            )
        ).all()
    )
    channels.update(
        session.scalars(
            select(col(CoachingRequest.channel_id)).where(
                col(CoachingRequest.manager_member_id) == member.id,
                col(CoachingRequest.channel_id).is_not(None),
            )
        ).all()
    )
    return {channel for channel in channels if channel}


def _ledger_targets(session: Session, workspace_id: str, member_id: int) -> Select[int | None]:
    """The delivery rows addressed to the member: pulses, reminders and their summary DMs."""
    team_ids = session.scalars(select(col(Team.id)).where(col(Team.workspace_id) == workspace_id)).all()
    return select(col(Delivery.id)).where(
        col(Delivery.workspace_id) == workspace_id,
        or_(
            and_(
                col(Delivery.kind).in_([DeliveryKind.PULSE, DeliveryKind.REMINDER]),
                col(Delivery.target) == str(member_id),
            ),
            and_(
                col(Delivery.kind) == DeliveryKind.SUMMARY_DM,
                col(Delivery.target).in_([f"{team_id}:{member_id}" for team_id in team_ids]),
            ),
        ),
    )


def forget_member(session: Session, workspace_id: str, member_id: int) -> dict[str, int]:
    """Delete everything about one member of this workspace; rows deleted per table (FORGET_TABLES)."""
    member = session.get(Member, member_id)
    if member is None or member.workspace_id != workspace_id:
        return dict.fromkeys(FORGET_TABLES, 0)
    channels = member_channels(session, member)
    requests = select(col(CoachingRequest.id)).where(
        col(CoachingRequest.workspace_id) == workspace_id,
        or_(
            col(CoachingRequest.manager_member_id) == member_id,
            col(CoachingRequest.subject_member_id) == member_id,
        ),
    )
    run_ids = select(col(SurveyRun.id)).where(
        col(SurveyRun.workspace_id) == workspace_id, col(SurveyRun.member_id) == member_id
    )
    events = [
        col(InboundEvent.event_key).like(f"%:{_like_escape(c)}:%", escape="\\") for c in sorted(channels)
    ]
    statements = {
        "notice": delete(Notice).where(
            col(Notice.workspace_id) == workspace_id,
            or_(col(Notice.recipient_member_id) == member_id, col(Notice.subject_member_id) == member_id),
        ),
        "follow_up": delete(FollowUp).where(col(FollowUp.request_id).in_(requests)),
        "coaching_request": delete(CoachingRequest).where(col(CoachingRequest.id).in_(requests)),
        "inbound_event": delete(InboundEvent).where(
            col(InboundEvent.workspace_id) == workspace_id, or_(*events) if events else false()
        ),
        "delivery": delete(Delivery).where(
            col(Delivery.id).in_(_ledger_targets(session, workspace_id, member_id))
        ),
        "answer": delete(Answer).where(col(Answer.run_id).in_(run_ids)),
        "prompt": delete(Prompt).where(col(Prompt.run_id).in_(run_ids)),
        "survey_run": delete(SurveyRun).where(col(SurveyRun.id).in_(run_ids)),
        "team_membership": delete(TeamMembership).where(
            col(TeamMembership.workspace_id) == workspace_id, col(TeamMembership.member_id) == member_id
        ),
        "member": delete(Member).where(col(Member.id) == member_id, col(Member.workspace_id) == workspace_id),
    }
    counts = {}
    for table in FORGET_TABLES:
        counts[table] = _deleted(session, statements[table])
    return counts


# -- export -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunRecord:
    run: SurveyRun
    team_name: str | None
    answers: Sequence[Answer]
    """In the order they were given."""


@dataclass(frozen=True, slots=True)
class RequestRecord:
    request: CoachingRequest
    team_name: str | None
    subject_user_id: str
    follow_up: FollowUp | None


def memberships_of(session: Session, member_id: int) -> list[tuple[TeamMembership, str]]:
    """The member's team memberships (active or not) with each team's name, oldest team first."""
    rows = session.execute(
        select(TeamMembership, col(Team.name))
        .join(Team, col(Team.id) == col(TeamMembership.team_id))
        .where(col(TeamMembership.member_id) == member_id)
        .order_by(col(Team.id))
    ).all()
    return [(membership, name) for membership, name in rows]


def runs_of(session: Session, workspace_id: str, member_id: int) -> list[RunRecord]:
    """Every run of the member, oldest first, with its answers."""
    found = session.execute(
        select(SurveyRun, col(Team.name))
        .outerjoin(Team, col(Team.id) == col(SurveyRun.team_id))
        .where(col(SurveyRun.workspace_id) == workspace_id, col(SurveyRun.member_id) == member_id)
        .order_by(col(SurveyRun.started_at), col(SurveyRun.id))
    ).all()
    answers: dict[int, list[Answer]] = {run.id: [] for run, _ in found}
    if answers:
        for answer in session.scalars(
            select(Answer)
            .where(col(Answer.run_id).in_(list(answers)))
            .order_by(col(Answer.answered_at), col(Answer.id))
        ).all():
            answers[answer.run_id].append(answer)
    return [RunRecord(run, name, answers[run.id]) for run, name in found]


def _requests(session: Session, workspace_id: str, condition: ColumnElement[bool]) -> list[RequestRecord]:
    subject = aliased(Member)
    rows = session.execute(
        select(CoachingRequest, col(Team.name), col(subject.user_id), FollowUp)
        .join(subject, col(subject.id) == col(CoachingRequest.subject_member_id))
        .outerjoin(Team, col(Team.id) == col(CoachingRequest.team_id))
        .outerjoin(FollowUp, col(FollowUp.request_id) == col(CoachingRequest.id))
        .where(col(CoachingRequest.workspace_id) == workspace_id, condition)
        .order_by(col(CoachingRequest.created_at), col(CoachingRequest.id))
    ).all()
    return [RequestRecord(request, name, user_id, follow_up) for request, name, user_id, follow_up in rows]


def requests_by(session: Session, workspace_id: str, member_id: int) -> list[RequestRecord]:
    """The coaching requests the member made as a manager, oldest first."""
    return _requests(session, workspace_id, col(CoachingRequest.manager_member_id) == member_id)


def requests_about(session: Session, workspace_id: str, member_id: int) -> list[RequestRecord]:
    """The coaching requests managers made about the member, oldest first."""
    return _requests(session, workspace_id, col(CoachingRequest.subject_member_id) == member_id)


def deliveries_to(session: Session, workspace_id: str, member_id: int) -> Sequence[Delivery]:
    """The ledger rows of what was sent (or skipped) to the member, oldest first."""
    return session.scalars(
        select(Delivery)
        .where(col(Delivery.id).in_(_ledger_targets(session, workspace_id, member_id)))
        .order_by(col(Delivery.claimed_at), col(Delivery.id))
    ).all()


@dataclass(frozen=True, slots=True)
class NoticeRecord:
    notice: Notice
    team_name: str | None
    other_team_name: str | None
    subject_user_id: str | None


def notices_of(session: Session, workspace_id: str, member_id: int) -> list[NoticeRecord]:
    """The team notices to the member or about them (a move told to their old managers), oldest first."""
    rows = session.scalars(
        select(Notice)
        .where(
            col(Notice.workspace_id) == workspace_id,
            or_(col(Notice.recipient_member_id) == member_id, col(Notice.subject_member_id) == member_id),
        )
        .order_by(col(Notice.id))
    ).all()

    def team_name(team_id: int | None) -> str | None:
        team = session.get(Team, team_id) if team_id is not None else None
        return team.name if team is not None else None

    def user_id(other: int | None) -> str | None:
        found = session.get(Member, other) if other is not None else None
        return found.user_id if found is not None else None

    return [
        NoticeRecord(
            n,
            team_name(n.team_id),
            team_name(n.other_team_id),
            user_id(n.subject_member_id),
        )
        for n in rows
    ]


# -- retention: one bounded batch per call ------------------------------------------------------------


def _deleted(session: Session, statement: Delete) -> int:
    """Run a DELETE; the rows it removed. Session.execute is typed for any statement, so its result is a
    plain Result; a DELETE's is a CursorResult, which has the row count."""
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(cast(CursorResult[Any], result).rowcount or 0)


def _delete_ids(
    session: Session,
    model: type[Answer | SurveyRun | InboundEvent | Delivery | CoachingRequest | Notice],
    ids: Sequence[int | None],
) -> int:
    if not ids:
        return 0
    return _deleted(session, delete(model).where(col(model.id).in_(ids)))


def delete_answers_before(session: Session, before: datetime, limit: int) -> int:
    """Up to `limit` answers given before `before` (every workspace)."""
    ids = session.scalars(
        select(col(Answer.id)).where(col(Answer.answered_at) < before).order_by(col(Answer.id)).limit(limit)
    ).all()
    return _delete_ids(session, Answer, ids)


def delete_empty_runs_before(session: Session, before: datetime, limit: int) -> int:
    """Up to `limit` runs started before `before` that have no answer left, with their question claims."""
    ids = session.scalars(
        select(col(SurveyRun.id))
        .where(
            col(SurveyRun.started_at) < before,
            ~exists().where(col(Answer.run_id) == col(SurveyRun.id)),
        )
        .order_by(col(SurveyRun.id))
        .limit(limit)
    ).all()
    if ids:
        session.execute(
            delete(Prompt).where(col(Prompt.run_id).in_(ids)).execution_options(synchronize_session=False)
        )
    return _delete_ids(session, SurveyRun, ids)


def delete_inbound_events_before(session: Session, before: datetime, limit: int) -> int:
    ids = session.scalars(
        select(col(InboundEvent.id))
        .where(col(InboundEvent.received_at) < before)
        .order_by(col(InboundEvent.id))
        .limit(limit)
    ).all()
    return _delete_ids(session, InboundEvent, ids)


def delete_finished_deliveries_before(session: Session, before: datetime, limit: int) -> int:
    """Ledger rows finished (sent, skipped, failed) before `before`; open claims are never touched."""
    ids = session.scalars(
        select(col(Delivery.id))
        .where(
            col(Delivery.status) != DeliveryStatus.CLAIMED,
            col(Delivery.finished_at).is_not(None),
            col(Delivery.finished_at) < before,
        )
        .order_by(col(Delivery.id))
        .limit(limit)
    ).all()
    return _delete_ids(session, Delivery, ids)


def delete_coaching_requests_before(session: Session, before: datetime, limit: int) -> int:
    """Coaching requests made before `before` whose follow-up (if any) was also due before it."""
    pending = exists().where(
        col(FollowUp.request_id) == col(CoachingRequest.id), col(FollowUp.due_at) >= before
    )
    ids = session.scalars(
        select(col(CoachingRequest.id))
        .where(col(CoachingRequest.created_at) < before, ~pending)
        .order_by(col(CoachingRequest.id))
        .limit(limit)
    ).all()
    if ids:
        session.execute(
            delete(FollowUp)
            .where(col(FollowUp.request_id).in_(ids))
            .execution_options(synchronize_session=False)
        )
    return _delete_ids(session, CoachingRequest, ids)


def delete_finished_notices_before(session: Session, before: datetime, limit: int) -> int:
    """Team notices sent or given up before `before`; pending ones are never touched."""
    ids = session.scalars(
        select(col(Notice.id))
        .where(
            or_(
                and_(col(Notice.sent_at).is_not(None), col(Notice.sent_at) < before),
                and_(col(Notice.given_up_at).is_not(None), col(Notice.given_up_at) < before),
            )
        )
        .order_by(col(Notice.id))
        .limit(limit)
    ).all()
    return _delete_ids(session, Notice, ids)
