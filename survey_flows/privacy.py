"""A person's rights over their data: forget-me (erase everything about them) and export (a copy of it).

Both act on one Slack user in one workspace and never call Slack: `forget` is one transaction, and
`export` assembles a plain JSON-ready document from the storage queries, which the surface uploads.
What is kept and why (published anonymous team aggregates, Slack's own message history) is written in
docs/PRIVACY.md.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from coaching.i18n import t
from coaching.instrument import ITEMS_BY_ID
from coaching.locale import Locale
from storage import members
from storage import privacy as store
from storage.db import Database
from storage.models import Answer, Member
from survey_flows.self_view import question_text
from survey_flows.survey import Clock
from survey_flows.views import Kind

log = logging.getLogger(__name__)

FORMAT = "balansebrett-export"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Forgotten:
    counts: Mapping[str, int]
    """Rows deleted per table."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def iso(moment: datetime | None) -> str | None:
    """ISO-8601 in UTC with a Z, to the second: "2026-11-23T09:00:00Z"."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def export_filename(now: datetime) -> str:
    return f"balansebrett-export-{now.astimezone(UTC).date().isoformat()}.json"


class PrivacyService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def forget(self, workspace_id: str, user_id: str) -> Forgotten:
        """Delete everything stored about the user in this workspace, in one transaction. Harmless when
        there is nothing (a second tap): every count is then 0."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return Forgotten(MappingProxyType(dict.fromkeys(store.FORGET_TABLES, 0)))
            counts = store.forget_member(s, workspace_id, member.id)  # type: ignore[arg-type]
        # Counts only: never the user id next to anything about their answers.
        log.info("forget-me: deleted %s rows (%s)", sum(counts.values()), counts)
        return Forgotten(MappingProxyType(counts))

    def knows(self, workspace_id: str, user_id: str) -> bool:
        """Whether anything is stored about the user in this workspace (a member row holds it all)."""
        with self.db.session() as s:
            return members.find_member(s, workspace_id, user_id) is not None

    def export(self, workspace_id: str, user_id: str, locale: Locale) -> dict[str, Any] | None:
        """The user's own data as a JSON-ready document; None when nothing is stored about them. Every
        text in it is in `locale`: the item texts (a self-view's in their mirror wording), "don't know"
        and the note on what is not included. Field names and codes (kind, role, status, observation
        choices) are the format's own and the same in every language, so a program can read any export."""
        with self.db.session() as s:
            member = members.find_member(s, workspace_id, user_id)
            if member is None:
                return None
            memberships = store.memberships_of(s, member.id)  # type: ignore[arg-type]
            run_records = store.runs_of(s, workspace_id, member.id)  # type: ignore[arg-type]
            made = store.requests_by(s, workspace_id, member.id)  # type: ignore[arg-type]
            about = store.requests_about(s, workspace_id, member.id)  # type: ignore[arg-type]
            deliveries = store.deliveries_to(s, workspace_id, member.id)  # type: ignore[arg-type]
            notices = store.notices_of(s, workspace_id, member.id)  # type: ignore[arg-type]
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": iso(self.clock()),
            "workspace_id": workspace_id,
            "user_id": user_id,
            "profile": _profile(member),
            "team_memberships": [
                {
                    "team": name,
                    "role": membership.role,
                    "active": membership.active,
                    "changed_at": iso(membership.changed_at),
                }
                for membership, name in memberships
            ],
            "runs": [
                {
                    "kind": record.run.kind,
                    "period": record.run.period,
                    "team": record.team_name,
                    "started_at": iso(record.run.started_at),
                    "finished_at": iso(record.run.finished_at),
                    "answers": [_answer(answer, Kind(record.run.kind), locale) for answer in record.answers],
                }
                for record in run_records
            ],
            "coaching_requests_made": [
                {
                    "about_user_id": record.subject_user_id,
                    "team": record.team_name,
                    "observations": dict(record.request.observations),
                    "created_at": iso(record.request.created_at),
                    "answered_at": iso(record.request.answered_at),
                    "follow_up_due_at": iso(record.follow_up.due_at) if record.follow_up else None,
                    "follow_up_sent_at": iso(record.follow_up.sent_at) if record.follow_up else None,
                }
                for record in made
            ],
            "coaching_requests_about_you": [
                {
                    "team": record.team_name,
                    "observations": dict(record.request.observations),
                    "created_at": iso(record.request.created_at),
                    "answered_at": iso(record.request.answered_at),
                }
                for record in about
            ],
            "deliveries": [
                {
                    "kind": row.kind,
                    "period": row.period,
                    "status": row.status,
                    "claimed_at": iso(row.claimed_at),
                    "finished_at": iso(row.finished_at),
                }
                for row in deliveries
            ],
            "team_notices": [_notice(record, member.id) for record in notices],  # type: ignore[arg-type]
            "not_included": t(locale, "privacy.export.not_included"),
        }

    def filename(self) -> str:
        """balansebrett-export-<UTC date>.json"""
        return export_filename(self.clock())

    @staticmethod
    def encode(document: Mapping[str, Any]) -> str:
        return json.dumps(document, ensure_ascii=False, indent=2)


def _notice(record: store.NoticeRecord, member_id: int) -> dict[str, Any]:
    """A notice to the user (they were added to a team; which team took one of their sellers), or about them
    (their old team's managers were told which team took them). Other people are not named, except, for a
    manager, the seller a notice was about (as with the coaching requests they made)."""
    notice = record.notice
    entry: dict[str, Any] = {
        "kind": notice.kind,
        "to_you": notice.recipient_member_id == member_id,
        "team": record.team_name,
        "created_at": iso(notice.created_at),
        "sent_at": iso(notice.sent_at),
    }
    if notice.recipient_member_id == member_id and record.subject_user_id is not None:
        entry["seller_user_id"] = record.subject_user_id
    entry["taken_by_team"] = record.other_team_name
    return entry


def _profile(member: Member) -> dict[str, Any]:
    return {
        "locale": member.locale,
        "tz": member.tz,
        "first_seen": iso(member.created_at),
        "profile_refreshed_at": iso(member.profile_refreshed_at),
    }


def _answer(answer: Answer, kind: Kind, locale: Locale) -> dict[str, Any]:
    item = ITEMS_BY_ID.get(answer.item_id)
    return {
        "item_id": answer.item_id,
        "text": question_text(kind, item, locale) if item is not None else None,
        "value": t(locale, "scale.dont_know") if answer.value is None else answer.value,
        "answered_at": iso(answer.answered_at),
    }
