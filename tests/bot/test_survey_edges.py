"""What goes wrong in real life: typed answers, retries, foreign and stale taps, outages, bad requests."""

from __future__ import annotations

from sqlalchemy import select

from coaching.i18n import t
from storage.db import make_engine
from storage.models import Answer
from tests.support.harness import Harness, block_texts, button


def stored(harness: Harness) -> list[tuple[str, int | None]]:
    with harness.db.session() as s:
        return list(s.execute(select(Answer.item_id, Answer.value).order_by(Answer.item_id)).all())


def start(harness: Harness, user_id: str = "U1") -> tuple[str, str]:
    """Start the survey; returns the DM channel and the thread ts."""
    harness.command("survey", user_id=user_id)
    first = harness.questions(user_id)[-1]
    return first.response["channel"], harness.thread_of(first)


def typed(harness: Harness, text: str, thread_ts: str, ts: str, **kwargs) -> None:
    harness.send(
        harness.requests.message_event(
            user_id=kwargs.pop("user_id", "U1"),
            text=text,
            channel_id="DU1",
            ts=ts,
            thread_ts=thread_ts,
            **kwargs,
        )
    )


def test_typing_a_number_in_the_thread_answers_the_open_question(harness: Harness) -> None:
    _, thread_ts = start(harness)
    first = harness.questions()[-1]

    typed(harness, " 3 ", thread_ts, ts="1800000000.000001")

    assert stored(harness) == [("q01", 3)]
    assert harness.fake.calls_to("chat.update")[-1].params["ts"] == harness.ts_of(first)
    assert "2/40" in block_texts(harness.questions()[-1])


def test_typing_something_else_gets_a_private_hint_and_stores_nothing(harness: Harness) -> None:
    _, thread_ts = start(harness)
    posted = len(harness.fake.calls_to("chat.postMessage"))

    typed(harness, "hmm, kanskje 7?", thread_ts, ts="1800000000.000002")

    assert stored(harness) == []
    hint = harness.fake.calls_to("chat.postEphemeral")[-1]
    assert hint.params["user"] == "U1"
    assert harness.thread_of(hint) == thread_ts
    assert t("nb", "answer.typed_hint") in block_texts(hint)
    assert len(harness.fake.calls_to("chat.postMessage")) == posted


def test_a_retried_message_event_is_acted_on_once(harness: Harness) -> None:
    _, thread_ts = start(harness)
    event = harness.requests.message_event(
        user_id="U1", text="4", channel_id="DU1", ts="1800000000.000003", thread_ts=thread_ts, event_id="Ev1"
    )
    retry = harness.requests.message_event(
        user_id="U1",
        text="4",
        channel_id="DU1",
        ts="1800000000.000003",
        thread_ts=thread_ts,
        event_id="Ev1",
        retry_num=1,
    )

    harness.send(event)
    harness.send(retry)

    assert stored(harness) == [("q01", 4)]
    assert len(harness.questions()) == 2


def test_someone_elses_button_changes_nothing_and_says_so_privately(harness: Harness) -> None:
    start(harness)
    first = harness.questions()[-1]

    harness.tap(button(first, 5), first, user_id="U2")

    assert stored(harness) == []
    note = harness.fake.calls_to("chat.postEphemeral")[-1]
    assert note.params["user"] == "U2"
    assert t("sv", "answer.foreign") in block_texts(note)


def test_a_button_of_a_finished_run_changes_nothing(harness: Harness) -> None:
    start(harness)
    first = harness.questions()[-1]
    harness.answer_all(lambda item_id: 3)

    harness.tap(button(first, 1), first)

    assert ("q01", 3) in stored(harness)
    assert t("nb", "answer.run_finished") in block_texts(harness.fake.calls_to("chat.postEphemeral")[-1])


def test_each_locale_gets_its_own_language(harness: Harness) -> None:
    for user_id, locale, word in (("U2", "sv", "undersökning"), ("U3", "en", "survey")):
        harness.command(word, user_id=user_id)
        question = harness.questions(user_id)[-1]
        assert t(locale, "scale.5") in block_texts(question)
        from coaching.instrument import ITEMS_BY_ID

        assert ITEMS_BY_ID["q01"].text(locale) in block_texts(question)


def test_the_database_being_down_is_reported_and_nothing_is_half_written(harness: Harness) -> None:
    start(harness)
    first = harness.questions()[-1]
    real_engine = harness.db.engine
    harness.db.engine = make_engine(
        "postgresql://postgres@127.0.0.1:9/unreachable", connect_args={"connect_timeout": 1}
    )
    try:
        harness.tap(button(first, 4), first)
    finally:
        harness.db.engine.dispose()
        harness.db.engine = real_engine

    error = harness.fake.calls_to("response_url")[-1]
    assert error.params["response_type"] == "ephemeral"
    assert t("nb", "error.storage") in error.params["text"]
    assert stored(harness) == []
    harness.tap(button(first, 4), first)
    assert stored(harness) == [("q01", 4)]
    assert "2/40" in block_texts(harness.questions()[-1])


def test_slack_rate_limiting_mid_survey_is_waited_out(harness: Harness) -> None:
    start(harness)
    first = harness.questions()[-1]
    harness.fake.fail_next("chat.postMessage", status=429, retry_after=1)

    harness.tap(button(first, 4), first)

    assert stored(harness) == [("q01", 4)]
    statuses = [c.status for c in harness.fake.calls_to("chat.postMessage")[-2:]]
    assert statuses == [429, 200]
    assert len(harness.questions()) == 2


def test_wrongly_signed_and_stale_requests_are_rejected(harness: Harness) -> None:
    good = harness.requests.slash_command("survey", user_id="U1")
    assert harness.send(harness.requests.with_bad_signature(good)).status == 401
    assert (
        harness.send(harness.requests.stale(harness.requests.slash_command("survey", user_id="U1"))).status
        == 401
    )
    assert not harness.fake.calls_to("chat.postMessage")
    assert stored(harness) == []


def test_help_and_unknown_subcommands_answer_privately(harness: Harness) -> None:
    harness.command("hjelp")
    help_reply = harness.fake.calls_to("response_url")[-1]
    assert help_reply.params["response_type"] == "ephemeral"
    assert t("nb", "help.body", items=40, minutes=8, pulse_items=7) in block_texts(help_reply)

    harness.command("<!channel> dans", user_id="U3")
    unknown = harness.fake.calls_to("response_url")[-1]
    text = block_texts(unknown)
    assert t("en", "help.body", items=40, minutes=8, pulse_items=7) in text
    assert "&lt;!channel&gt;" in text
    assert "<!channel>" not in text


def test_a_question_lost_to_a_slack_outage_is_posted_on_the_next_try(harness: Harness) -> None:
    start(harness)
    first = harness.questions()[-1]
    harness.fake.fail_next("chat.postMessage", status=500, times=3)

    harness.tap(button(first, 4), first)

    assert stored(harness) == [("q01", 4)]
    assert len(harness.questions()) == 1
    assert t("nb", "error.slack.survey") in harness.fake.calls_to("response_url")[-1].params["text"]

    harness.clock.advance(seconds=20)
    harness.tap(button(first, 4), first)

    assert stored(harness) == [("q01", 4)]
    assert len(harness.questions()) == 2
    assert "2/40" in block_texts(harness.questions()[-1])


def test_a_button_naming_a_run_beyond_any_database_key_is_not_found(harness: Harness) -> None:
    start(harness)

    for run_id in ("2147483648", "99999999999"):  # past PostgreSQL's INTEGER: only a forged value says so
        harness.send(
            harness.requests.block_action(
                user_id="U1", action_id="answer_4", value=f"{run_id}:q01:4", channel_id="DU1"
            )
        )

    assert stored(harness) == []
    notes = [c.params["text"] for c in harness.fake.calls_to("chat.postEphemeral")]
    assert notes == [t("nb", "answer.not_found")] * 2  # as for any run that is gone; no generic error
