"""Follow-up reminders of a coaching plan: persisted when tapped, sent once when due (also after a restart
and with the job run twice), through the real runtime, the real WebClient and the fake Slack."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.runtime import Runtime, build_runtime
from coaching.advice import Situation, advise
from scheduling.leadership import Leadership
from scheduling.scheduler import make_scheduler
from storage.models import FollowUp
from tests.faults.conftest import fast_retries
from tests.support.coaching import (
    answer_dialogue,
    count,
    parents,
    questions,
    setup_teams,
    tap_message_button,
    validate_everything,
)
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts
from tests.support.shown import t

DUE = datetime(
    2026, 12, 7, 8, 0, tzinfo=UTC
)  # Monday 7 December, 09:00 in Oslo: two weeks after Monday 23.11


def runtime_for(harness: Harness) -> Runtime:
    built = build_runtime(
        harness.settings,
        harness.db,
        clock=harness.clock,
        listener_executor=harness.executor,
        pace=lambda: None,
        scheduler=make_scheduler(),
        leadership=Leadership(harness.db, harness.clock, holder=f"test-{id(harness.db)}"),
    )
    harness.app = built.app
    return built


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    built = runtime_for(harness)
    harness.fake.reset()
    yield built
    built.scheduler.shutdown()


def reminders(harness: Harness) -> list[Call]:
    title = t("nb", "coach.reminder.title", person="<@U4>")
    return [
        c
        for c in harness.fake.calls_to("chat.postMessage")
        if c.params.get("text") == title and c.response["ok"]
    ]


def advised(harness: Harness) -> Call:
    setup_teams(harness.db, harness.clock())
    harness.command("coach <@U4|kari>")
    return answer_dialogue(harness, {"competence": "low", "will": "low"})


def follow_ups(harness: Harness) -> list[FollowUp]:
    with harness.db.session() as s:
        return list(s.scalars(select(FollowUp)).all())


def test_two_weeks_stores_one_reminder_at_nine_on_a_weekday_and_confirms_in_the_thread(
    harness: Harness, runtime: Runtime
) -> None:
    advice = advised(harness)

    tap_message_button(harness, advice, "coach_follow_up_2")
    tap_message_button(harness, advice, "coach_follow_up_2")  # a double tap

    (stored,) = follow_ups(harness)
    assert stored.due_at == DUE and stored.sent_at is None
    confirmations = [
        c for c in harness.fake.calls_to("chat.postMessage") if ":alarm_clock:" in str(c.params.get("text"))
    ]
    assert len(confirmations) == 1
    assert confirmations[0].params["thread_ts"] == advice.params["thread_ts"]
    assert "mandag 7.12.2026 kl. 09.00" in confirmations[0].params["text"]

    tap_message_button(harness, advice, "coach_follow_up_4")  # changed my mind: the one reminder moves
    (moved,) = follow_ups(harness)
    assert moved.due_at == datetime(2026, 12, 21, 8, 0, tzinfo=UTC)


def test_the_due_reminder_is_sent_once_also_when_run_twice_and_after_a_restart(
    harness: Harness, runtime: Runtime
) -> None:
    advice = advised(harness)
    tap_message_button(harness, advice, "coach_follow_up_2")

    harness.clock.now = DUE.replace(hour=7)  # not due yet
    assert runtime.follow_ups is not None
    runtime.follow_ups.send_due()
    assert reminders(harness) == []

    harness.clock.now = DUE
    runtime.follow_ups.send_due()
    runtime.follow_ups.send_due()
    harness.restart()
    again = runtime_for(harness)
    assert again.follow_ups is not None
    again.follow_ups.send_due()
    again.scheduler.shutdown()

    (reminder,) = reminders(harness)
    assert reminder.params["channel"] == "DU1"
    text = block_texts(reminder)
    for step in advise(Situation(competence="low", will="low")).follow_up_plan("nb"):
        assert step in text
    parent_ts = harness.ts_of(parents(harness.fake)[0])
    (permalink,) = harness.fake.calls_to("chat.getPermalink")
    assert permalink.params["message_ts"] == parent_ts
    assert parent_ts.replace(".", "") in text  # the link back to the thread
    (stored,) = follow_ups(harness)
    assert stored.sent_at == DUE
    assert validate_everything(harness.fake) > 10


def test_the_scheduler_job_sends_only_on_the_leader(harness: Harness, runtime: Runtime) -> None:
    advice = advised(harness)
    tap_message_button(harness, advice, "coach_follow_up_1")
    harness.clock.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

    runtime.scheduler.run_follow_ups()  # no lease yet: not the leader
    assert reminders(harness) == []

    assert runtime.scheduler.tick()
    runtime.scheduler.run_follow_ups()
    runtime.scheduler.run_follow_ups()
    assert len(reminders(harness)) == 1


def test_a_failed_send_is_tried_again_and_a_deleted_request_is_never_reminded(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    advice = advised(harness)
    tap_message_button(harness, advice, "coach_follow_up_1")
    harness.clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # due at 08:00
    # Slack fails each of the three posts (bot/posting.py looks for the earlier one between them).
    harness.fake.fail_next("chat.postMessage", status=200, error="fatal_error", times=3)
    assert runtime.follow_ups is not None

    report = runtime.follow_ups.send_due()

    assert report.failed and reminders(harness) == []
    assert follow_ups(harness)[0].sent_at is None
    runtime.follow_ups.send_due()
    assert len(reminders(harness)) == 1

    tap_message_button(harness, advice, "coach_follow_up_4")  # set up again after it was sent
    with harness.db.session() as s:
        s.delete(s.scalars(select(FollowUp)).one())
    harness.clock.now = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    runtime.follow_ups.send_due()
    assert len(reminders(harness)) == 1


def test_assess_again_from_the_reminder_starts_a_new_dialogue(harness: Harness, runtime: Runtime) -> None:
    advice = advised(harness)
    tap_message_button(harness, advice, "coach_follow_up_1")
    harness.clock.now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert runtime.follow_ups is not None
    runtime.follow_ups.send_due()
    (reminder,) = reminders(harness)

    tap_message_button(harness, reminder, "coach_again", block_id="b")

    assert len(parents(harness.fake)) == 2
    assert questions(harness.fake)[-1].params["thread_ts"] == harness.ts_of(parents(harness.fake)[-1])
    assert count(harness.db, FollowUp) == 1


def test_a_follow_up_before_the_advice_or_for_someone_else_is_explained(
    harness: Harness, runtime: Runtime
) -> None:
    advice = advised(harness)

    tap_message_button(harness, advice, "coach_follow_up_2", user_id="U2")

    assert follow_ups(harness) == []
    assert harness.fake.calls_to("chat.postEphemeral")[-1].params["text"] == t("sv", "coach.not_found")


def test_a_follow_up_deleted_from_app_home_is_never_sent(harness: Harness, runtime: Runtime) -> None:
    advice = advised(harness)
    tap_message_button(harness, advice, "coach_follow_up_1")
    harness.send(harness.requests.app_home_opened(user_id="U1"))
    home = harness.fake.calls_to("views.publish")[-1].params["view"]
    assert t("nb", "coach.home.follow_up", when="mandag 30.11.2026 kl. 09.00") in block_texts(
        harness.fake.calls_to("views.publish")[-1]
    )
    (delete,) = [
        b["accessory"]
        for b in home["blocks"]
        if (b.get("accessory") or {}).get("action_id") == "coach_delete"
    ]

    harness.send(harness.requests.block_action(user_id="U1", action_id="coach_delete", value=delete["value"]))

    assert follow_ups(harness) == []
    after = harness.fake.calls_to("views.publish")[-1]
    assert ":alarm_clock:" not in block_texts(after) and "<@U4>" not in block_texts(after)
    harness.clock.now = datetime(2026, 12, 30, 8, 0, tzinfo=UTC)  # long past the time it was due
    assert runtime.follow_ups is not None
    assert runtime.follow_ups.send_due().sent == []
    harness.restart()
    again = runtime_for(harness)
    assert again.follow_ups is not None and again.follow_ups.send_due().sent == []
    again.scheduler.shutdown()
    assert reminders(harness) == []
