"""The coaching dialogue end to end: `/balanse coach @person` through the real Bolt app and the fake Slack,
question by question in a thread of the manager's DM, to the seed's advice."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from sqlalchemy import select

from coaching import advice_texts as texts
from coaching.advice import Situation, advise
from storage import advice_requests as storage_coaching
from storage.models import CoachingRequest
from survey_flows.advice_views import situation_of
from tests.support.coaching import (
    advice_posts,
    answer_dialogue,
    block,
    coach_buttons,
    count,
    field_of,
    parents,
    published_team,
    questions,
    setup_teams,
    tap,
    tap_more,
    validate_everything,
)
from tests.support.harness import Harness, block_texts
from tests.support.shown import t

# The seed's rows and assessment points: what the manager observes -> the balance (relation %) and the style
# (the seed's own where its style table has a row, ours otherwise).
SEED_ROWS: list[tuple[str, dict[str, str], int, str]] = [
    ("new and unsure", {"experience": "new", "confidence": "low"}, 70, "instructing"),
    ("competent and unmotivated", {"competence": "high", "will": "low"}, 65, "direct"),
    ("competent and self-driven", {"competence": "high", "will": "high"}, 50, "delegating"),
    (
        "experienced in the comfort zone",
        {"experience": "experienced", "comfort_zone": "yes"},
        30,
        "challenging",
    ),
    ("skill problem -> system leadership", {"competence": "low"}, 40, "guiding"),
    ("will problem -> relation leadership", {"will": "low"}, 65, "direct"),
    ("structure -> administration", {"structure": "failing"}, 50, "structuring"),
    (
        "energy and safety -> relation leadership",
        {"experience": "experienced", "confidence": "low"},
        70,
        "supportive",
    ),
]

STORED = {"yes": True, "no": False}


def situation(answers: Mapping[str, str]) -> Situation:
    return situation_of({name: STORED.get(value, value) for name, value in answers.items()})


def assert_advice(text: str, locale: str, answers: Mapping[str, str], relation: int, style: str) -> None:
    expected = advise(situation(answers))
    assert expected.relation_pct == relation and expected.style == style
    assert texts.BALANCE.get(locale).format(relation=relation, system=100 - relation) in text
    assert expected.style_label(locale) in text
    assert expected.example(locale) in text
    assert expected.reasoning(locale).split(". ")[0] in text
    for action in expected.actions(locale):
        assert action in text
    assert expected.standard_reminder(locale) in text


@pytest.mark.parametrize(("row", "answers", "relation", "style"), SEED_ROWS, ids=[r[0] for r in SEED_ROWS])
def test_every_seed_row_from_the_command_to_the_advice_in_nb(
    harness: Harness, row: str, answers: dict[str, str], relation: int, style: str
) -> None:
    setup_teams(harness.db, harness.clock())

    response = harness.command("coach <@U4|kari>", channel_id="C_GENERAL")

    assert response.status == 200
    (parent,) = parents(harness.fake)
    assert parent.params["channel"] == "DU1"
    assert "<@U4>" in block_texts(parent)
    assert t("nb", "coach.parent.privacy") in block_texts(parent)
    first = questions(harness.fake)[0]
    assert first.params["thread_ts"] == harness.ts_of(parent)
    assert field_of(first) == "experience"
    assert [b["text"]["text"] for b in coach_buttons(first)][-1] == t("nb", "scale.dont_know")
    note = harness.fake.calls_to("response_url")[0].params
    assert note["response_type"] == "ephemeral" and "<@U4>" in str(note["text"])

    advice = answer_dialogue(harness, answers)

    assert advice.params["thread_ts"] == harness.ts_of(parent)
    asked = [field_of(q) for q in questions(harness.fake)]
    assert asked == [
        "experience",
        "competence",
        "will",
        "structure",
        "confidence",
        "comfort_zone",
        "relation_when",
        "system_when",
    ]
    parent_done = harness.fake.calls_to("chat.update")[-1]
    assert parent_done.params["ts"] == harness.ts_of(parent)
    assert texts.BALANCE.get("nb").format(relation=relation, system=100 - relation) in block_texts(
        parent_done
    )
    with harness.db.session() as s:
        request = s.scalars(select(CoachingRequest)).one()
        assert request.step == "answered" and request.answered_at is not None
        assert situation_of(request.observations) == situation(answers)
    assert_advice(block_texts(tap_more(harness, advice)), "nb", answers, relation, style)
    assert validate_everything(harness.fake) > 10


@pytest.mark.parametrize(
    ("manager", "seller", "locale", "command"),
    [("U2", "U6", "sv", "råd <@U6|lisa>"), ("U3", "U7", "en", "coach <@U7|ola>")],
)
def test_the_dialogue_in_swedish_and_english(
    harness: Harness, manager: str, seller: str, locale: str, command: str
) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command(command, user_id=manager)

    answers = {"experience": "experienced", "comfort_zone": "yes"}
    advice = answer_dialogue(harness, answers, user_id=manager, full=True)

    text = block_texts(advice)
    assert_advice(text, locale, answers, 30, "challenging")
    assert t(locale, "coach.answer.follow_up") in text
    first = questions(harness.fake, manager)[0]
    assert t(locale, "coach.question.experience", person=f"<@{seller}>") in block_texts(first)
    assert validate_everything(harness.fake) > 10


def test_free_text_prefills_what_it_says_and_the_manager_confirms_in_one_tap(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())

    harness.command("coach <@U4|kari> Kari er ny og usikker")

    (confirm,) = questions(harness.fake)
    assert field_of(confirm) == "confirm"
    text = block_texts(confirm)
    assert t("nb", "coach.field.experience") + ": " + t("nb", "coach.choice.experience.new") in text
    assert t("nb", "coach.choice.confidence.low") in text
    assert [b["text"]["text"] for b in coach_buttons(confirm)] == [
        t("nb", "coach.confirm.yes"),
        t("nb", "coach.confirm.change"),
    ]

    tap(harness, confirm, "yes")

    update = harness.fake.calls_to("chat.update")[-1]
    assert update.params["ts"] == harness.ts_of(confirm)
    assert not coach_buttons(update)  # a confirmation is taken once
    assert t("nb", "coach.confirm.chosen", choice=t("nb", "coach.confirm.yes")) in block_texts(update)
    advice = answer_dialogue(harness, {})
    assert [field_of(q) for q in questions(harness.fake)[1:]] == [
        "competence",
        "will",
        "structure",
        "comfort_zone",
        "relation_when",
        "system_when",
    ]
    assert "70\u00a0% relasjon · 30\u00a0% system" in block_texts(advice)
    full = tap_more(harness, advice)
    assert "instruerende" in block_texts(full)
    assert "La meg vise deg dette. Vi følger opp ukentlig." in block_texts(full)


def test_changing_the_prefilled_observations_asks_every_question(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("råd <@U4|kari> Kari er ny og usikker")
    tap(harness, questions(harness.fake)[0], "change")

    advice = answer_dialogue(harness, {"experience": "experienced", "comfort_zone": "yes"})

    assert [field_of(q) for q in questions(harness.fake)[1:]] == [
        "experience",
        "competence",
        "will",
        "structure",
        "confidence",
        "comfort_zone",
        "relation_when",
        "system_when",
    ]
    assert "30\u00a0% relasjon · 70\u00a0% system" in block_texts(advice)


def test_conflicting_observations_say_what_to_take_first_and_warn(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")

    advice = block_texts(answer_dialogue(harness, {"competence": "low", "will": "low"}, full=True))

    expected = advise(Situation(competence="low", will="low"))
    assert expected.conflicting
    for warning in expected.warnings("nb"):
        assert f":warning: {warning}" in advice
    assert "Start med ferdighetsproblemet, deretter viljeproblemet." in advice
    assert "Feil diagnose = feil balanse = forsterket problem." in advice


def test_a_single_diagnosis_shows_no_conflict_warning(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    advice = block_texts(answer_dialogue(harness, {"experience": "new", "confidence": "low"}))
    assert ":warning:" not in advice


def test_the_team_zone_and_its_lever_show_when_the_latest_summary_was_published(harness: Harness) -> None:
    _team, sellers = published_team(harness.db, answered=6, safety=4, standard=2)  # the comfort zone
    harness.command(f"coach <@{sellers[0]}|s1>")

    advice = block_texts(answer_dialogue(harness, {"competence": "high", "will": "high"}, full=True))

    assert texts.TEAM_LEVERS["more_system"].get("nb") in advice
    assert t("nb", "coach.answer.team_note", week="48") in advice
    assert texts.BALANCE.get("nb").format(relation=50, system=50) in advice  # the person's own balance stays


def test_a_suppressed_summary_shows_no_zone_at_all(harness: Harness) -> None:
    _team, sellers = published_team(harness.db, answered=3, safety=4, standard=2)  # below the minimum of 5
    harness.command(f"coach <@{sellers[0]}|s1>")

    advice = block_texts(answer_dialogue(harness, {"competence": "high", "will": "high"}, full=True))

    for lever in texts.TEAM_LEVERS.values():
        assert lever.get("nb") not in advice
    assert t("nb", "coach.answer.team_note", week="48") not in advice
    assert t("nb", "coach.answer.basis", person=f"<@{sellers[0]}>") in advice


def test_without_any_published_summary_there_is_no_zone(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    advice = block_texts(answer_dialogue(harness, {"will": "low"}, full=True))
    assert t("nb", "coach.answer.team", lever="").split(":")[0] not in advice  # no team section
    assert t("nb", "coach.answer.basis", person="<@U4>") in advice


def test_a_double_tap_records_once_and_posts_one_next_question(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    first = questions(harness.fake)[0]

    tap(harness, first, "new")
    tap(harness, first, "new")

    assert len(questions(harness.fake)) == 2
    assert len(harness.fake.calls_to("chat.update")) == 1
    update = harness.fake.calls_to("chat.update")[0]
    assert t("nb", "coach.chosen", choice=t("nb", "coach.choice.experience.new")) in block_texts(update)
    assert [b.get("style") for b in coach_buttons(update)] == ["primary", None, None]


def test_changing_an_answer_edits_the_question_and_posts_nothing_new(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    first = questions(harness.fake)[0]
    tap(harness, first, "new")

    tap(harness, first, "experienced")

    assert len(questions(harness.fake)) == 2
    update = harness.fake.calls_to("chat.update")[-1]
    assert t("nb", "coach.choice.experience.experienced") in block_texts(update)
    with harness.db.session() as s:
        assert s.scalars(select(CoachingRequest)).one().observations == {"experience": "experienced"}


def test_a_tap_after_the_advice_explains_and_changes_nothing(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    answer_dialogue(harness, {"will": "low"})
    posted = len(harness.fake.calls_to("chat.postMessage"))

    tap(harness, questions(harness.fake)[0], "experienced")

    (ephemeral,) = harness.fake.calls_to("chat.postEphemeral")
    assert ephemeral.params["text"] == t("nb", "coach.already_answered")
    assert len(harness.fake.calls_to("chat.postMessage")) == posted
    with harness.db.session() as s:
        assert "experience" in s.scalars(select(CoachingRequest)).one().observations
        assert s.scalars(select(CoachingRequest)).one().observations["experience"] is None


def test_someone_elses_buttons_change_nothing(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")

    tap(harness, questions(harness.fake)[0], "new", user_id="U2")

    (ephemeral,) = harness.fake.calls_to("chat.postEphemeral")
    assert ephemeral.params["user"] == "U2"
    assert ephemeral.params["text"] == t("sv", "coach.not_found")
    with harness.db.session() as s:
        assert s.scalars(select(CoachingRequest)).one().observations == {}


def test_asking_again_resumes_the_open_dialogue_in_its_thread_also_after_a_restart(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    tap(harness, questions(harness.fake)[0], "new")
    parent = parents(harness.fake)[0]

    waiting = questions(harness.fake)[-1]
    assert field_of(waiting) == "competence" and waiting.params["thread_ts"] == harness.ts_of(parent)

    harness.restart()
    harness.command("coach <@U4|kari>")
    harness.command("coach <@U4|kari>")  # asking twice posts no copy either

    assert count(harness.db, CoachingRequest) == 1
    assert questions(harness.fake)[-1] is waiting  # no second copy of the open question
    link = f"https://test.slack.com/archives/DU1/p{harness.ts_of(waiting).replace('.', '')}"
    reply = harness.fake.calls_to("response_url")[-1].params["text"]
    assert reply == t("nb", "coach.resumed_link", person="<@U4>", url=link)
    advice = answer_dialogue(harness, {"competence": "low"})
    assert "40\u00a0% relasjon · 60\u00a0% system" in block_texts(advice)


def test_new_observations_start_a_new_dialogue_in_place_of_the_unfinished_one(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    harness.command("coach <@U4|kari> Kari kan, men gidder ikke")

    assert count(harness.db, CoachingRequest) == 1
    assert len(parents(harness.fake)) == 2
    assert field_of(questions(harness.fake)[-1]) == "confirm"
    tap(harness, questions(harness.fake)[0], "new")  # the first dialogue's buttons are gone with it
    assert harness.fake.calls_to("chat.postEphemeral")[-1].params["text"] == t("nb", "coach.not_found")


def test_the_command_without_a_mention_opens_the_modal(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("råd")
    (opened,) = harness.fake.calls_to("views.open")
    assert opened.params["view"]["callback_id"] == "coach_person_modal"
    assert count(harness.db, CoachingRequest) == 0


def test_help_mentions_the_coaching_command_to_a_manager(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("hjelp")
    assert t("nb", "help.coach") in str(harness.fake.calls_to("response_url")[-1].params)


def _advice_blocks(call: Any) -> list[dict[str, Any]]:
    return list(call.params["blocks"])


def test_the_answer_has_follow_up_and_another_person_buttons(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    advice = answer_dialogue(harness, {"will": "low"})
    buttons = block(advice, "coach_follow_up")
    assert buttons is not None
    assert [b["action_id"] for b in buttons["elements"]] == [
        "coach_follow_up_1",
        "coach_follow_up_2",
        "coach_follow_up_4",
        "coach_another",
    ]
    assert advice_posts(harness.fake) == [advice]


def test_a_resume_posts_the_open_question_again_only_when_its_copy_is_gone(harness: Harness) -> None:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    first = questions(harness.fake)[-1]
    harness.fake.messages.delete(first.response["channel"], harness.ts_of(first))  # e.g. a retention policy

    harness.command("coach <@U4|kari>")
    harness.command("coach <@U4|kari>")

    again = questions(harness.fake)[-1]
    assert field_of(again) == field_of(first) and again is not first
    assert len(questions(harness.fake)) == 2  # posted again once, then pointed to
    link = f"https://test.slack.com/archives/DU1/p{harness.ts_of(again).replace('.', '')}"
    assert harness.fake.calls_to("response_url")[-1].params["text"] == t(
        "nb", "coach.resumed_link", person="<@U4>", url=link
    )


def _two_copies(harness: Harness) -> tuple[Any, Any]:
    """The open coaching question twice in its thread (as resumes once posted); the newer is the stored one."""
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    older = questions(harness.fake)[-1]
    newer_ts = harness.app.client.chat_postMessage(**older.params)["ts"]
    with harness.db.session() as s:
        request_id = s.scalars(select(CoachingRequest.id)).one()
        storage_coaching.set_question(s, request_id, field_of(older), newer_ts)
    return older, harness.fake.calls_to("chat.postMessage")[-1]


def _shows(harness: Harness, call: Any, text: str) -> bool:
    return text in str(harness.shown_blocks(call))


def test_a_tap_on_an_older_copy_of_a_coaching_question_marks_both_copies(harness: Harness) -> None:
    older, newer = _two_copies(harness)
    chosen = t("nb", "coach.chosen", choice=t("nb", "scale.dont_know"))

    tap(harness, older, "dont_know")

    assert _shows(harness, older, chosen) and _shows(harness, newer, chosen)
    assert len(questions(harness.fake)) == 3  # the two copies and the next question, once


def test_an_older_copy_left_open_is_marked_when_tapped_after_the_answer(harness: Harness) -> None:
    older, newer = _two_copies(harness)
    chosen = t("nb", "coach.chosen", choice=t("nb", "scale.dont_know"))
    tap(harness, newer, "dont_know")
    assert not _shows(harness, older, chosen)  # answered on the newer copy; the older still looks open
    asked, edits = len(questions(harness.fake)), len(harness.fake.calls_to("chat.update"))

    tap(harness, older, "dont_know")
    tap(harness, older, "dont_know")  # marked now: nothing more happens

    assert _shows(harness, older, chosen)
    assert len(questions(harness.fake)) == asked  # nothing asked twice
    assert len(harness.fake.calls_to("chat.update")) == edits + 1
