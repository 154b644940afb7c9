"""The bot's WebClient retries each kind of failure twice, however the kinds come mixed: slack_sdk's own
handlers share one counter, so a 429 used up one of the two retries after a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.retries import retry_handlers
from tests.faults.conftest import fast_retries
from tests.support.fake_slack import FakeSlack


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def client(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> WebClient:
    client = WebClient(token="xoxb-test", base_url=fake.url, retry_handlers=retry_handlers())
    fast_retries(client, monkeypatch)
    return client


def statuses(fake: FakeSlack) -> list[int]:
    return [c.status for c in fake.calls_to("chat.postMessage")]


@pytest.mark.parametrize(
    "failures",
    [
        [429, 500, 500],
        [500, 500, 429, 429],
        [503, 429, 500, 429],
    ],
)
def test_two_retries_for_each_kind_in_any_order(
    fake: FakeSlack, client: WebClient, failures: list[int]
) -> None:
    for status in failures:
        fake.fail_next("chat.postMessage", status=status, retry_after=0)

    assert client.chat_postMessage(channel="C1", text="x")["ok"] is True
    assert statuses(fake) == [*failures, 200]
    assert len(fake.messages.in_channel("C1")) == 1


@pytest.mark.parametrize("status", [429, 500])
def test_a_third_failure_of_one_kind_gives_up(fake: FakeSlack, client: WebClient, status: int) -> None:
    fake.fail_next("chat.postMessage", status=status, retry_after=0, times=3)

    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="x")
    assert statuses(fake) == [status] * 3
    assert fake.messages.in_channel("C1") == []
