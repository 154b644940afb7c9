"""The central error handler itself never fails, whatever the payload looks like, and answers a payload
that broke Bolt's middleware with a 4xx instead of a 500 (the cases the payload fuzzing found)."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_bolt import BoltRequest, BoltResponse
from slack_sdk.errors import SlackClientError

from bot.errors import error_key, make_error_handler
from coaching.i18n import t
from storage.db import StorageUnavailable
from survey_flows.survey import SurveyFlow
from tests.support.harness import Harness
from tests.support.slack_requests import FORM

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
BODIES = st.dictionaries(
    st.sampled_from(["type", "command", "response_url", "event", "user", "channel", "message", "team"]),
    JSON_VALUES,
)
ERRORS = st.sampled_from([KeyError("user"), TypeError("x"), StorageUnavailable("down"), RuntimeError("bug")])


@given(body=BODIES, error=ERRORS, acked=st.booleans())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_error_handler_never_raises_whatever_the_body(
    harness: Harness, body: dict[str, Any], error: Exception, acked: bool
) -> None:
    handle = make_error_handler("nb", "a-secret")
    request = BoltRequest(body="", headers={})
    context = {"authorize_result": object()}  # got past Bolt's checks, like every listener error
    response = None if acked else BoltResponse(status=500)

    returned = handle(error, body, context, harness.app.client, request, response)

    if acked:
        assert returned is None
    else:  # Slack is still waiting for this answer
        assert returned is not None and 400 <= returned.status < 500


def signed_payload(harness: Harness, payload: dict[str, Any]) -> BoltRequest:
    return harness.requests.request("payload=" + quote(json.dumps(payload)), FORM)


def test_a_payload_that_breaks_bolts_middleware_is_a_400_with_a_polite_note(harness: Harness) -> None:
    tap = harness.requests.block_action(user_id="U1", action_id="answer_4", value="1:q01:4", channel_id="DU1")
    payload = dict(tap.body) | {"event": "not an object"}  # Bolt's IgnoringSelfEvents reads event.bot_id

    assert harness.app.dispatch(signed_payload(harness, payload)).status == 400
    harness.executor.drain()

    assert harness.executor.errors == []
    (note,) = harness.fake.calls_to("response_url")
    assert (note.params["response_type"], note.params["text"]) == (
        "ephemeral",
        t("nb", "error.generic.survey"),
    )


def test_a_modal_whose_listener_fails_before_its_ack_shows_the_error_in_the_form(harness: Harness) -> None:
    submission = harness.requests.view_submission(
        user_id="U2", callback_id="team_setup", private_metadata="C1"
    )
    payload = dict(submission.body)
    payload["user"] = dict(payload["user"]) | {"id": {"not": "an id"}}  # the database cannot take it
    payload["view"] = payload["view"] | {"blocks": [{"type": "input", "block_id": "setup_name"}]}

    response = harness.app.dispatch(signed_payload(harness, payload))
    harness.executor.drain()

    assert (response.status, json.loads(response.body)) == (
        200,
        {"response_action": "errors", "errors": {"setup_name": t("nb", "error.generic")}},
    )
    assert harness.executor.errors == []


@pytest.mark.parametrize("blocks", [5, "blocks", {"type": "input"}, None])
def test_a_failing_modal_whose_blocks_are_no_list_gets_a_400(harness: Harness, blocks: Any) -> None:
    submission = harness.requests.view_submission(
        user_id="U2", callback_id="team_setup", private_metadata="C1"
    )
    payload = dict(submission.body)
    payload["user"] = dict(payload["user"]) | {"id": {"not": "an id"}}  # fails before its ack
    payload["view"] = payload["view"] | {"blocks": blocks}

    response = harness.app.dispatch(signed_payload(harness, payload))
    harness.executor.drain()

    assert response.status == 400
    assert harness.executor.errors == []  # the error handler itself did not fail


def test_a_response_url_that_is_no_url_is_logged_not_raised(
    harness: Harness, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the listener fails after its ack")

    monkeypatch.setattr(SurveyFlow, "answer", broken)
    tap = harness.requests.block_action(user_id="U1", action_id="answer_4", value="1:q01:4", channel_id="DU1")
    payload = dict(tap.body) | {"response_url": "http//nowhere"}
    caplog.set_level(logging.WARNING, logger="balansebrett.errors")

    assert harness.app.dispatch(signed_payload(harness, payload)).status == 200  # failed after its ack
    harness.executor.drain()

    assert harness.executor.errors == []
    assert "error while handling block_actions" in caplog.text
    assert "could not tell the user about the error either (ValueError)" in caplog.text


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"actions": [{"action_id": "answer_4"}]}, "error.slack.survey"),
        ({"actions": [{"action_id": "continue_run"}]}, "error.slack.survey"),
        ({"command": "/balanse", "text": "puls"}, "error.slack.survey"),
        ({"event": {"type": "message", "text": "4"}}, "error.slack.survey"),
        ({"command": "/balanse", "text": "oppsett"}, "error.slack"),
        ({"command": "/balanse", "text": "selv"}, "error.slack"),
        ({"actions": [{"action_id": "coach_delete"}]}, "error.slack"),
        ({"type": "view_submission", "view": {"callback_id": "team_setup"}}, "error.slack"),
        ({"event": {"type": "app_home_opened"}}, "error.slack"),
    ],
)
def test_only_survey_requests_are_told_to_continue_the_survey(body: dict[str, Any], key: str) -> None:
    assert error_key(SlackClientError("down"), body) == key
    assert error_key(RuntimeError("bug"), body) == key.replace("slack", "generic")
