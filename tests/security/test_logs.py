"""The log, in process, at DEBUG for every logger: through a whole pulse, part of the survey, typed
answers, someone else's button, a Slack outage and a team setup, no token or secret appears, and no line
shows an answer next to the person who gave it (see log_checks for the exact rule). Start-up errors about
a malformed token do not echo the token either."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from bot.app import create_app
from bot.config import ConfigError, Settings
from tests.faults.conftest import tap_request
from tests.security.log_checks import answers_next_to_people, secrets_in
from tests.support.harness import BOT_TOKEN, SIGNING_SECRET, Harness, button

APP_TOKEN = "xapp-1-A0TEST-4242-5ec2e7app70ken"


def test_a_busy_session_at_debug_logs_no_secret_and_no_answer_next_to_a_person(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.settings = dataclasses.replace(harness.settings, app_token=APP_TOKEN)
    harness.app = create_app(
        harness.settings, harness.db, clock=harness.clock, listener_executor=harness.executor
    )
    caplog.set_level(logging.DEBUG)

    harness.command("puls", user_id="U3")
    harness.answer_all(lambda item_id: 2, user_id="U3")  # a whole pulse, with its result
    harness.command("survey")
    first = harness.questions("U1")[-1]
    harness.tap(button(first, 5), first)
    thread_ts = harness.thread_of(first)
    for n, text in enumerate(("3", "kanskje 4?", "vet ikke")):  # an answer, a hint, "don't know"
        harness.send(
            harness.requests.message_event(
                user_id="U1", text=text, channel_id="DU1", ts=f"1800000000.00000{n}", thread_ts=thread_ts
            )
        )
    harness.send(tap_request(harness, harness.questions("U1")[-1], 1, user_id="U2"))  # not U2's button
    harness.fake.fail_next("chat.postMessage", status=200, error="fatal_error", times=3)  # logged: traceback
    harness.tap(button(harness.questions("U1")[-1], 4), harness.questions("U1")[-1])
    harness.send(harness.requests.app_home_opened(user_id="U3"))  # the pulse result in App Home

    assert "DEBUG" in caplog.text and "error while handling" in caplog.text
    assert secrets_in(caplog.text, [BOT_TOKEN, SIGNING_SECRET, APP_TOKEN]) == []
    assert answers_next_to_people(caplog.text, ["U1", "U2", "U3"]) == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user-token-9f8e7d"),
        ("SLACK_APP_TOKEN", "xoxb-not-an-app-token-1a2b3c"),
    ],
)
def test_a_malformed_token_is_not_echoed_in_the_start_up_error(name: str, value: str) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-ok-token", "SLACK_SIGNING_SECRET": "s3cret", name: value}

    with pytest.raises(ConfigError) as raised:
        Settings.from_env(env)

    assert value not in str(raised.value)
    assert value[5:] not in str(raised.value)
