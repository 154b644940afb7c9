"""A correctly signed request replayed inside Slack's 5-minute window (a retry, or someone who captured it)
changes nothing a second time: every kind of request the app acts on is idempotent.

After 5 minutes the signature is refused (test_request_signing.py); within them the same bytes arrive
again, and the second delivery must neither post, nor store, nor tell anyone anything new.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from bot.runtime import Runtime
from storage.models import Answer, Notice, Team, TeamMembership
from tests.faults.conftest import posts, question_positions, tap_request
from tests.support.harness import Harness, running
from tests.support.modals import state_of
from tests.support.team_setup import CHANNEL, open_setup, team_of


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    harness.fake.set_members(CHANNEL, ["U1", "U2", "U3", "UBOT"])
    with running(harness) as built:
        yield built


def count(harness: Harness, model: type) -> int:
    with harness.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def twice(harness: Harness, request: object) -> None:
    """The same signed bytes, delivered twice."""
    for _ in range(2):
        assert harness.app.dispatch(request).status == 200  # type: ignore[arg-type]
        harness.executor.drain()


def test_a_replayed_team_setup_saves_once_and_tells_each_seller_once(
    harness: Harness, runtime: Runtime
) -> None:
    view = open_setup(harness)
    request = harness.requests.view_submission(
        user_id="U1",
        callback_id=view["callback_id"],
        values=state_of(view, {"setup_name": "Salg Øst"}),
        private_metadata=view["private_metadata"],
    )

    twice(harness, request)
    assert runtime.notices is not None
    runtime.notices.send_pending()

    assert team_of(harness)[1:] == (("U1",), ("U2", "U3"))
    assert (count(harness, Team), count(harness, TeamMembership), count(harness, Notice)) == (1, 3, 2)
    assert sorted(c.response["channel"] for c in posts(harness.fake)) == ["DU2", "DU3"]  # one notice each


def test_a_replayed_survey_command_posts_nothing_more(harness: Harness) -> None:
    request = harness.requests.slash_command("survey", user_id="U1")

    twice(harness, request)

    assert question_positions(harness.fake) == {"1/40": 1}
    assert len(posts(harness.fake)) == 1  # one intro, carrying question 1


def test_a_replayed_tap_records_one_answer_and_posts_one_next_question(harness: Harness) -> None:
    harness.command("survey", user_id="U1")
    request = tap_request(harness, harness.questions("U1")[-1], 4)

    twice(harness, request)

    assert count(harness, Answer) == 1
    assert question_positions(harness.fake) == {"1/40": 1, "2/40": 1}
