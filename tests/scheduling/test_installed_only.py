"""The senders' last check before a scheduled send (scheduling/installed_only.py), and the follow-ups' query:
an uninstalled workspace gets nothing, whichever way a send was planned; the check reads the database at most
every few seconds per workspace, and at once after this process marked or cleared the workspace."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from scheduling.installed_only import InstalledOnlyFollowUps, InstalledOnlyNotices, InstalledOnlySender
from scheduling.ports import SendResult
from storage import advice_requests, workspaces
from storage.db import Database
from storage.models import Role
from survey_flows.workspace_lifecycle import InstalledCheck, WorkspaceLifecycle
from tests.support.harness import Clock
from tests.support.summary_weeks import NOW, add_member, make_team

WS = "T1"


class Recording:
    """Any of the surface's senders: records each call, answers SENT."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        def send(*args: Any, **kwargs: Any) -> SendResult:
            self.calls.append(name)
            return SendResult.SENT

        return send


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def mark(db: Database) -> None:
    with db.session() as s:
        workspaces.mark_uninstalled(s, WS, NOW)


def test_every_wrapped_send_is_dropped_once_the_workspace_is_uninstalled(db: Database) -> None:
    inner, check = Recording(), InstalledCheck(db, ttl=0)
    team, summary, run, notice, reminder = (type("V", (), {"workspace_id": WS})() for _ in range(5))
    sends = [
        lambda: InstalledOnlySender(inner, check).send_pulse(WS, "U1"),  # type: ignore[arg-type]
        lambda: InstalledOnlySender(inner, check).send_reminder(WS, "U1", run),  # type: ignore[arg-type]
        lambda: InstalledOnlySender(inner, check).post_channel_summary(team, summary),  # type: ignore[arg-type]
        lambda: InstalledOnlySender(inner, check).send_manager_summary(team, summary, "U9"),  # type: ignore[arg-type]
        lambda: InstalledOnlyNotices(inner, check).send_notice(notice),  # type: ignore[arg-type]
        lambda: InstalledOnlyFollowUps(inner, check).send_follow_up(reminder),  # type: ignore[arg-type]
    ]
    assert [send() for send in sends] == [SendResult.SENT] * 6
    assert len(inner.calls) == 6

    mark(db)
    # FAILED: the claim stays, and nothing is blamed on the recipient (UNREACHABLE would mark them).
    assert [send() for send in sends] == [SendResult.FAILED] * 6
    assert len(inner.calls) == 6


def test_the_check_reads_again_after_five_seconds_and_at_once_after_this_process_marked_it(
    db: Database, clock: Clock
) -> None:
    ticks = Ticks()
    check = InstalledCheck(db, monotonic=ticks)
    assert check(WS)

    mark(db)  # by another replica
    ticks.now += 4.9
    assert check(WS)  # still the answer read 4.9 s ago
    ticks.now += 0.2
    assert not check(WS)

    lifecycle = WorkspaceLifecycle(db, clock, check)
    assert lifecycle.reinstalled(WS)
    assert check(WS)  # no wait in the process that cleared it
    assert lifecycle.uninstalled(WS)
    assert not check(WS)


def test_due_follow_ups_leave_an_uninstalled_workspace_out_until_it_is_back(db: Database) -> None:
    with db.session() as s:
        team = make_team(s)
        boss, kari = add_member(s, team, "UBOSS", role=Role.MANAGER), add_member(s, team, "UKARI")
        request = advice_requests.create_request(s, WS, boss.id, kari.id, team.id, {}, "answered", NOW)  # type: ignore[arg-type]
        advice_requests.schedule_follow_up(s, WS, request.id, NOW, NOW - timedelta(days=14))  # type: ignore[arg-type]
    mark(db)
    with db.session() as s:
        assert advice_requests.due_follow_ups(s, NOW + timedelta(hours=1)) == []
        workspaces.clear_uninstalled(s, WS)
    with db.session() as s:
        assert len(advice_requests.due_follow_ups(s, NOW + timedelta(hours=1))) == 1
