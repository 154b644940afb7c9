"""The bot's WebClient retries each kind of failure twice, however the kinds come mixed (slack_sdk's own
handlers share one counter, so a 429 used up one of the two retries after a 500), but never repeats a call
that makes a message after a failure that may have made it: that is bot/posting.py's job, which looks first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.retries import CREATING_METHODS, retry_handlers
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


def statuses(fake: FakeSlack, method: str) -> list[int]:
    return [c.status for c in fake.calls_to(method)]


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
        fake.fail_next("auth.test", status=status, retry_after=0)

    assert client.auth_test()["ok"] is True
    assert statuses(fake, "auth.test") == [*failures, 200]


@pytest.mark.parametrize("status", [429, 500])
def test_a_third_failure_of_one_kind_gives_up(fake: FakeSlack, client: WebClient, status: int) -> None:
    fake.fail_next("auth.test", status=status, retry_after=0, times=3)

    with pytest.raises(SlackApiError):
        client.auth_test()
    assert statuses(fake, "auth.test") == [status] * 3


def test_a_rate_limited_post_is_retried_because_slack_did_nothing(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=0, times=2)

    client.chat_postMessage(channel="C1", text="x")

    assert statuses(fake, "chat.postMessage") == [429, 429, 200]
    assert len(fake.messages.in_channel("C1")) == 1


@pytest.mark.parametrize("status", [500, 503])
def test_a_post_answered_with_a_server_error_is_not_repeated_blindly(
    fake: FakeSlack, client: WebClient, status: int
) -> None:
    # Slack posted it and answered 5xx: a blind retry would be the second copy the seller sees.
    fake.fail_next("chat.postMessage", status=status, applied=True)

    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="x")

    assert statuses(fake, "chat.postMessage") == [status]
    assert len(fake.messages.in_channel("C1")) == 1


def test_a_post_whose_answer_is_lost_is_not_repeated_blindly(fake: FakeSlack, client: WebClient) -> None:
    fake.lose_next("chat.postMessage")

    with pytest.raises(ConnectionError, match="without response"):
        client.chat_postMessage(channel="C1", text="x")

    assert len(fake.calls_to("chat.postMessage")) == 1
    assert len(fake.messages.in_channel("C1")) == 1


def test_an_idempotent_call_whose_answer_is_lost_is_retried(fake: FakeSlack, client: WebClient) -> None:
    fake.lose_next("auth.test")

    assert client.auth_test()["ok"] is True
    assert len(fake.calls_to("auth.test")) == 2


def test_every_creating_method_the_bot_calls_is_in_the_list() -> None:
    # The calls that make a message or a file: adding another without listing it here would retry it blindly.
    assert {"chat.postMessage", "chat.postEphemeral", "files.completeUploadExternal"} <= CREATING_METHODS
