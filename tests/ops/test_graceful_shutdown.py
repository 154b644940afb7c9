"""SIGTERM, as a service manager or a rolling deploy sends it, to a real `python -m bot` in HTTP mode while a
seller's tap is still being worked on and another request is still arriving: new connections are refused at
once, the request under way is answered, the tap's work finishes (the next question reaches the seller),
the scheduler's lease is given up for the next replica, and the process exits 0."""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.shutdown import GRACE_SECONDS
from storage.models import Answer, SchedulerLease
from tests.support.bot_process import SIGNING_SECRET, BotProcess, held, questions, rows, unposted
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests, flat_headers

SLOW_SLACK_SECONDS = 2.0


@pytest.fixture
def bot(fake_slack: FakeSlack, db_url: str, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(fake_slack, db_url, tmp_path)
    yield process
    process.kill()


def lease_holders(db_url: str) -> list[str]:
    return [holder for (holder,) in rows(db_url, select(SchedulerLease.holder))]


def refused(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        return True
    return False


def test_sigterm_finishes_what_is_under_way_gives_up_the_lease_and_exits_0(
    bot: BotProcess, fake_slack: FakeSlack, db_url: str
) -> None:
    requests = SlackRequests(SIGNING_SECRET, response_url=fake_slack.response_url)
    bot.start()
    bot.wait(lambda: len(lease_holders(db_url)) == 1)  # this process leads the scheduler
    assert bot.post(requests.slash_command("survey", user_id="U1"))[0] == 200
    fake_slack.wait_for("chat.postMessage", 1)  # the intro, carrying question 1
    bot.wait(lambda: unposted(db_url) == [])

    # A tap whose work is still going on (Slack is slow to edit the tapped question) ...
    fake_slack.delay_next("chat.update", SLOW_SLACK_SECONDS)
    bot.tap(requests, questions(fake_slack)[0], 4)
    bot.wait(lambda: held(fake_slack, "chat.update"))
    # ... and a request whose body is still arriving.
    verification = requests.url_verification("still-arriving")
    body = verification.raw_body.encode()
    head = "".join(f"{k}: {v}\r\n" for k, v in flat_headers(verification).items())
    slow = socket.create_connection(("127.0.0.1", bot.port), timeout=10)
    slow.sendall(
        f"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Length: {len(body)}\r\n{head}\r\n".encode()
        + body[:10]
    )
    time.sleep(0.5)  # the server has read the headers and waits for the rest

    bot.stop()  # SIGTERM
    bot.wait(lambda: refused(bot.port), timeout=5)  # new connections go elsewhere at once

    slow.sendall(body[10:])
    response = http.client.HTTPResponse(slow)
    response.begin()
    assert (response.status, response.read()) == (200, b'{"challenge": "still-arriving"}')
    slow.close()

    assert bot.exit_code(timeout=20) == 0
    assert len(questions(fake_slack)) == 2  # the tap's work went on to post question 2
    assert unposted(db_url) == []  # and recorded it, so the seller can answer it on another replica
    assert rows(db_url, select(Answer.item_id, Answer.value)) == [("q01", 4)]
    assert lease_holders(db_url) == []  # released: the next replica leads at once, not in 90 s
    log = bot.log()
    assert "SIGTERM: stopping" in log and "stopped" in log
    assert "Traceback" not in log


def test_a_request_that_never_finishes_does_not_hold_the_stop_past_its_grace_period(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """A client that sends half a request and nothing more: the stop waits for it, but only so long, then
    still gives up the lease and exits 0 before a service manager's SIGKILL (30 s in deploy/)."""
    db_url = f"sqlite:///{tmp_path / 'bot.db'}"
    bot = BotProcess(fake_slack, db_url, tmp_path)
    try:
        bot.start()
        bot.wait(lambda: len(lease_holders(db_url)) == 1)
        stuck = socket.create_connection(("127.0.0.1", bot.port), timeout=10)
        stuck.sendall(b"POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Length: 100\r\n\r\n{")
        time.sleep(0.5)

        stopped_at = time.monotonic()
        bot.stop()
        assert bot.exit_code(timeout=GRACE_SECONDS + 8) == 0
        assert time.monotonic() - stopped_at > GRACE_SECONDS - 1  # it did wait for the request
        assert lease_holders(db_url) == []
        assert "1 requests and 0 listeners unfinished" in bot.log()
        stuck.close()
    finally:
        bot.kill()
