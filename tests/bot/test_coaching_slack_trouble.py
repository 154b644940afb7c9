"""Slack failing in the middle of the coaching dialogue: the manager is told privately, in coaching words
and their language, that nothing is lost and how to go on; going on then works. Real signed requests
through the real Bolt app against the fake Slack."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coaching.i18n import t
from storage.models import CoachingRequest
from tests.support.coaching import answer_dialogue, field_of, parents, questions, setup_teams, tap
from tests.support.harness import Harness, block_texts

CAST = {"nb": ("U1", "U4"), "sv": ("U2", "U6"), "en": ("U3", "U7")}


def observations(harness: Harness) -> dict:
    with harness.db.session() as s:
        return dict(s.scalars(select(CoachingRequest)).one().observations)


@pytest.mark.parametrize("locale", list(CAST))
def test_a_question_slack_would_not_take_is_explained_and_asked_again(harness: Harness, locale: str) -> None:
    manager, seller = CAST[locale]
    setup_teams(harness.db, harness.clock())
    harness.command(f"coach <@{seller}|someone>", user_id=manager)
    first = questions(harness.fake, manager)[0]
    harness.fake.fail_next("chat.postMessage", status=200, error="fatal_error", times=3)

    tap(harness, first, "new", user_id=manager)

    note = harness.fake.calls_to("response_url")[-1]
    assert note.params["text"] == t(locale, "coach.error.slack")
    assert note.params["response_type"] == "ephemeral"
    assert t(locale, "error.slack") not in str(note.params)  # not the survey's words
    assert observations(harness) == {"experience": "new"}  # the tap was kept

    harness.command(f"coach <@{seller}|someone>", user_id=manager)  # as the note says

    again = questions(harness.fake, manager)[-1]
    assert field_of(again) == "competence"
    assert again.params["thread_ts"] == harness.ts_of(parents(harness.fake, manager)[0])
    assert "%" in block_texts(answer_dialogue(harness, {}, user_id=manager))


def test_a_dm_whose_dialogue_slack_would_not_take_gets_a_private_note_in_the_dm(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.fake.fail_next("chat.postMessage", status=200, error="fatal_error", times=3)

    harness.send(
        harness.requests.message_event(
            user_id="U1", text="hvordan håndterer jeg <@U4>?", channel_id="DU1", ts="1800000000.000001"
        )
    )

    (note,) = harness.fake.calls_to("chat.postEphemeral")
    assert (note.params["channel"], note.params["user"]) == ("DU1", "U1")
    assert note.params["text"] == t("nb", "coach.error.slack")


def test_when_the_first_message_fails_asking_again_at_once_starts_the_dialogue(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.fake.fail_next("chat.postMessage", status=200, error="fatal_error", times=3)

    harness.command("coach <@U4|kari> Kari er ny og usikker")

    assert harness.fake.calls_to("response_url")[-1].params["text"] == t("nb", "coach.error.slack")
    with harness.db.session() as s:
        assert s.scalars(select(CoachingRequest)).all() == []  # no dialogue left waiting for its thread

    harness.command("coach <@U4|kari> Kari er ny og usikker")  # right away, as the note says

    (parent,) = [p for p in parents(harness.fake) if p.response.get("ok")]
    (confirm,) = questions(harness.fake)
    assert confirm.params["thread_ts"] == harness.ts_of(parent)
    assert field_of(confirm) == "confirm"
    assert t("nb", "coach.in_progress") not in str(harness.fake.calls_to("response_url")[-1].params)
