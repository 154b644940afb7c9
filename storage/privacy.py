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

from sqlalchemy import Select, and_, delete, exists, false, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

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
    channels = {member.dm_channel_id} if member.dm_channel_id else set()
    channels.update(
        session.scalars(
            select(SurveyRun.channel_id).where(
                SurveyRun.member_id == member.id,
                SurveyRun.channel_id.is_not(None),  # type: ignore[union-attr]
            )
        ).all()
    )
    channels.update(
        session.scalars(
            select(CoachingRequest.channel_id).where(
                CoachingRequest.manager_member_id == member.id,
                CoachingRequest.channel_id.is_not(None),  # type: ignore[union-attr]
            )
        ).all()
    )
    return {channel for channel in channels if channel}


def _ledger_targets(session: Session, workspace_id: str, member_id: int) -> Select:
    """The delivery rows addressed to the member: pulses, reminders and their summary DMs."""
    team_ids = session.scalars(select(Team.id).where(Team.workspace_id == workspace_id)).all()
    return select(Delivery.id).where(
        Delivery.workspace_id == workspace_id,
        or_(
            and_(
                Delivery.kind.in_([DeliveryKind.PULSE, DeliveryKind.REMINDER]),  # type: ignore[attr-defined]
                Delivery.target == str(member_id),
            ),
            and_(
                Delivery.kind == DeliveryKind.SUMMARY_DM,
                Delivery.target.in_([f"{team_id}:{member_id}" for team_id in team_ids]),  # type: ignore[attr-defined]
            ),
        ),
    )


def forget_member(session: Session, workspace_id: str, member_id: int) -> dict[str, int]:
    """Delete everything about one member of this workspace; rows deleted per table (FORGET_TABLES)."""
    member = session.get(Member, member_id)
    if member is None or member.workspace_id != workspace_id:
        return dict.fromkeys(FORGET_TABLES, 0)
    channels = member_channels(session, member)
    requests = select(CoachingRequest.id).where(
        CoachingRequest.workspace_id == workspace_id,
        or_(CoachingRequest.manager_member_id == member_id, CoachingRequest.subject_member_id == member_id),
    )
    run_ids = select(SurveyRun.id).where(
        SurveyRun.workspace_id == workspace_id, SurveyRun.member_id == member_id
    )
    events = [InboundEvent.event_key.like(f"%:{_like_escape(c)}:%", escape="\\") for c in sorted(channels)]
    statements = {
        "notice": delete(Notice).where(
            Notice.workspace_id == workspace_id,
            or_(Notice.recipient_member_id == member_id, Notice.subject_member_id == member_id),
        ),
        "follow_up": delete(FollowUp).where(FollowUp.request_id.in_(requests)),  # type: ignore[attr-defined]
        "coaching_request": delete(CoachingRequest).where(CoachingRequest.id.in_(requests)),  # type: ignore[union-attr]
        "inbound_event": delete(InboundEvent).where(
            InboundEvent.workspace_id == workspace_id, or_(*events) if events else false()
        ),
        "delivery": delete(Delivery).where(
            Delivery.id.in_(_ledger_targets(session, workspace_id, member_id))  # type: ignore[union-attr]
        ),
        "answer": delete(Answer).where(Answer.run_id.in_(run_ids)),  # type: ignore[attr-defined]
        "prompt": delete(Prompt).where(Prompt.run_id.in_(run_ids)),  # type: ignore[attr-defined]
        "survey_run": delete(SurveyRun).where(SurveyRun.id.in_(run_ids)),  # type: ignore[union-attr]
        "team_membership": delete(TeamMembership).where(
            TeamMembership.workspace_id == workspace_id, TeamMembership.member_id == member_id
        ),
        "member": delete(Member).where(Member.id == member_id, Member.workspace_id == workspace_id),
    }
    counts = {}
    for table in FORGET_TABLES:
        result = session.execute(statements[table].execution_options(synchronize_session=False))
        counts[table] = int(result.rowcount or 0)  # type: ignore[attr-defined]
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
        select(TeamMembership, Team.name)
        .join(Team, Team.id == TeamMembership.team_id)  # type: ignore[arg-type]
        .where(TeamMembership.member_id == member_id)
        .order_by(Team.id)
    ).all()
    return [(membership, name) for membership, name in rows]


def runs_of(session: Session, workspace_id: str, member_id: int) -> list[RunRecord]:
    """Every run of the member, oldest first, with its answers."""
    found = session.execute(
        select(SurveyRun, Team.name)
        .outerjoin(Team, Team.id == SurveyRun.team_id)  # type: ignore[arg-type]
        .where(SurveyRun.workspace_id == workspace_id, SurveyRun.member_id == member_id)
        .order_by(SurveyRun.started_at, SurveyRun.id)
    ).all()
    answers: dict[int, list[Answer]] = {run.id: [] for run, _ in found}  # type: ignore[misc]
    if answers:
        for answer in session.scalars(
            select(Answer)
            .where(Answer.run_id.in_(list(answers)))  # type: ignore[attr-defined]
            .order_by(Answer.answered_at, Answer.id)
        ).all():
            answers[answer.run_id].append(answer)
    return [RunRecord(run, name, answers[run.id]) for run, name in found]  # type: ignore[index]


def _requests(session: Session, workspace_id: str, condition: object) -> list[RequestRecord]:
    subject = aliased(Member)
    rows = session.execute(
        select(CoachingRequest, Team.name, subject.user_id, FollowUp)
        .join(subject, subject.id == CoachingRequest.subject_member_id)  # type: ignore[arg-type]
        .outerjoin(Team, Team.id == CoachingRequest.team_id)  # type: ignore[arg-type]
        .outerjoin(FollowUp, FollowUp.request_id == CoachingRequest.id)  # type: ignore[arg-type]
        .where(CoachingRequest.workspace_id == workspace_id, condition)  # type: ignore[arg-type]
        .order_by(CoachingRequest.created_at, CoachingRequest.id)
    ).all()
    return [RequestRecord(request, name, user_id, follow_up) for request, name, user_id, follow_up in rows]


def requests_by(session: Session, workspace_id: str, member_id: int) -> list[RequestRecord]:
    """The coaching requests the member made as a manager, oldest first."""
    return _requests(session, workspace_id, CoachingRequest.manager_member_id == member_id)


def requests_about(session: Session, workspace_id: str, member_id: int) -> list[RequestRecord]:
    """The coaching requests managers made about the member, oldest first."""
    return _requests(session, workspace_id, CoachingRequest.subject_member_id == member_id)


def deliveries_to(session: Session, workspace_id: str, member_id: int) -> Sequence[Delivery]:
    """The ledger rows of what was sent (or skipped) to the member, oldest first."""
    return session.scalars(
        select(Delivery)
        .where(Delivery.id.in_(_ledger_targets(session, workspace_id, member_id)))  # type: ignore[union-attr]
        .order_by(Delivery.claimed_at, Delivery.id)
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
            Notice.workspace_id == workspace_id,
            or_(Notice.recipient_member_id == member_id, Notice.subject_member_id == member_id),
        )
        .order_by(Notice.id)  # type: ignore[arg-type]
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


def _delete_ids(session: Session, model: type, ids: Sequence[int]) -> int:
    if not ids:
        return 0
    result = session.execute(
        delete(model).where(model.id.in_(ids)).execution_options(synchronize_session=False)  # type: ignore[attr-defined]
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def delete_answers_before(session: Session, before: datetime, limit: int) -> int:
    """Up to `limit` answers given before `before` (every workspace)."""
    ids = session.scalars(
        select(Answer.id).where(Answer.answered_at < before).order_by(Answer.id).limit(limit)  # type: ignore[operator]
    ).all()
    return _delete_ids(session, Answer, ids)  # type: ignore[arg-type]


def delete_empty_runs_before(session: Session, before: datetime, limit: int) -> int:
    """Up to `limit` runs started before `before` that have no answer left, with their question claims."""
    ids = session.scalars(
        select(SurveyRun.id)
        .where(
            SurveyRun.started_at < before,  # type: ignore[operator]
            ~exists().where(Answer.run_id == SurveyRun.id),
        )
        .order_by(SurveyRun.id)
        .limit(limit)
    ).all()
    if ids:
        session.execute(
            delete(Prompt)
            .where(Prompt.run_id.in_(ids))  # type: ignore[attr-defined]
            .execution_options(synchronize_session=False)
        )
    return _delete_ids(session, SurveyRun, ids)  # type: ignore[arg-type]


def delete_inbound_events_before(session: Session, before: datetime, limit: int) -> int:
    ids = session.scalars(
        select(InboundEvent.id)
        .where(InboundEvent.received_at < before)  # type: ignore[operator]
        .order_by(InboundEvent.id)
        .limit(limit)
    ).all()
    return _delete_ids(session, InboundEvent, ids)  # type: ignore[arg-type]


def delete_finished_deliveries_before(session: Session, before: datetime, limit: int) -> int:
    """Ledger rows finished (sent, skipped, failed) before `before`; open claims are never touched."""
    ids = session.scalars(
        select(Delivery.id)
        .where(
            Delivery.status != DeliveryStatus.CLAIMED,
            Delivery.finished_at.is_not(None),  # type: ignore[union-attr]
            Delivery.finished_at < before,  # type: ignore[operator]
        )
        .order_by(Delivery.id)
        .limit(limit)
    ).all()
    return _delete_ids(session, Delivery, ids)  # type: ignore[arg-type]


def delete_coaching_requests_before(session: Session, before: datetime, limit: int) -> int:
    """Coaching requests made before `before` whose follow-up (if any) was also due before it."""
    pending = exists().where(FollowUp.request_id == CoachingRequest.id, FollowUp.due_at >= before)  # type: ignore[operator]
    ids = session.scalars(
        select(CoachingRequest.id)
        .where(CoachingRequest.created_at < before, ~pending)  # type: ignore[operator]
        .order_by(CoachingRequest.id)
        .limit(limit)
    ).all()
    if ids:
        session.execute(
            delete(FollowUp)
            .where(FollowUp.request_id.in_(ids))  # type: ignore[attr-defined]
            .execution_options(synchronize_session=False)
        )
    return _delete_ids(session, CoachingRequest, ids)  # type: ignore[arg-type]


def delete_finished_notices_before(session: Session, before: datetime, limit: int) -> int:
    """Team notices sent or given up before `before`; pending ones are never touched."""
    ids = session.scalars(
        select(Notice.id)
        .where(
            or_(
                and_(Notice.sent_at.is_not(None), Notice.sent_at < before),  # type: ignore[union-attr,operator]
                and_(Notice.given_up_at.is_not(None), Notice.given_up_at < before),  # type: ignore[union-attr,operator]
            )
        )
        .order_by(Notice.id)  # type: ignore[arg-type]
        .limit(limit)
    ).all()
    return _delete_ids(session, Notice, ids)  # type: ignore[arg-type]
