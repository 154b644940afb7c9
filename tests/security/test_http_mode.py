"""HTTP mode for real: `python -m bot` as a subprocess (the production server), signed and forged requests
over HTTP, and the process's own log at LOG_LEVEL=DEBUG through a whole survey.

The process runs on a SQLite file: signature checks and logging do not depend on the database (the
database faults have their own tests on both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from tests.security.forgeries import every_kind, forgeries
from tests.security.log_checks import answers_next_to_people, secrets_in
from tests.support.bot_process import BOT_TOKEN, SIGNING_SECRET, BotProcess, questions, unposted
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import FORM, JSON, SlackRequests


@pytest.fixture(scope="module")
def bot(fake_slack_server: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    directory = tmp_path_factory.mktemp("http-mode")
    fake_slack_server.reset()
    with BotProcess(
        fake_slack_server, f"sqlite:///{directory / 'bot.db'}", directory, log_level="DEBUG"
    ) as b:
        yield b


@pytest.fixture
def requests(fake_slack: FakeSlack, bot: BotProcess) -> SlackRequests:
    return SlackRequests(SIGNING_SECRET, response_url=fake_slack.response_url)


def test_forged_requests_are_refused_over_http(
    bot: BotProcess, requests: SlackRequests, fake_slack: FakeSlack
) -> None:
    statuses: dict[tuple[str, str], int] = {}
    for forgery, forge in forgeries(SIGNING_SECRET).items():
        for kind, request in every_kind(requests).items():
            body, headers = forge(request)
            statuses[forgery, kind] = bot.post(request, headers=headers, body=body)[0]

    assert {key: status for key, status in statuses.items() if status != 401} == {}
    assert fake_slack.calls == []  # not a single Web API or response_url call for any of them
    assert "Traceback" not in bot.log()


def test_starting_logs_no_warning_about_an_unused_token(bot: BotProcess) -> None:
    """Bolt took SLACK_BOT_TOKEN from the environment beside the app's own client and warned on every
    start that it "will be unused"; the operator should see only what concerns them."""
    start_up, started, _ = bot.log().partition("starting in HTTP mode")
    assert started
    assert "will be unused" not in start_up
    assert " WARNING " not in start_up


def test_a_correctly_signed_request_is_served_over_http(bot: BotProcess, requests: SlackRequests) -> None:
    status, body = bot.post(requests.url_verification("c-42"))
    assert (status, body) == (200, b'{"challenge": "c-42"}')


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        pytest.param(JSON, "{not json", id="invalid JSON"),
        pytest.param(FORM, "payload=" + quote("{nope"), id="invalid JSON in payload="),
        pytest.param(FORM, "payload=" + quote('{"type": "block_actions", "team": 5}'), id="team a number"),
    ],
)
def test_a_body_bolt_cannot_parse_is_a_4xx_signed_or_not(
    bot: BotProcess, requests: SlackRequests, content_type: str, body: str
) -> None:
    unsigned = {"content-type": content_type}
    for headers in (unsigned | requests.sign(body), unsigned):
        status, _ = bot.post_raw(body, headers)
        assert 400 <= status < 500, status


def test_a_whole_survey_at_debug_logs_no_secret_and_no_answer_next_to_a_person(
    bot: BotProcess, requests: SlackRequests, fake_slack: FakeSlack
) -> None:
    db_url = bot.db_url
    assert bot.post(requests.slash_command("survey", user_id="U2"))[0] == 200
    fake_slack.wait_for("chat.postMessage", 1)  # the intro, carrying question 1
    for n in range(40):
        before = len(questions(fake_slack))
        bot.wait(lambda: unposted(db_url) == [])
        bot.tap(requests, questions(fake_slack)[-1], n % 6, user_id="U2")
        if n < 39:
            bot.wait(lambda before=before: len(questions(fake_slack)) == before + 1)
    fake_slack.wait_for("chat.update", 41)  # every answered question (the first on the intro), the intro done
    thread_ts = questions(fake_slack)[-1].params["thread_ts"]
    for text in ("4", "vet inte"):  # typed answers after the end
        bot.post(
            requests.message_event(
                user_id="U2",
                text=text,
                channel_id="DU2",
                ts=f"1800000000.00000{len(text)}",
                thread_ts=thread_ts,
            )
        )
    bot.post(requests.app_home_opened(user_id="U2"))  # the result is shown in App Home
    bot.post(requests.slash_command("undersökning", user_id="U2"))  # ... and again on asking
    fake_slack.wait_for("views.publish")
    fake_slack.wait_for("response_url", 2)

    log = bot.log()
    assert "DEBUG" in log  # the level really was DEBUG
    assert secrets_in(log, [BOT_TOKEN, SIGNING_SECRET]) == []
    assert answers_next_to_people(log, ["U1", "U2", "U3"]) == []
