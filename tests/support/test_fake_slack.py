"""Self-tests of the harness: the real WebClient and a real Bolt App against FakeSlack and signed requests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt import Ack, App, BoltContext, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests

SIGNING_SECRET = "test-signing-secret"
TOKEN = "xoxb-test"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token=TOKEN, base_url=fake.url)


@pytest.fixture
def requests() -> SlackRequests:
    return SlackRequests(SIGNING_SECRET)


# --------------------------------------------------------------------- Web API


def test_url_is_a_loopback_base_url(fake: FakeSlack) -> None:
    assert fake.url.startswith("http://127.0.0.1:")
    assert fake.url.endswith("/api/")


def test_post_message_answers_ts_and_records_decoded_blocks(fake: FakeSlack, client: WebClient) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Hei*"}}]
    first = client.chat_postMessage(channel="C1", text="Hei", blocks=blocks)
    second = client.chat_postMessage(channel="C1", text="igjen", thread_ts=first["ts"])

    assert first["ok"] is True
    assert first["channel"] == "C1"
    assert float(second["ts"]) > float(first["ts"])
    assert first["message"]["blocks"] == blocks
    assert second["message"]["thread_ts"] == first["ts"]
    call = fake.calls_to("chat.postMessage")[0]
    assert call.params["blocks"] == blocks
    assert call.params["text"] == "Hei"
    assert call.token == TOKEN
    assert call.status == 200


def test_json_bodies_are_decoded(fake: FakeSlack, client: WebClient) -> None:
    client.api_call("chat.postMessage", json={"channel": "C1", "text": "json", "blocks": []})
    assert fake.calls_to("chat.postMessage")[0].params == {"channel": "C1", "text": "json", "blocks": []}


def test_posting_to_a_user_answers_the_dm_channel(client: WebClient) -> None:
    assert client.chat_postMessage(channel="U1", text="x")["channel"] == "DU1"


def test_users_info_returns_locale_and_timezone(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1", locale="sv-SE", tz="Europe/Stockholm", tz_offset=3600, name="anna")

    user = client.users_info(user="U1", include_locale=True)["user"]
    assert (user["locale"], user["tz"], user["tz_offset"], user["name"]) == (
        "sv-SE",
        "Europe/Stockholm",
        3600,
        "anna",
    )
    assert user["is_bot"] is False
    assert "locale" not in client.users_info(user="U1")["user"]
    with pytest.raises(SlackApiError) as error:
        client.users_info(user="UNKNOWN")
    assert error.value.response["error"] == "user_not_found"


def test_conversations_open(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1")
    fake.add_user("U2", deleted=True)

    assert client.conversations_open(users="U1")["channel"]["id"] == "DU1"
    with pytest.raises(SlackApiError) as error:
        client.conversations_open(users=["U2"])
    assert error.value.response.status_code == 200
    assert error.value.response["error"] == "user_disabled"


def test_conversations_members_pages_with_cursor(fake: FakeSlack, client: WebClient) -> None:
    fake.set_members("C1", ["U1", "U2", "U3"])

    assert client.conversations_members(channel="C1")["members"] == ["U1", "U2", "U3"]
    pages = [page["members"] for page in client.conversations_members(channel="C1", limit=2)]
    assert pages == [["U1", "U2"], ["U3"]]


def test_views_and_permalink(client: WebClient) -> None:
    view = client.views_publish(user_id="U1", view={"type": "home", "blocks": []})["view"]
    assert view["id"]
    assert view["type"] == "home"
    ts = client.chat_postMessage(channel="C1", text="x")["ts"]
    link = client.chat_getPermalink(channel="C1", message_ts=ts)["permalink"]
    assert link.endswith(f"/archives/C1/p{ts.replace('.', '')}")
    assert client.chat_postEphemeral(channel="C1", user="U1", text="x")["message_ts"]
    assert client.api_call("reactions.add", params={"name": "x"})["ok"] is True


def test_no_permalink_for_a_message_the_conversation_does_not_show(client: WebClient) -> None:
    ts = client.chat_postMessage(channel="C1", text="x")["ts"]
    client.chat_delete(channel="C1", ts=ts)

    for channel, message_ts in (("C1", ts), ("C1", "1700000000.999900"), ("C2", ts)):
        with pytest.raises(SlackApiError) as error:
            client.chat_getPermalink(channel=channel, message_ts=message_ts)
        assert error.value.response["error"] == "message_not_found"


def test_calls_without_token_are_not_authed(fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as error:
        WebClient(base_url=fake.url).auth_test()
    assert error.value.response["error"] == "not_authed"


def test_rate_limit_raises_with_retry_after(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=7)

    with pytest.raises(SlackApiError) as error:
        client.chat_postMessage(channel="C1", text="x")
    assert error.value.response.status_code == 429
    assert error.value.response.headers["Retry-After"] == "7"
    assert error.value.response["error"] == "ratelimited"
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429]
    assert client.chat_postMessage(channel="C1", text="x")["ok"] is True


def test_rate_limit_retry_handler_succeeds_on_second_try(fake: FakeSlack) -> None:
    retrying = WebClient(
        token=TOKEN, base_url=fake.url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)]
    )
    fake.fail_next("chat.postMessage", status=429, retry_after=0)

    assert retrying.chat_postMessage(channel="C1", text="x")["ok"] is True
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]


def test_server_error_and_api_error_injection(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("users.info", status=503)
    fake.fail_next("chat.update", status=200, error="message_not_found", times=2)

    with pytest.raises(SlackApiError) as server_error:
        client.users_info(user="U1")
    assert server_error.value.response.status_code == 503
    for _ in range(2):
        with pytest.raises(SlackApiError) as api_error:
            client.chat_update(channel="C1", ts="1.0", text="x")
        assert api_error.value.response["error"] == "message_not_found"
    posted = client.chat_postMessage(channel="C1", text="first")
    assert client.chat_update(channel="C1", ts=posted["ts"], text="x")["text"] == "x"
    with pytest.raises(SlackApiError) as unknown:  # like Slack: no message, nothing to edit
        client.chat_update(channel="C1", ts="1.0", text="x")
    assert unknown.value.response["error"] == "message_not_found"


def test_delay_next_slows_the_answer(fake: FakeSlack, client: WebClient) -> None:
    fake.delay_next("auth.test", 0.3)
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started < 0.3


def test_wait_for_and_reset(fake: FakeSlack, client: WebClient) -> None:
    threading.Timer(0.05, lambda: client.chat_postMessage(channel="C1", text="late")).start()
    assert fake.wait_for("chat.postMessage", timeout=5)[0].params["text"] == "late"

    with pytest.raises(AssertionError, match=r"views\.publish.*chat\.postMessage\(200\)"):
        fake.wait_for("views.publish", timeout=0.05)
    fake.add_user("U1")
    fake.fail_next("auth.test")
    fake.reset()
    assert fake.calls == []
    assert client.auth_test()["user_id"] == "UBOT"
    assert client.users_info(user="U1")["ok"] is True


def test_files_upload_v2_stores_the_bytes(fake: FakeSlack, client: WebClient) -> None:
    response = client.files_upload_v2(content=b"\x89PNG-bytes", filename="x.png", channel="C1", title="Graf")

    (file_id,) = fake.uploads
    assert fake.uploads[file_id] == b"\x89PNG-bytes"
    assert response["file"]["id"] == file_id
    complete = fake.calls_to("files.completeUploadExternal")[0]
    assert complete.params["channel_id"] == "C1"
    assert complete.params["files"][0]["id"] == file_id


# --------------------------------------------------------------------- Bolt app with signed requests


@pytest.fixture
def app(fake: FakeSlack) -> App:
    app = App(signing_secret=SIGNING_SECRET, client=WebClient(token=TOKEN, base_url=fake.url))
    seen: list[dict[str, Any]] = []
    app.seen = seen  # type: ignore[attr-defined]

    @app.command("/balanse")
    def balanse(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        ack("ok")
        client.chat_postMessage(channel=command["user_id"], text=f"du skrev {command['text']}")

    @app.action("pick")
    def pick(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        ack()
        seen.append({"action": body["actions"][0]["value"], "channel": context.channel_id})

    @app.event("message")
    def message(event: dict[str, Any], request: BoltRequest) -> None:
        seen.append({"message": event["text"], "retry": request.headers.get("x-slack-retry-num", [None])[0]})

    @app.event("app_home_opened")
    def home(event: dict[str, Any]) -> None:
        seen.append({"home": event["user"]})

    return app


def _wait_seen(app: App, count: int) -> list[dict[str, Any]]:
    """Bolt runs listeners in a thread pool after ack: wait for them, then sort for a stable comparison."""
    seen: list[dict[str, Any]] = app.seen  # type: ignore[attr-defined]
    deadline = time.monotonic() + 5
    while len(seen) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    return sorted(seen, key=repr)


def test_bolt_app_verifies_the_token_at_startup(fake: FakeSlack, app: App) -> None:
    assert fake.calls_to("auth.test")[0].token == TOKEN


def test_signed_slash_command_is_handled(fake: FakeSlack, app: App, requests: SlackRequests) -> None:
    response = app.dispatch(requests.slash_command("hjelp", user_id="U1"))

    assert response.status == 200
    assert response.body == "ok"
    params = fake.wait_for("chat.postMessage")[0].params
    assert (params["channel"], params["text"]) == ("U1", "du skrev hjelp")


def test_bad_and_stale_signatures_are_rejected(fake: FakeSlack, app: App, requests: SlackRequests) -> None:
    request = requests.slash_command("hjelp", user_id="U1")

    assert app.dispatch(requests.with_bad_signature(request)).status == 401
    assert app.dispatch(requests.stale(request)).status == 401
    old = int(time.time()) - 600
    assert app.dispatch(requests.slash_command("hjelp", user_id="U1", timestamp=old)).status == 401
    assert fake.calls_to("chat.postMessage") == []


def test_block_actions_in_messages_and_home(app: App, requests: SlackRequests) -> None:
    in_message = requests.block_action(user_id="U1", action_id="pick", value="3", channel_id="DU1")
    in_home = requests.block_action(user_id="U1", action_id="pick", value="4")

    assert app.dispatch(in_message).status == 200
    assert app.dispatch(in_home).status == 200
    assert _wait_seen(app, 2) == [{"action": "3", "channel": "DU1"}, {"action": "4", "channel": None}]


def test_events_and_retries(app: App, requests: SlackRequests) -> None:
    first = requests.message_event(user_id="U1", text="hei", channel_id="DU1", ts="1.000100")
    event_id = first.body["event_id"]
    retry = requests.message_event(
        user_id="U1", text="hei", channel_id="DU1", ts="1.000100", event_id=event_id, retry_num=1
    )

    assert app.dispatch(first).status == 200
    assert app.dispatch(retry).status == 200
    assert retry.headers["x-slack-retry-num"] == ["1"]
    assert retry.body["event_id"] == event_id
    assert app.dispatch(requests.app_home_opened(user_id="U1")).status == 200
    assert _wait_seen(app, 3) == [
        {"home": "U1"},
        {"message": "hei", "retry": "1"},
        {"message": "hei", "retry": None},
    ]
