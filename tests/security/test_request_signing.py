"""Requests that are not correctly signed by Slack are refused with 401 through `app.dispatch`, for every
kind of request the app handles: unsigned, a wrong secret, stale or future timestamps (more than 5 minutes),
a body changed after signing, and headers that are not even well-formed. Nothing is stored, nothing is sent
anywhere (not to a response_url nor a channel named in the forged body), and nothing reaches a listener."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import Member
from tests.security.forgeries import as_request, every_kind, forgeries
from tests.support.harness import SIGNING_SECRET, Harness
from tests.support.slack_requests import SlackRequests

FORGERIES = sorted(forgeries(SIGNING_SECRET))


def members(harness: Harness) -> int:
    with harness.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Member)) or 0)


@pytest.mark.parametrize("forgery", FORGERIES)
def test_every_kind_of_request_is_refused_when_not_correctly_signed(harness: Harness, forgery: str) -> None:
    # The forged bodies name the fake's response_url: a forgery must never make the bot post there.
    requests = SlackRequests(SIGNING_SECRET, response_url=harness.fake.response_url)
    forge = forgeries(SIGNING_SECRET)[forgery]
    statuses = {}
    for kind, request in every_kind(requests).items():
        statuses[kind] = harness.app.dispatch(as_request(forge(request))).status
    harness.executor.drain()

    assert statuses == dict.fromkeys(statuses, 401)
    assert harness.fake.calls == []
    assert members(harness) == 0
    assert harness.executor.errors == []


def test_the_same_requests_correctly_signed_are_accepted(harness: Harness) -> None:
    """The other side of the coin: the forgeries above fail for their signature, not their content."""
    requests = SlackRequests(SIGNING_SECRET, response_url=harness.fake.response_url)
    statuses = {kind: harness.app.dispatch(r).status for kind, r in every_kind(requests).items()}
    harness.executor.drain()

    assert set(statuses.values()) == {200}, statuses
    assert members(harness) == 1  # U1, who used the slash command


def test_a_replay_of_a_signed_request_after_five_minutes_is_refused(harness: Harness) -> None:
    requests = SlackRequests(SIGNING_SECRET, response_url=harness.fake.response_url)
    captured = requests.slash_command("hjelp", user_id="U1")

    assert harness.send(requests.stale(captured, age_seconds=301)).status == 401
    assert harness.fake.calls == []
    assert harness.send(requests.stale(captured, age_seconds=290)).status == 200  # within the window
    assert len(harness.fake.calls_to("response_url")) == 1
