"""Two workspaces on one database never see each other (docs/SECURITY.md, "Workspaces").

Workspace A and workspace B have the same shape (tests/support/isolation.py). Every listener the app
registers is driven from B with signed requests that replay A's button values and name A's people and
channel; nothing of A (its team's name, its people's names, the manager's note) reaches what Slack shows
in B, B's export included, and none of A's rows changes. The control proves the check sees a leak: the same
sweep from A shows A's data. The forged sweep is the Slack Connect case: requests whose payload names
workspace A (`team`, `team_id`, `user.team_id`, `view.team_id`) and A's people, delivered to B's
installation, are still B's requests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.requester import workspace_of
from storage import workspaces
from storage.models import Team
from survey_flows.commands import Command
from tests.support.fake_slack import FakeSlack
from tests.support.harness import SIGNING_SECRET, Clock, Harness
from tests.support.isolation import (
    A,
    B,
    Cast,
    button_values,
    one_installed_app,
    populate,
    registered_listeners,
    rows_of,
    workspace_harness,
)
from tests.support.isolation_sweep import Sweep, cases, each_command, run_sweep
from tests.support.slack_requests import SlackRequests


@pytest.fixture
def two(
    fake_slack: FakeSlack, db_url: str, clock: Clock
) -> Iterator[tuple[Harness, Harness, dict[str, str]]]:
    a = workspace_harness(fake_slack, db_url, clock, A)
    b = workspace_harness(fake_slack, db_url, clock, B)
    populate(a, A)
    values = button_values(fake_slack) | _ids(a, A)
    populate(b, B)
    yield a, b, values
    for harness in (a, b):
        harness.close()


def _ids(harness: Harness, cast: Cast) -> dict[str, str]:
    """The ids of the workspace's team and of its first seller's survey thread."""
    with harness.db.session() as s:
        team = s.scalar(select(Team.id).where(Team.workspace_id == cast.workspace))
    return {"team": str(team), "thread": harness.thread_of(harness.questions(cast.sellers[0][0])[-1])}


def _sweep(
    harness: Harness, requests: SlackRequests, cast: Cast, values: dict[str, str], other: Cast
) -> Sweep:
    return Sweep(requests, cast.manager[0], cast.sellers[0][0], values, other, harness.requests)


def test_every_listener_the_app_registers_has_a_case(harness: Harness) -> None:
    assert registered_listeners(harness) == set(cases())
    assert set(each_command()) == set(Command)  # every subcommand of /balanse, an unknown word included


def test_nothing_of_workspace_a_reaches_workspace_b(two: tuple[Harness, Harness, dict[str, str]]) -> None:
    a, b, values = two
    before = rows_of(a, A.workspace)
    seen = run_sweep(b, _sweep(b, b.requests, B, values, A))
    assert seen.leaks(A.secrets) == []
    assert rows_of(a, A.workspace) == before
    assert seen.leaks((B.team,)) == [B.team]  # B's own summary was shown: the sweep reached the data


def test_one_app_installed_in_both_keeps_them_apart(fake_slack: FakeSlack, db_url: str, clock: Clock) -> None:
    """OAuth mode, the many-workspace deployment: one app, both workspaces installed, each request
    authorized by its workspace's installation."""
    with one_installed_app(fake_slack, db_url, clock) as (a, b):
        populate(a, A)
        values = button_values(fake_slack) | _ids(a, A)
        populate(b, B)
        before = rows_of(a, A.workspace)
        seen = run_sweep(b, _sweep(b, b.requests, B, values, A))

        assert seen.leaks(A.secrets) == []
        assert rows_of(a, A.workspace) == before
        assert seen.leaks((B.team,)) == [B.team]


def test_control_the_check_sees_a_workspaces_own_data(two: tuple[Harness, Harness, dict[str, str]]) -> None:
    a, _, values = two
    seen = run_sweep(a, _sweep(a, a.requests, A, values, A))
    shown = seen.leaks(A.secrets)
    assert A.team in shown  # the summary, the report, App Home's glance
    assert f"<@{A.sellers[0][0]}" in shown  # the coaching dialogue and App Home's requests (a mention)


def test_a_payload_naming_another_workspace_is_scoped_to_the_authorized_one(
    two: tuple[Harness, Harness, dict[str, str]],
) -> None:
    """A's manager and seller, their payloads naming A's team id, reach B's installation (a channel shared
    between the two organisations): B's app answers them as people of B, who know nothing of A."""
    a, b, values = two
    before = rows_of(a, A.workspace)
    forged = SlackRequests(SIGNING_SECRET, team_id=A.workspace, response_url=b.fake.response_url)
    seen = run_sweep(b, _sweep(b, forged, A, values, A))
    requester = A.sellers[0][0]  # their own export names them, in B
    assert seen.leaks(tuple(s for s in A.secrets if requester not in s)) == []
    assert rows_of(a, A.workspace) == before
    assert f'"workspace_id": "{B.workspace}"' in seen.joined()  # the export is of what B keeps of them


def test_a_request_in_b_naming_uninstalled_a_does_not_mark_a_installed_again(
    two: tuple[Harness, Harness, dict[str, str]],
) -> None:
    a, b, _ = two
    a.send(a.requests.event({"type": "app_uninstalled"}))
    with a.db.session() as s:
        gone = workspaces.uninstalled_at(s, A.workspace)
    assert gone is not None

    forged = SlackRequests(SIGNING_SECRET, team_id=A.workspace, response_url=b.fake.response_url)
    b.send(forged.slash_command("help", user_id=A.manager[0]))  # a person of A, in B's installation

    with a.db.session() as s:
        assert workspaces.uninstalled_at(s, A.workspace) == gone  # A still sends nothing


def test_the_workspace_is_the_authorized_one_not_the_payloads() -> None:
    from slack_bolt.authorization import AuthorizeResult

    context = {"team_id": "T1", "authorize_result": AuthorizeResult(enterprise_id=None, team_id="T2")}
    assert workspace_of(context) == "T2"
    assert workspace_of({"team_id": "T1"}) is None
