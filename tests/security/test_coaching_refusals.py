"""Asking about someone outside your teams reveals nothing: through every way in (the command, a DM that
mentions the person, the shortcut's modal, "assess again"), whoever the person is, Slack sees exactly the
same bytes and nothing is stored. Also what is refused for other reasons (too much text, forged buttons),
always with a clear, private message. Real signed requests through the real Bolt app and the fake Slack."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from slack_bolt import BoltResponse
from sqlalchemy import select

from storage.models import CoachingRequest, InboundEvent
from survey_flows.advice_views import OBSERVATION_MAX
from tests.support.coaching import (
    OSLO,
    count,
    parents,
    questions,
    setup_teams,
    stored_nothing,
    validate_everything,
)
from tests.support.harness import Harness
from tests.support.modals import errors_of, state_of
from tests.support.scheduling import leave, make_team, update
from tests.support.shown import t, t_plain
from tests.support.slack_requests import BOT_USER_ID

# Who U1 (manager of Team Nord, nb) asks about. Every one of them must get the very same answer.
OUTSIDE = {
    "yourself": "U1",
    "a seller of another team": "U6",
    "the manager of another team": "U2",
    "a fellow manager of your own team": "U11",
    "someone the bot knows, in no team": "U8",
    "someone the bot never met": "U9",
    "a bot set up as a seller": "UBOTX",
    "a deactivated seller": "U5",
    "a seller who left the team": "U13",
}
ALLOWED = "U12"  # a seller of the second team U1 manages: the control that the setup can tell them apart


def setup(harness: Harness) -> None:
    """Team Nord and Team Sør (tests.support.coaching), and a second team of U1's, managed together with
    U11, with the seller U12, a bot seller and U13, who has left it. U5 of Team Nord is deactivated."""
    now = harness.clock()
    setup_teams(harness.db, now)
    extra = make_team(
        harness.db,
        now,
        [("U12", OSLO), ("UBOTX", None), ("U13", OSLO)],
        channel_id="CEXTRA",
        managers=("U1", "U11"),
    )
    update(harness.db, "UBOTX", is_bot=True)
    update(harness.db, "U5", deactivated=True)
    leave(harness.db, extra, "U13", now)


Traffic = list[tuple[str, Any]]


def traffic(harness: Harness, response: BoltResponse) -> Traffic:
    """Everything Slack saw: the answer to the request itself, then every Web API call with its arguments."""
    body = json.loads(response.body) if response.body.startswith("{") else response.body
    return [("ack", (response.status, body))] + [(c.method, c.params) for c in harness.fake.calls]


def command(harness: Harness, subject: str, n: int) -> BoltResponse:
    return harness.command(f"coach <@{subject}|someone> er ny og usikker")


def dm(harness: Harness, subject: str, n: int) -> BoltResponse:
    text = f"hvordan håndterer jeg <@{subject}>? Hun er ny og usikker"
    return harness.send(
        harness.requests.message_event(user_id="U1", text=text, channel_id="DU1", ts=f"1800000000.{n:06d}")
    )


def modal(harness: Harness, subject: str, n: int) -> BoltResponse:
    harness.send(harness.requests.global_shortcut(user_id="U1", callback_id="coach_person"))
    view = harness.fake.calls_to("views.open")[-1].params["view"]
    harness.fake.reset()
    values = state_of(view, {"coach_person": subject, "coach_text": "ny og usikker"})
    return harness.send(
        harness.requests.view_submission(user_id="U1", callback_id=view["callback_id"], values=values)
    )


def assess_again(harness: Harness, subject: str, n: int) -> BoltResponse:
    """The "assess again" button of a follow-up reminder, its value (a user id) forged."""
    return harness.send(
        harness.requests.block_action(
            user_id="U1", action_id="coach_again", value=subject, block_id="b", channel_id="DU1"
        )
    )


# Each way in, and where its refusal is said: the command's private response, a reply in the DM, an error
# under the person field of the modal (in the ack), a private note next to the button.
WAYS_IN: dict[str, tuple[Callable[[Harness, str, int], BoltResponse], str]] = {
    "/balanse coach @person": (command, "response_url"),
    "a DM that mentions the person": (dm, "chat.postMessage"),
    "the shortcut's modal": (modal, "ack"),
    "assess again": (assess_again, "chat.postEphemeral"),
}


def about_a_person(harness: Harness) -> list[str]:
    """Delivery keys kept beyond the one every top-level DM gets (`dm:<channel>:<ts>`, so that a retried
    message is answered once): that one is written alike whoever the message names."""
    with harness.db.session() as s:
        keys = s.scalars(select(InboundEvent.event_key)).all()
    return [key for key in keys if not key.startswith("dm:DU1:")]


@pytest.mark.parametrize("way_in", list(WAYS_IN))
def test_the_refusal_is_byte_identical_whoever_the_person_is(harness: Harness, way_in: str) -> None:
    setup(harness)
    ask, where = WAYS_IN[way_in]
    ask(harness, "U9", 0)  # warm-up: the caller's profile is cached from here on, as in real use
    seen: dict[str, Traffic] = {}

    for n, (who, subject) in enumerate(OUTSIDE.items(), start=1):
        harness.fake.reset()
        seen[who] = traffic(harness, ask(harness, subject, n))
        assert stored_nothing(harness.db), who
        assert about_a_person(harness) == [], who

    reference = seen["someone the bot never met"]
    assert {who: answer for who, answer in seen.items() if answer != reference} == {}
    (refusal,) = [json.dumps(said, ensure_ascii=False) for method, said in reference if method == where]
    shown = t_plain if where == "ack" else t  # an error under a modal's input is plain text
    assert shown("nb", "coach.refused") in refusal
    everything = json.dumps(reference, ensure_ascii=False)
    assert not any(f"<@{subject}" in everything for subject in OUTSIDE.values())
    assert not any(subject in everything for subject in OUTSIDE.values() if subject != "U1")

    harness.fake.reset()
    allowed = traffic(harness, ask(harness, ALLOWED, 99))
    assert allowed != reference
    assert count(harness.db, CoachingRequest) == 1


@pytest.mark.parametrize(("manager", "locale"), [("U2", "sv"), ("U3", "en")])
def test_the_refusal_speaks_the_managers_language(harness: Harness, manager: str, locale: str) -> None:
    setup(harness)
    harness.command("coach <@U4|kari>", user_id=manager)
    (reply,) = harness.fake.calls_to("response_url")
    assert reply.params["response_type"] == "ephemeral"
    assert reply.params["text"] == t(locale, "coach.refused")
    assert stored_nothing(harness.db)


def test_the_bot_itself_mentioned_in_the_command_is_refused_like_anyone(harness: Harness) -> None:
    setup(harness)
    harness.command(f"coach <@{BOT_USER_ID}|balansebrett>")
    (reply,) = harness.fake.calls_to("response_url")
    assert reply.params["text"] == t("nb", "coach.refused")
    assert stored_nothing(harness.db)


# -- too much text ------------------------------------------------------------------------------------------


def test_an_observation_over_the_limit_is_refused_privately_and_one_at_the_limit_is_read(
    harness: Harness,
) -> None:
    setup(harness)
    long = "Kari er ny og usikker. " + "x" * OBSERVATION_MAX

    harness.command(f"coach <@U4|kari> {long}")

    (reply,) = harness.fake.calls_to("response_url")
    assert reply.params["response_type"] == "ephemeral"
    assert reply.params["text"] == t("nb", "coach.text_too_long", max=OBSERVATION_MAX)
    assert stored_nothing(harness.db)
    assert harness.fake.calls_to("chat.postMessage") == []

    exactly = ("Kari er ny og usikker " + "x" * OBSERVATION_MAX)[:OBSERVATION_MAX]
    harness.command(f"coach <@U4|kari> {exactly}")
    (confirm,) = questions(harness.fake)
    assert "confirm" in str(confirm.params["blocks"])


@pytest.mark.parametrize(("manager", "seller", "locale"), [("U2", "U6", "sv"), ("U3", "U7", "en")])
def test_a_long_dm_is_answered_in_the_dm_in_the_managers_language(
    harness: Harness, manager: str, seller: str, locale: str
) -> None:
    setup(harness)
    text = f"<@{seller}> " + "ord " * OBSERVATION_MAX
    harness.send(
        harness.requests.message_event(
            user_id=manager, text=text, channel_id=f"D{manager}", ts="1800000000.1"
        )
    )
    (reply,) = harness.fake.calls_to("chat.postMessage")
    assert reply.params["channel"] == f"D{manager}"
    assert reply.params["text"] == t(locale, "coach.text_too_long", max=OBSERVATION_MAX)
    assert stored_nothing(harness.db)
    assert parents(harness.fake, manager) == []


def test_a_forged_modal_with_too_much_text_shows_the_error_under_the_text(harness: Harness) -> None:
    setup(harness)
    harness.send(harness.requests.global_shortcut(user_id="U1", callback_id="coach_person"))
    view = harness.fake.calls_to("views.open")[-1].params["view"]
    (text_input,) = [b for b in view["blocks"] if b.get("block_id") == "coach_text"]
    assert text_input["element"]["max_length"] == OBSERVATION_MAX  # what Slack enforces in the client

    values = state_of(view, {"coach_person": "U4", "coach_text": "y" * (OBSERVATION_MAX + 1)})
    response = harness.send(
        harness.requests.view_submission(user_id="U1", callback_id=view["callback_id"], values=values)
    )

    assert errors_of(response) == {"coach_text": t("nb", "coach.text_too_long", max=OBSERVATION_MAX)}
    assert stored_nothing(harness.db)
    assert validate_everything(harness.fake) >= 1


# -- forged buttons ----------------------------------------------------------------------------------------

FORGED = [
    pytest.param("coach_answer_0", "99999999999:experience:new", id="answer, an id beyond any request"),
    pytest.param("coach_answer_0", "²:experience:new", id="answer, a digit int() refuses"),
    pytest.param("coach_follow_up_1", "99999999999", id="follow-up, an id beyond any request"),
    pytest.param("coach_follow_up_2", "²", id="follow-up, a digit int() refuses"),
    pytest.param("coach_follow_up_4", "1" * 5000, id="follow-up, five thousand digits"),
]


@pytest.mark.parametrize(("action_id", "value"), FORGED)
def test_a_forged_button_gets_a_private_not_found_and_changes_nothing(
    harness: Harness, action_id: str, value: str
) -> None:
    setup(harness)
    harness.command("coach <@U4|kari>")
    harness.fake.reset()

    harness.send(
        harness.requests.block_action(
            user_id="U1", action_id=action_id, value=value, block_id="coach_buttons", channel_id="DU1"
        )
    )

    (note,) = harness.fake.calls_to("chat.postEphemeral")
    assert note.params["user"] == "U1"
    assert note.params["text"] == t("nb", "coach.not_found")
    assert [c.method for c in harness.fake.calls] == ["chat.postEphemeral"]
    assert count(harness.db, CoachingRequest) == 1


@pytest.mark.parametrize("value", ["99999999999:20261123090000000000", "²:x", "1" * 5000])
def test_a_forged_delete_deletes_nothing_and_shows_the_list_again(harness: Harness, value: str) -> None:
    setup(harness)
    harness.command("coach <@U4|kari>")
    harness.fake.reset()

    harness.send(harness.requests.block_action(user_id="U1", action_id="coach_delete", value=value))

    assert count(harness.db, CoachingRequest) == 1
    (home,) = harness.fake.calls_to("views.publish")
    assert "<@U4>" in json.dumps(home.params["view"])
