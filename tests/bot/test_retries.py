"""The bot's WebClient retries each kind of failure twice, however the kinds come mixed (slack_sdk's own
handlers share one counter, so a 429 used up one of the two retries after a 500), but never repeats a call
that makes a message after a failure that may have made it: that is bot/posting.py's job, which looks first."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.retries import CREATING_METHODS
from tests.support.fake_slack import FakeSlack


def statuses(own_fake: FakeSlack, method: str) -> list[int]:
    return [c.status for c in own_fake.calls_to(method)]


@pytest.mark.parametrize(
    "failures",
    [
        [429, 500, 500],
        [500, 500, 429, 429],
        [503, 429, 500, 429],
    ],
)
def test_two_retries_for_each_kind_in_any_order(
    own_fake: FakeSlack, bot_client: WebClient, failures: list[int]
) -> None:
    for status in failures:
        own_fake.fail_next("auth.test", status=status, retry_after=0)

    assert bot_client.auth_test()["ok"] is True
    assert statuses(own_fake, "auth.test") == [*failures, 200]


@pytest.mark.parametrize(("status", "tries"), [(500, 3), (429, 6)])
def test_one_failure_of_a_kind_too_many_gives_up(
    own_fake: FakeSlack, bot_client: WebClient, status: int, tries: int
) -> None:
    # Two retries after a server error; five after a 429, where Slack did nothing and said when to return.
    own_fake.fail_next("auth.test", status=status, retry_after=0, times=tries)

    with pytest.raises(SlackApiError):
        bot_client.auth_test()
    assert statuses(own_fake, "auth.test") == [status] * tries


def test_five_rate_limits_in_a_row_are_waited_out(own_fake: FakeSlack, bot_client: WebClient) -> None:
    own_fake.fail_next("auth.test", status=429, retry_after=0, times=5)

    assert bot_client.auth_test()["ok"] is True
    assert statuses(own_fake, "auth.test") == [429] * 5 + [200]


def test_a_rate_limited_post_is_retried_because_slack_did_nothing(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    own_fake.fail_next("chat.postMessage", status=429, retry_after=0, times=2)

    bot_client.chat_postMessage(channel="C1", text="x")

    assert statuses(own_fake, "chat.postMessage") == [429, 429, 200]
    assert len(own_fake.messages.in_channel("C1")) == 1


@pytest.mark.parametrize("status", [500, 503])
def test_a_post_answered_with_a_server_error_is_not_repeated_blindly(
    own_fake: FakeSlack, bot_client: WebClient, status: int
) -> None:
    # Slack posted it and answered 5xx: a blind retry would be the second copy the seller sees.
    own_fake.fail_next("chat.postMessage", status=status, applied=True)

    with pytest.raises(SlackApiError):
        bot_client.chat_postMessage(channel="C1", text="x")

    assert statuses(own_fake, "chat.postMessage") == [status]
    assert len(own_fake.messages.in_channel("C1")) == 1


def test_a_post_whose_answer_is_lost_is_not_repeated_blindly(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    own_fake.lose_next("chat.postMessage")

    with pytest.raises(ConnectionError, match="without response"):
        bot_client.chat_postMessage(channel="C1", text="x")

    assert len(own_fake.calls_to("chat.postMessage")) == 1
    assert len(own_fake.messages.in_channel("C1")) == 1


def test_an_idempotent_call_whose_answer_is_lost_is_retried(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    own_fake.lose_next("auth.test")

    assert bot_client.auth_test()["ok"] is True
    assert len(own_fake.calls_to("auth.test")) == 2


def test_every_creating_method_the_bot_calls_is_in_the_list() -> None:
    # The calls that make a message or a file: adding another without listing it here would retry it blindly.
    assert {"chat.postMessage", "chat.postEphemeral", "files.completeUploadExternal"} <= CREATING_METHODS
