"""Coaching requests (a manager asking how to handle one person) and their follow-up reminders.

Every query is scoped by workspace, and the ones a manager triggers also by the manager's member id, so a
request id from someone else's button finds nothing. A request and its follow-up go together: deleting the
request deletes the follow-up (`ON DELETE CASCADE`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from storage.models import (
    Answer,
    CoachingRequest,
    FollowUp,
    Member,
    Role,
    RunKind,
    SurveyRun,
    Team,
    TeamMembership,
)
from storage.sql import upsert_insert
from storage.workspaces import installed


class Step(StrEnum):
    CONFIRMING = "confirming"
    """Observations were pre-filled from free text; the manager confirms them (or answers himself)."""
    OBSERVING = "observing"
    ANSWERED = "answered"


class Scheduled(StrEnum):
    CREATED = "created"
    MOVED = "moved"
    """An unsent reminder got a new time (or a sent one was set up again)."""
    UNCHANGED = "unchanged"


# -- who may ask about whom ---------------------------------------------------------------------------


def shared_team(
    session: Session, workspace_id: str, manager_member_id: int, subject_member_id: int
) -> Team | None:
    """A team in which the first member is an active manager and the second an active seller (neither
    deactivated, the seller not a bot); None when there is no such team."""
    as_manager = aliased(TeamMembership)
    as_seller = aliased(TeamMembership)
    manager = aliased(Member)
    seller = aliased(Member)
    return session.scalars(
        select(Team)
        .join(as_manager, col(as_manager.team_id) == col(Team.id))
        .join(as_seller, col(as_seller.team_id) == col(Team.id))
        .join(manager, col(manager.id) == col(as_manager.member_id))
        .join(seller, col(seller.id) == col(as_seller.member_id))
        .where(
            col(Team.workspace_id) == workspace_id,
            col(as_manager.member_id) == manager_member_id,
            col(as_manager.role) == Role.MANAGER,
            col(as_manager.active).is_(True),
            col(manager.deactivated).is_(False),
            col(as_seller.member_id) == subject_member_id,
            col(as_seller.role) == Role.SELLER,
            col(as_seller.active).is_(True),
            col(seller.deactivated).is_(False),
            col(seller.is_bot).is_(False),
        )
        .order_by(col(Team.id))
    ).first()


def manages_a_team(session: Session, workspace_id: str, member_id: int) -> bool:
    found = session.scalars(
        select(col(TeamMembership.id)).where(
            col(TeamMembership.workspace_id) == workspace_id,
            col(TeamMembership.member_id) == member_id,
            col(TeamMembership.role) == Role.MANAGER,
            col(TeamMembership.active).is_(True),
        )
    ).first()
    return found is not None


# -- requests -----------------------------------------------------------------------------------------


def create_request(
    session: Session,
    workspace_id: str,
    manager_member_id: int,
    subject_member_id: int,
    team_id: int | None,
    observations: Mapping[str, Any],
    step: Step,
    now: datetime,
) -> CoachingRequest:
    request = CoachingRequest(
        workspace_id=workspace_id,
        manager_member_id=manager_member_id,
        subject_member_id=subject_member_id,
        team_id=team_id,
        observations=dict(observations),
        step=step,
        created_at=now,
    )
    session.add(request)
    session.flush()
    return request


def get_request(session: Session, workspace_id: str, request_id: int) -> CoachingRequest | None:
    request = session.get(CoachingRequest, request_id)
    return request if request is not None and request.workspace_id == workspace_id else None


def lock_request(session: Session, workspace_id: str, request_id: int) -> CoachingRequest | None:
    """The request, locked for the rest of the transaction so two taps are handled one after the other.

    A no-op UPDATE is the first statement: PostgreSQL holds the row lock until commit, and SQLite takes its
    write lock before anything is read (waiting out a concurrent writer instead of failing later).
    """
    locked = session.execute(
        update(CoachingRequest)
        .where(col(CoachingRequest.id) == request_id, col(CoachingRequest.workspace_id) == workspace_id)
        .values(step=col(CoachingRequest.step))
        .returning(col(CoachingRequest.id))
    ).first()
    if locked is None:
        return None
    session.expire_all()
    return session.get(CoachingRequest, request_id)


def lock_member(session: Session, workspace_id: str, user_id: str) -> None:
    """Serialise a manager's starts (two deliveries of the same request make one dialogue) by writing first,
    like `lock_request`; a no-op UPDATE that creates nothing when the user has no row."""
    session.execute(
        update(Member)
        .where(col(Member.workspace_id) == workspace_id, col(Member.user_id) == user_id)
        .values(is_bot=col(Member.is_bot))
    )


def open_request(
    session: Session, workspace_id: str, manager_member_id: int, subject_member_id: int
) -> CoachingRequest | None:
    """The manager's newest unfinished dialogue about this person."""
    return session.scalars(
        select(CoachingRequest)
        .where(
            col(CoachingRequest.workspace_id) == workspace_id,
            col(CoachingRequest.manager_member_id) == manager_member_id,
            col(CoachingRequest.subject_member_id) == subject_member_id,
            col(CoachingRequest.step) != Step.ANSWERED,
        )
        .order_by(col(CoachingRequest.created_at).desc(), col(CoachingRequest.id).desc())
    ).first()


def set_observations(
    session: Session, request: CoachingRequest, observations: Mapping[str, Any], step: Step | None = None
) -> None:
    """Replace the observations (a new dict, so the JSON column is written) and optionally the step."""
    request.observations = dict(observations)
    if step is not None:
        request.step = step
    session.add(request)


def attach_thread(session: Session, request_id: int, channel_id: str, thread_ts: str) -> None:
    session.execute(
        update(CoachingRequest)
        .where(col(CoachingRequest.id) == request_id)
        .values(channel_id=channel_id, thread_ts=thread_ts)
    )


def set_question(session: Session, request_id: int, field: str, message_ts: str) -> None:
    """The question of `field` is posted in the dialogue's thread as `message_ts` (the one copy to point to)."""
    session.execute(
        update(CoachingRequest)
        .where(col(CoachingRequest.id) == request_id)
        .values(question_field=field, question_ts=message_ts)
    )


def mark_answered(session: Session, request: CoachingRequest, now: datetime) -> bool:
    """Finish the dialogue once; False when it was already answered."""
    done = session.execute(
        update(CoachingRequest)
        .where(col(CoachingRequest.id) == request.id, col(CoachingRequest.step) != Step.ANSWERED)
        .values(step=Step.ANSWERED, answered_at=now, observations=dict(request.observations))
        .returning(col(CoachingRequest.id))
    ).first()
    return done is not None


def delete_request(session: Session, workspace_id: str, manager_member_id: int, request_id: int) -> bool:
    """Delete one of the manager's requests (its follow-up goes with it); False if there was none."""
    deleted = session.execute(
        delete(CoachingRequest)
        .where(
            col(CoachingRequest.id) == request_id,
            col(CoachingRequest.workspace_id) == workspace_id,
            col(CoachingRequest.manager_member_id) == manager_member_id,
        )
        .returning(col(CoachingRequest.id))
    ).first()
    return deleted is not None


def delete_threadless(session: Session, workspace_id: str, request_id: int) -> bool:
    """Delete a request whose parent message never reached Slack (no thread yet); False otherwise."""
    deleted = session.execute(
        delete(CoachingRequest)
        .where(
            col(CoachingRequest.id) == request_id,
            col(CoachingRequest.workspace_id) == workspace_id,
            col(CoachingRequest.thread_ts).is_(None),
        )
        .returning(col(CoachingRequest.id))
    ).first()
    return deleted is not None


@dataclass(frozen=True, slots=True)
class RequestRow:
    request: CoachingRequest
    subject_user_id: str
    follow_up: FollowUp | None


def manager_requests(
    session: Session, workspace_id: str, manager_member_id: int, limit: int = 20
) -> list[RequestRow]:
    """The manager's requests, newest first, each with the person's Slack id and its follow-up."""
    subject = aliased(Member)
    rows = session.execute(
        select(CoachingRequest, col(subject.user_id), FollowUp)
        .join(subject, col(subject.id) == col(CoachingRequest.subject_member_id))
        .outerjoin(FollowUp, col(FollowUp.request_id) == col(CoachingRequest.id))
        .where(
            col(CoachingRequest.workspace_id) == workspace_id,
            col(CoachingRequest.manager_member_id) == manager_member_id,
        )
        .order_by(col(CoachingRequest.created_at).desc(), col(CoachingRequest.id).desc())
        .limit(limit)
    ).all()
    return [RequestRow(request, user_id, follow_up) for request, user_id, follow_up in rows]


# -- follow-ups ---------------------------------------------------------------------------------------


def get_follow_up(session: Session, request_id: int) -> FollowUp | None:
    return session.scalars(select(FollowUp).where(col(FollowUp.request_id) == request_id)).first()


def schedule_follow_up(
    session: Session, workspace_id: str, request_id: int, due_at: datetime, now: datetime
) -> Scheduled:
    """One reminder per request: create it, or give it a new time. The same time again for a reminder not
    yet sent changes nothing; a reminder already sent is set up again (the manager asked once more)."""
    existing = get_follow_up(session, request_id)
    if existing is not None and existing.sent_at is None and existing.due_at == due_at:
        return Scheduled.UNCHANGED
    stmt = upsert_insert(session, FollowUp).values(
        workspace_id=workspace_id, request_id=request_id, due_at=due_at, created_at=now
    )
    stmt = stmt.on_conflict_do_update(index_elements=["request_id"], set_={"due_at": due_at, "sent_at": None})
    session.execute(stmt)
    return Scheduled.CREATED if existing is None else Scheduled.MOVED


def due_follow_ups(session: Session, now: datetime, limit: int = 100) -> Sequence[FollowUp]:
    """Reminders whose time has come and that nobody has sent, oldest first (every workspace the app is
    installed in; an uninstalled workspace's wait for a reinstall)."""
    return session.scalars(
        select(FollowUp)
        .where(
            col(FollowUp.sent_at).is_(None),
            col(FollowUp.due_at) <= now,
            installed(col(FollowUp.workspace_id)),
        )
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
        .limit(limit)
    ).all()


def mark_follow_up_sent(session: Session, follow_up_id: int, now: datetime) -> bool:
    """Claim a due reminder for sending: only the one caller whose UPDATE changed the row gets True, so two
    dispatchers (or a dispatcher after a restart) never both send it."""
    claimed = session.execute(
        update(FollowUp)
        .where(
            col(FollowUp.id) == follow_up_id,
            col(FollowUp.sent_at).is_(None),
            col(FollowUp.due_at) <= now,
        )
        .values(sent_at=now)
        .returning(col(FollowUp.id))
    ).first()
    return claimed is not None


def release_follow_up(session: Session, follow_up_id: int, claimed_at: datetime) -> None:
    """Undo a claim whose send failed, so the next run tries again (only if nobody changed it since)."""
    session.execute(
        update(FollowUp)
        .where(col(FollowUp.id) == follow_up_id, col(FollowUp.sent_at) == claimed_at)
        .values(sent_at=None)
    )


@dataclass(frozen=True, slots=True)
class SelfViewAnswers:
    instrument_version: int
    """the survey version the self-view asked"""
    answers: dict[str, int | None]


def own_self_view(session: Session, workspace_id: str, manager_member_id: int) -> SelfViewAnswers | None:
    """The answers of the manager's own latest finished self-view in this workspace, or None.

    The coaching advice reads the manager's leader profile from it: the manager's own data about themself.
    Only a run of kind "self" that belongs to this very member and workspace is read, never a seller's runs.
    """
    found = session.execute(
        select(col(SurveyRun.id), col(SurveyRun.instrument_version))
        .where(
            col(SurveyRun.workspace_id) == workspace_id,
            col(SurveyRun.member_id) == manager_member_id,
            col(SurveyRun.kind) == RunKind.SELF,
            col(SurveyRun.finished_at).is_not(None),
        )
        .order_by(col(SurveyRun.finished_at).desc(), col(SurveyRun.id).desc())
        .limit(1)
    ).first()
    if found is None:
        return None
    run_id, version = found
    rows = session.execute(
        select(col(Answer.item_id), col(Answer.value)).where(
            col(Answer.run_id) == run_id, col(Answer.workspace_id) == workspace_id
        )
    ).all()
    return SelfViewAnswers(version, {item_id: value for item_id, value in rows})  # noqa: C416
