"""A message that must show once does, whatever Slack does to the post: it posts and answers 500, it loses
the answer, it fails before posting, it answers after the client's timeout, or it cannot be searched."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.posting import post_once, share_file_once
from bot.recovery import LOOK_TRIES, post_marker
from tests.faults.conftest import answers_late
from tests.support.fake_slack import FakeSlack

MARK = post_marker("summary", team_id=7, period="2026-W49")


def shown(own_fake: FakeSlack, channel: str = "C1") -> list[str]:
    return [m["text"] for m in own_fake.messages.in_channel(channel)]


def test_a_post_slack_made_before_answering_500_is_found_not_posted_again(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    own_fake.fail_next("chat.postMessage", status=500, applied=True)

    posted = post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")

    assert shown(own_fake) == ["Uke 49"]
    assert posted.ts == own_fake.messages.in_channel("C1")[0]["ts"]  # the one Slack shows, for the thread
    assert len(own_fake.calls_to("conversations.history")) == 1


def test_a_post_whose_answer_was_lost_is_found_not_posted_again(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    own_fake.lose_next("chat.postMessage")

    post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")

    assert shown(own_fake) == ["Uke 49"]


def test_a_reply_slack_made_before_answering_500_is_found_in_its_thread(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    parent = post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")
    own_fake.fail_next("chat.postMessage", status=503, applied=True)

    post_once(bot_client, channel="C1", thread_ts=parent.ts, marker=post_marker("x", n=1), text="svar")

    assert shown(own_fake) == ["Uke 49", "svar"]
    assert len(own_fake.calls_to("conversations.replies")) == 1


def test_a_post_slack_did_not_make_is_posted_again_once(own_fake: FakeSlack, bot_client: WebClient) -> None:
    own_fake.fail_next("chat.postMessage", status=500, times=2)

    post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")

    assert shown(own_fake) == ["Uke 49"]
    assert [c.status for c in own_fake.calls_to("chat.postMessage")] == [500, 500, 200]


def test_slack_down_for_every_try_is_the_callers_error_and_nothing_shows(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    own_fake.fail_next("chat.postMessage", status=500, times=3)

    with pytest.raises(SlackApiError):
        post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")

    assert shown(own_fake) == []
    assert len(own_fake.calls_to("chat.postMessage")) == 3


def test_a_refusal_is_not_tried_again(own_fake: FakeSlack, bot_client: WebClient) -> None:
    own_fake.fail_next("chat.postMessage", status=200, error="channel_not_found")

    with pytest.raises(SlackApiError):
        post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")

    assert len(own_fake.calls_to("chat.postMessage")) == 1
    assert own_fake.calls_to("conversations.history") == []


def test_a_post_answered_after_the_timeout_is_left_to_the_ledger(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    # The post may still be on its way: a look now would miss it, a post now would double it.
    answers_late(own_fake, bot_client, "chat.postMessage")

    with pytest.raises(TimeoutError):
        post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")
    own_fake.wait_for("chat.postMessage")

    # The ledger's retry, minutes later, is a retaken claim: it looks first and finds it.
    post_once(bot_client, channel="C1", marker=MARK, look_first=True, text="Uke 49")
    assert shown(own_fake) == ["Uke 49"]


def test_a_look_first_that_finds_nothing_posts(own_fake: FakeSlack, bot_client: WebClient) -> None:
    post_once(bot_client, channel="C1", marker=post_marker("summary", team_id=8, period="2026-W49"), text="A")

    post_once(bot_client, channel="C1", marker=MARK, look_first=True, text="B")

    assert shown(own_fake) == ["A", "B"]  # another team's summary is not this one


def test_when_slack_cannot_be_searched_the_post_is_made_again_rather_than_lost(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    own_fake.fail_next("chat.postMessage", status=500)
    own_fake.fail_next("conversations.history", status=500, times=3 * LOOK_TRIES)  # every look-up

    post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")

    assert shown(own_fake) == ["Uke 49"]


def test_a_chart_shared_before_slack_answered_500_is_found_by_its_name(
    own_fake: FakeSlack, bot_client: WebClient
) -> None:
    parent = post_once(bot_client, channel="C1", marker=MARK, text="Uke 49")
    own_fake.fail_next("files.completeUploadExternal", status=500, applied=True)

    share_file_once(
        bot_client, channel="C1", thread_ts=parent.ts, filename="balansebrett-2026-W49.png", content=b"png"
    )

    files = [f["name"] for m in own_fake.messages.in_channel("C1") for f in m.get("files", [])]
    assert files == ["balansebrett-2026-W49.png"]
    assert len(own_fake.calls_to("files.completeUploadExternal")) == 1
