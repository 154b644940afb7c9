"""Who may see or change what, for every command and action there is, through the real app.

The cast (tests.support.coaching.setup_teams): Team Nord in #CNORD with manager U1 and sellers U4 (whose
survey and whose coaching are at stake) and U5; Team Sør's manager U2 (Swedish); U8, in no team. U4 has
started this month's survey; U1 has started a coaching dialogue about U4.

| what                                     | owner          | allowed      | everyone else                   |
|------------------------------------------|----------------|--------------|---------------------------------|
| an answer button of a survey run         | the seller U4  | U4           | private "not yours", no change  |
| a typed answer in the run's thread       | the seller U4  | U4           | ignored, no change              |
| App Home "continue" of a run             | the seller U4  | U4           | nothing posted to U4's DM       |
| App Home shows an open run               | the seller U4  | U4           | never shown to anyone else      |
| `/balanse setup` in a team's channel     | its manager U1 | U1           | private refusal, no form        |
| submitting the team form (even forged)   | its manager U1 | U1           | error in the form, no change    |
| a coaching dialogue's answer button      | the manager U1 | U1           | private "not found", no change  |
| deleting a coaching request              | the manager U1 | U1           | nothing deleted                 |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.models import Answer, CoachingRequest, Team
from tests.faults.conftest import tap_request
from tests.support import coaching as coach
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts, button
from tests.support.modals import errors_of, state_of
from tests.support.resuming import waiting
from tests.support.shown import t

LOCALE = {"U1": "nb", "U2": "sv", "U4": "nb", "U5": "nb", "U8": "nb"}
OTHERS = [
    pytest.param("U5", id="seller of the same team"),
    pytest.param("U1", id="manager of this team"),
    pytest.param("U2", id="manager of another team"),
    pytest.param("U8", id="non-member"),
]


@dataclass
class World:
    harness: Harness
    question: Call
    """U4's first survey question."""
    run_id: int
    coach_question: Call
    """The first question of U1's coaching dialogue about U4."""


@pytest.fixture
def world(harness: Harness) -> World:
    coach.setup_teams(harness.db, harness.clock())
    for user_id in ("U4", "U5", "U8"):
        harness.fake.add_user(user_id)
    harness.fake.set_members("CNORD", ["U1", "U4", "U5", "UBOT"])
    harness.command("survey", user_id="U4")
    question = harness.questions("U4")[-1]
    harness.command("coach <@U4|kari>", user_id="U1")
    run_id = int(button(question, 1)["value"].split(":")[0])
    world = World(harness, question, run_id, coach.questions(harness.fake, "U1")[-1])
    harness.fake.forget_calls()  # the DMs still show what was posted
    return world


def count(harness: Harness, model: type) -> int:
    with harness.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def sent_to(harness: Harness, channel: str) -> list[Call]:
    """Messages posted or edited in a channel (the owner's DM)."""
    return [
        c
        for c in harness.fake.calls
        if c.method in ("chat.postMessage", "chat.update")
        and (c.params.get("channel") == channel or c.response.get("channel") == channel)
    ]


def note_to(harness: Harness, user_id: str) -> str:
    (note,) = [c for c in harness.fake.calls_to("chat.postEphemeral") if c.params["user"] == user_id]
    return block_texts(note)


# -- the seller's survey ---------------------------------------------------------------------------------


def test_the_seller_answers_their_own_survey(world: World) -> None:
    world.harness.send(tap_request(world.harness, world.question, 4, "U4"))
    assert count(world.harness, Answer) == 1
    assert len(world.harness.questions("U4")) == 1  # question 2, after the reset


@pytest.mark.parametrize("actor", OTHERS)
def test_nobody_else_answers_a_sellers_survey(world: World, actor: str) -> None:
    world.harness.send(tap_request(world.harness, world.question, 1, actor))

    assert count(world.harness, Answer) == 0
    assert sent_to(world.harness, "DU4") == []
    assert t(LOCALE[actor], "answer.foreign") in note_to(world.harness, actor)


@pytest.mark.parametrize(("actor", "stored"), [("U4", 1), ("U1", 0), ("U8", 0)])
def test_only_the_seller_answers_by_typing_in_the_thread(world: World, actor: str, stored: int) -> None:
    world.harness.send(
        world.harness.requests.message_event(
            user_id=actor,
            text="3",
            channel_id="DU4",
            ts="1800000000.000001",
            thread_ts=world.harness.thread_of(world.question),
        )
    )
    assert count(world.harness, Answer) == stored
    if not stored:
        assert world.harness.fake.calls_to("chat.postMessage") == []
        assert world.harness.fake.calls_to("chat.postEphemeral") == []


def continue_run(world: World, actor: str) -> None:
    world.harness.send(
        world.harness.requests.block_action(user_id=actor, action_id="continue_run", value=str(world.run_id))
    )


def test_the_seller_continues_their_run_from_app_home(world: World) -> None:
    continue_run(world, "U4")

    assert sent_to(world.harness, "DU4") == []  # the open question is there; no second copy
    (published,) = world.harness.fake.calls_to("views.publish")
    assert published.params["user_id"] == "U4"
    assert waiting(world.harness, world.question, "full", 1, 40) in block_texts(published)


@pytest.mark.parametrize("actor", OTHERS)
def test_nobody_else_continues_a_sellers_run(world: World, actor: str) -> None:
    continue_run(world, actor)

    assert sent_to(world.harness, "DU4") == []
    assert world.harness.fake.calls_to("chat.getPermalink") == []  # not even a link to it
    (published,) = world.harness.fake.calls_to("views.publish")
    assert published.params["user_id"] == actor
    assert "continue_run" not in str(published.params["view"])  # not U4's run, and the actor has none
    assert t(LOCALE[actor], "home.unknown_button") in block_texts(published)


@pytest.mark.parametrize("actor", OTHERS)
def test_app_home_never_shows_someone_elses_run(world: World, actor: str) -> None:
    world.harness.send(world.harness.requests.app_home_opened(user_id=actor))

    (published,) = world.harness.fake.calls_to("views.publish")
    assert published.params["user_id"] == actor
    view = str(published.params["view"])
    assert "continue_run" not in view
    assert t(LOCALE[actor], "home.no_open_run") in view


# -- the team's settings ---------------------------------------------------------------------------------


def setup_command(world: World, actor: str) -> None:
    world.harness.command("setup", user_id=actor, channel_id="CNORD")


def test_the_manager_opens_the_team_form(world: World) -> None:
    setup_command(world, "U1")
    assert len(world.harness.fake.calls_to("views.open")) == 1


@pytest.mark.parametrize("actor", [*OTHERS[:1], pytest.param("U4", id="the seller"), *OTHERS[2:]])
def test_nobody_else_opens_the_team_form(world: World, actor: str) -> None:
    setup_command(world, actor)

    assert world.harness.fake.calls_to("views.open") == []
    (refusal,) = world.harness.fake.calls_to("response_url")
    assert refusal.params["response_type"] == "ephemeral"
    assert refusal.params["text"] == t(LOCALE[actor], "setup.refused", name="Team Nord", managers="<@U1>")


def submit_team_form(world: World, actor: str) -> Any:
    setup_command(world, "U1")
    view = world.harness.fake.calls_to("views.open")[-1].params["view"]
    return world.harness.send(
        world.harness.requests.view_submission(
            user_id=actor,
            callback_id=view["callback_id"],
            values=state_of(view, {"setup_name": "Kupp", "setup_managers": [actor]}),
            private_metadata="CNORD",
        )
    )


def team_name(world: World) -> str:
    with world.harness.db.session() as s:
        return str(s.scalars(select(Team.name).where(Team.channel_id == "CNORD")).one())


def test_the_manager_changes_the_team(world: World) -> None:
    submit_team_form(world, "U1")
    assert team_name(world) == "Kupp"


@pytest.mark.parametrize("actor", [pytest.param("U4", id="the seller"), *OTHERS[2:]])
def test_nobody_else_changes_the_team_even_with_a_forged_form(world: World, actor: str) -> None:
    response = submit_team_form(world, actor)

    assert errors_of(response) == {"setup_managers": t(LOCALE[actor], "setup.error.forbidden")}
    assert team_name(world) == "Team Nord"


# -- the manager's coaching dialogue ---------------------------------------------------------------------


def observations(world: World) -> list[dict]:
    with world.harness.db.session() as s:
        return [r.observations for r in s.scalars(select(CoachingRequest)).all()]


def test_the_manager_answers_their_own_dialogue(world: World) -> None:
    coach.tap(
        world.harness,
        world.coach_question,
        coach.coach_buttons(world.coach_question)[0]["value"].split(":")[2],
    )
    assert observations(world) != [{}]


@pytest.mark.parametrize(
    "actor",
    [
        pytest.param("U4", id="the seller it is about"),
        *OTHERS[2:],
        pytest.param("U5", id="seller of the team"),
    ],
)
def test_nobody_else_answers_or_deletes_a_managers_dialogue(world: World, actor: str) -> None:
    choice = coach.coach_buttons(world.coach_question)[0]["value"].split(":")[2]
    coach.tap(world.harness, world.coach_question, choice, user_id=actor)
    (request_id,) = [r.id for r in _requests(world)]
    world.harness.send(
        world.harness.requests.block_action(user_id=actor, action_id="coach_delete", value=str(request_id))
    )

    assert observations(world) == [{}]
    assert sent_to(world.harness, "DU1") == []
    assert t(LOCALE[actor], "coach.not_found") in note_to(world.harness, actor)


def _requests(world: World) -> list[CoachingRequest]:
    with world.harness.db.session() as s:
        return list(s.scalars(select(CoachingRequest)).all())


@pytest.mark.parametrize(
    "actor",
    [
        pytest.param("U4", id="the seller it is about"),
        *OTHERS[2:],
        pytest.param("U5", id="seller of the team"),
    ],
)
def test_nobody_else_opens_the_rest_of_a_managers_advice(world: World, actor: str) -> None:
    coach.tap(world.harness, world.coach_question, "dont_know")  # the fixture forgot the post of question one
    advice = coach.answer_dialogue(world.harness, {"will": "low"})
    full = coach.tap_more(world.harness, advice)  # the manager's own tap edits the advice
    assert t("nb", "coach.answer.basis", person="<@U4>") in block_texts(full)
    world.harness.fake.forget_calls()
    (request_id,) = [r.id for r in _requests(world)]

    world.harness.send(
        world.harness.requests.block_action(
            user_id=actor,
            action_id="coach_more",
            value=str(request_id),
            block_id="coach_more",
            channel_id=f"D{actor}",  # a forged tap from the actor's own DM
            message_ts="1700000000.999999",
        )
    )

    assert sent_to(world.harness, "DU1") == []
    assert t(LOCALE[actor], "coach.not_found") in note_to(world.harness, actor)
    assert "<@U4>" not in note_to(world.harness, actor)
