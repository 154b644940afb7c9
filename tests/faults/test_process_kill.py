"""The process is SIGKILLed in the middle of a survey, for real: `python -m bot` in HTTP mode as a
subprocess, signed HTTP requests, the fake Slack in this process. After a restart the seller resumes at
the next unanswered question; nothing answered is lost and no question is posted twice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.db import Database
from storage.models import Answer, Prompt
from tests.faults.conftest import shown_progress
from tests.support.bot_process import SIGNING_SECRET, BotProcess, held, questions, rows, unposted
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import button
from tests.support.slack_requests import SlackRequests


@pytest.fixture
def bot(fake_slack: FakeSlack, db_url: str, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(fake_slack, db_url, tmp_path)
    yield process
    process.kill()


@pytest.fixture
def requests(fake_slack: FakeSlack) -> SlackRequests:
    return SlackRequests(SIGNING_SECRET, response_url=fake_slack.response_url)


def position(call: Call) -> str | None:
    """ "5/40" for the fifth of forty questions, as the message shows it (the intro shows question 1)."""
    return shown_progress(call.params)


def age_claims(db_url: str, seconds: int) -> None:
    """Make the unposted claims `seconds` older, as if that much time had passed."""
    db = Database.from_url(db_url)
    try:
        with db.session() as s:
            for prompt in s.scalars(select(Prompt).where(Prompt.message_ts.is_(None))).all():
                prompt.claimed_at -= timedelta(seconds=seconds)
    finally:
        db.dispose()


def answers(db_url: str) -> list[tuple[str, int | None]]:
    return rows(db_url, select(Answer.item_id, Answer.value).order_by(Answer.item_id))


def test_a_seller_resumes_at_the_next_unanswered_question_after_a_sigkill(
    bot: BotProcess, requests: SlackRequests, fake_slack: FakeSlack, db_url: str
) -> None:
    bot.start()
    assert bot.post(requests.slash_command("survey", user_id="U1"))[0] == 200
    fake_slack.wait_for("chat.postMessage", 1)  # the intro, carrying question 1
    for value in (4, 2, 5):
        before = len(questions(fake_slack))
        bot.wait(lambda: unposted(db_url) == [])  # a person taps once the message is there
        bot.tap(requests, questions(fake_slack)[-1], value)
        bot.wait(lambda before=before: len(questions(fake_slack)) == before + 1)
    assert [position(q) for q in questions(fake_slack)] == ["1/40", "2/40", "3/40", "4/40"]

    # Answer question 4, and kill the process while it is talking to Slack about it: the answer and the
    # claim on question 5 are committed, question 5 is never posted.
    bot.wait(lambda: unposted(db_url) == [])
    fake_slack.delay_next("chat.update", 1.0)
    bot.tap(requests, questions(fake_slack)[-1], 3)
    bot.wait(lambda: held(fake_slack, "chat.update"))
    bot.kill()
    fake_slack.wait_for("chat.update", 4)  # the edit that was in flight (let it land before the next test)
    assert len(questions(fake_slack)) == 4
    assert unposted(db_url) == [5]  # the dead process's claim on question 5
    assert answers(db_url) == [("q01", 4), ("q02", 2), ("q03v2", 5), ("q04v2", 3)]

    bot.start()
    # The dead process's claim is taken over once it is stale (15 s): until then it may be a post in
    # flight, and posting it again could show the seller two answerable copies. Age it instead of waiting.
    age_claims(db_url, seconds=30)
    assert bot.post(requests.slash_command("survey", user_id="U1"))[0] == 200
    bot.wait(lambda: len(questions(fake_slack)) == 5)
    resumed = questions(fake_slack)[-1]
    assert position(resumed) == "5/40"
    assert button(resumed, 1)["value"].split(":")[1] == "q05"

    bot.wait(lambda: unposted(db_url) == [])
    bot.tap(requests, resumed, 4)
    bot.wait(lambda: len(questions(fake_slack)) == 6)
    assert answers(db_url)[-1] == ("q05", 4)
    assert Counter(position(q) for q in questions(fake_slack)) == Counter(
        f"{n}/40" for n in range(1, 7)
    )  # every question exactly once, also across the kill
    intros = [c for c in fake_slack.calls_to("chat.postMessage") if not c.params.get("thread_ts")]
    assert [position(c) for c in intros] == ["1/40"]
    bot.wait(lambda: unposted(db_url) == [])  # every claim, the dead process's too, is posted
