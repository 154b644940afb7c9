"""Self-tests of what the fake Slack shows in a conversation: history, threads, metadata, edits and deletes,
through the real WebClient (the bot's recovery of a timed-out post relies on these answers)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.metadata import Metadata

from tests.support.fake_slack import FakeSlack


@pytest.fixture
def client() -> Iterator[WebClient]:
    with FakeSlack() as fake:
        yield WebClient(token="xoxb-test", base_url=fake.url)


def test_history_lists_top_level_messages_newest_first_and_metadata_only_on_request(
    client: WebClient,
) -> None:
    marked = Metadata(event_type="run", event_payload={"run_id": 7})
    first = client.chat_postMessage(channel="U1", text="first", metadata=marked)["ts"]
    client.chat_postMessage(channel="DU1", text="in thread", thread_ts=first)
    second = client.chat_postMessage(channel="DU1", text="second")["ts"]

    plain = client.conversations_history(channel="DU1")["messages"]
    full = client.conversations_history(channel="DU1", include_all_metadata=True, limit=1)

    assert [(m["ts"], m["text"]) for m in plain] == [(second, "second"), (first, "first")]
    assert all("metadata" not in m for m in plain)
    assert [m["ts"] for m in full["messages"]] == [second] and full["has_more"] is True
    older = client.conversations_history(channel="DU1", include_all_metadata=True)["messages"][1]
    assert older["metadata"] == {"event_type": "run", "event_payload": {"run_id": 7}}


def test_replies_list_a_thread_oldest_first_with_edits_and_without_deleted_messages(
    client: WebClient,
) -> None:
    parent = client.chat_postMessage(channel="DU1", text="parent")["ts"]
    one = client.chat_postMessage(channel="DU1", text="one", thread_ts=parent)["ts"]
    two = client.chat_postMessage(channel="DU1", text="two", thread_ts=parent)["ts"]
    client.chat_update(channel="DU1", ts=one, text="one, edited")
    client.chat_delete(channel="DU1", ts=two)

    thread = client.conversations_replies(channel="DU1", ts=parent)["messages"]

    assert [m["text"] for m in thread] == ["parent", "one, edited"]
    with pytest.raises(SlackApiError) as deleted_twice:
        client.chat_delete(channel="DU1", ts=two)
    assert deleted_twice.value.response["error"] == "message_not_found"
    with pytest.raises(SlackApiError) as unknown:
        client.conversations_replies(channel="DU1", ts="1.000001")
    assert unknown.value.response["error"] == "thread_not_found"
