"""A seller takes the survey in a DM thread, through the real Bolt app and the fake Slack."""

from __future__ import annotations

from sqlalchemy import func, select, update

from coaching.instrument import ITEMS_BY_ID
from storage.models import Answer, Prompt, SurveyRun
from survey_flows.wording import choice_label
from tests.support.harness import Harness, block_texts, button, buttons
from tests.support.resuming import notes, waiting
from tests.support.shown import t


def agree_4(item_id: str) -> int:
    """4 on every item, 2 on reverse-keyed ones: every axis scores 4.0 after reversing."""
    return 2 if ITEMS_BY_ID[item_id].reverse else 4


def answers(harness: Harness) -> list[tuple[str, int | None]]:
    with harness.db.session() as s:
        return list(s.execute(select(Answer.item_id, Answer.value).order_by(Answer.item_id)).all())


def test_slash_command_opens_a_dm_whose_intro_carries_the_first_question(harness: Harness) -> None:
    response = harness.command("survey", channel_id="C_GENERAL")

    assert response.status == 200
    [intro] = harness.fake.calls_to("chat.postMessage")  # one post: the intro asks the first question
    assert harness.fake.calls_to("conversations.open")[0].params["users"] == "U1"
    assert intro.params["channel"] == "DU1" and "thread_ts" not in intro.params
    assert "40" in block_texts(intro)
    assert t("nb", "intro.privacy") in block_texts(intro)
    assert t("nb", "intro.first_below") in block_texts(intro)
    assert "1/40" in block_texts(intro)
    assert ITEMS_BY_ID["q01"].text("nb") in block_texts(intro)
    assert [b["action_id"] for b in buttons(intro)] == [f"answer_{v}" for v in (1, 2, 3, 4, 5, 0)]
    reply = harness.fake.calls_to("response_url")[0].params
    assert reply["response_type"] == "ephemeral"


def test_the_first_answer_keeps_the_intro_and_the_next_question_starts_its_thread(harness: Harness) -> None:
    harness.command("survey")
    [intro] = harness.questions()

    harness.tap(button(intro, 4), intro)

    update = harness.fake.calls_to("chat.update")[-1]
    assert update.params["ts"] == harness.ts_of(intro)
    shown = block_texts(update)
    assert t("nb", "intro.privacy") in shown and "40" in shown  # the intro is still there
    assert t("nb", "question.chosen", choice=t("nb", "scale.4")) in shown
    assert button(update, 4).get("style") == "primary"
    second = harness.questions()[-1]
    assert "2/40" in block_texts(second)
    assert second.params["thread_ts"] == harness.ts_of(intro)


def test_whole_survey_stores_every_answer_and_shows_the_zone(harness: Harness) -> None:
    harness.command("undersøkelse")
    harness.answer_all(agree_4)

    stored = answers(harness)
    assert len(stored) == 40
    assert all(value == agree_4(item_id) for item_id, value in stored)
    questions = harness.questions("U1")
    assert len(questions) == 40
    assert "1/40" in block_texts(questions[0]) and "2/40" in block_texts(questions[1])
    result = harness.fake.calls_to("chat.postMessage")[-1]
    assert result.params["reply_broadcast"] is True
    text = block_texts(result)
    assert t("nb", "zone.performance.name") in text
    assert "4,0" in text
    parent_update = harness.fake.calls_to("chat.update")[-1]
    assert parent_update.params["ts"] == harness.ts_of(questions[0])  # the intro
    assert not buttons(parent_update)
    with harness.db.session() as s:
        run = s.scalars(select(SurveyRun)).one()
        assert run.finished_at is not None


def test_a_tap_edits_the_question_to_show_the_choice_and_posts_the_next(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]

    harness.tap(button(first, 4), first)

    update = harness.fake.calls_to("chat.update")[-1]
    assert update.params["ts"] == harness.ts_of(first)
    assert button(update, 4).get("style") == "primary"
    assert t("nb", "question.chosen", choice=t("nb", "scale.4")) in block_texts(update)
    assert "2/40" in block_texts(harness.questions()[-1])


def test_changing_an_answer_updates_the_row_and_posts_nothing_new(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.tap(button(first, 4), first)
    posted_before = len(harness.fake.calls_to("chat.postMessage"))

    harness.tap(button(first, 2), first)

    assert answers(harness) == [("q01", 2)]
    assert len(harness.fake.calls_to("chat.postMessage")) == posted_before
    assert button(harness.fake.calls_to("chat.update")[-1], 2).get("style") == "primary"


def test_dont_know_is_stored_as_missing(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    harness.tap(button(first, 0), first)
    assert answers(harness) == [("q01", None)]
    assert "2/40" in block_texts(harness.questions()[-1])


def test_a_double_tap_gives_one_answer_and_one_next_question(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]

    harness.tap(button(first, 5), first)
    harness.tap(button(first, 5), first)

    assert answers(harness) == [("q01", 5)]
    assert len(harness.questions()) == 2
    assert len(harness.fake.calls_to("chat.update")) == 1


def test_resume_after_restart_links_to_the_next_unanswered_question(harness: Harness) -> None:
    harness.command("survey")
    for _ in range(12):
        last = harness.questions()[-1]
        harness.tap(button(last, 3), last)
    question = harness.questions()[-1]
    assert "13/40" in block_texts(question)

    harness.restart()
    harness.fake.forget_calls()  # the DM still shows the thread
    harness.command("survey")

    assert harness.fake.calls_to("chat.postMessage") == []  # question 13 is there: no second copy
    assert notes(harness) == [waiting(harness, question, "full", 13, 40)]
    assert not harness.fake.calls_to("conversations.open")
    harness.tap(button(question, 4), question)
    assert len(answers(harness)) == 13
    assert "14/40" in block_texts(harness.questions()[-1])
    with harness.db.session() as s:
        assert s.scalar(select(func.count()).select_from(SurveyRun)) == 1
        assert s.scalar(select(Prompt.message_ts).where(Prompt.position == 13)) == harness.ts_of(question)


def test_pulse_asks_seven_questions_and_shows_a_result(harness: Harness) -> None:
    harness.command("puls")
    assert "1/7" in block_texts(harness.questions()[-1])

    harness.answer_all(agree_4)

    assert len(answers(harness)) == 7
    assert t("nb", "zone.performance.name") in block_texts(harness.fake.calls_to("chat.postMessage")[-1])
    harness.fake.reset()
    harness.command("pulse")
    ephemeral = harness.fake.calls_to("response_url")[-1]
    assert ephemeral.params["response_type"] == "ephemeral"
    assert t("nb", "run.already_done.pulse") in block_texts(ephemeral)
    assert not harness.fake.calls_to("chat.postMessage")


def test_a_tap_on_the_intro_before_its_start_recorded_it_still_brings_the_next_question(
    harness: Harness,
) -> None:
    """The intro with question 1 is on screen as soon as Slack has it; the start records it a moment later.
    A seller quicker than that (a busy bot) still gets question 2, in the intro's thread."""
    harness.command("survey")
    [intro] = harness.questions()
    with harness.db.session() as s:  # as it is while the start is still finishing
        run = s.scalars(select(SurveyRun)).one()
        run.thread_ts, run.channel_id = None, None
        s.execute(update(Prompt).values(message_ts=None))

    harness.tap(button(intro, 4), intro)

    second = harness.questions()[-1]
    assert "2/40" in block_texts(second)
    assert second.params["thread_ts"] == harness.ts_of(intro)
    update_call = harness.fake.calls_to("chat.update")[-1]
    assert update_call.params["ts"] == harness.ts_of(intro)
    assert t("nb", "intro.privacy") in block_texts(update_call)  # the intro kept, with the choice
    with harness.db.session() as s:
        assert s.scalars(select(SurveyRun)).one().thread_ts == harness.ts_of(intro)


def test_the_finished_intro_keeps_the_first_question_and_the_answer_given(harness: Harness) -> None:
    """When the pulse is done its intro loses its buttons, not its question: like the questions in the
    thread, it still shows what the seller answered."""
    harness.command("puls")
    [intro] = harness.questions()
    item = button(intro, 1)["value"].split(":")[1]
    question = ITEMS_BY_ID[item].text("nb")
    assert question in block_texts(intro)

    harness.answer_all(agree_4)

    done = [c for c in harness.fake.calls_to("chat.update") if c.params["ts"] == harness.ts_of(intro)][-1]
    shown = block_texts(done)
    assert t("nb", "intro.done") in shown
    assert "1/7" in shown and question in shown
    assert t("nb", "question.chosen", choice=choice_label("nb", agree_4(item))) in shown
    assert buttons(done) == []
