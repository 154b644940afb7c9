"""Fixtures for the tests of the bot's own WebClient: a fake Slack of the test's own (its failures queued
for that test alone) and a client with the production retry handlers, without their waiting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot.messages.mrkdwn import RenderingClient
from bot.retries import retry_handlers
from tests.faults.conftest import fast_retries
from tests.support.fake_slack import FakeSlack


@pytest.fixture
def own_fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server
        assert not server.unrendered, "neutral markup reached Slack unrendered"


@pytest.fixture
def bot_client(own_fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> WebClient:
    client = RenderingClient(token="xoxb-test", base_url=own_fake.url, retry_handlers=retry_handlers())
    fast_retries(client, monkeypatch)
    return client
