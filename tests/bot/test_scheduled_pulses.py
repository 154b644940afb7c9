"""Scheduled pulses and reminders through the real app, the real WebClient and the fake Slack."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.runtime import Runtime
from bot.senders.slack_sender import SlackSender
from coaching.i18n import t
from coaching.instrument import ITEMS_BY_ID
from scheduling.installed_only import InstalledOnlySender
from scheduling.ports import SendResult
from storage.ledger import DeliveryKind, DeliveryStatus
from survey_flows.views import Kind
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import Harness, block_texts, button, buttons
from tests.support.phone import top_level, with_thread
from tests.support.scheduling import WS, make_team, member_row, status, update

W48 = "2026-W48"
OSLO = "Europe/Oslo"


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def posts(fake: FakeSlack, channel: str | None = None) -> list[Call]:
    calls = [c for c in fake.calls_to("chat.postMessage") if c.response.get("ok")]
    return [c for c in calls if channel is None or c.response.get("channel") == channel]


def test_the_pulse_arrives_as_one_dm_intro_that_asks_question_one(harness: Harness, runtime: Runtime) -> None:
    harness.clock.now = at(2026, 11, 23, 8, 0)  # Monday 09:00 in Oslo
    team_id = make_team(harness.db, harness.clock.now, [("U1", OSLO), ("U2", "Europe/Stockholm")])
    update(harness.db, "U2", locale="sv")

    runtime.dispatcher.run_daily(team_id, OSLO)
    runtime.dispatcher.run_daily(team_id, "Europe/Stockholm")

    [intro] = posts(harness.fake, "DU1")
    assert "Ukens puls" in block_texts(intro)
    assert "1/7" in block_texts(intro) and len(buttons(intro)) == 6
    assert "Veckans puls" in block_texts(posts(harness.fake, "DU2")[0])  # the cached language
    assert harness.fake.calls_to("users.info") == []  # never one users.info per send (Tier 4)
    assert status(harness.db, DeliveryKind.PULSE, "U1", W48) == DeliveryStatus.SENT

    runtime.dispatcher.run_daily(team_id, OSLO)  # the job again: nothing new
    assert len(posts(harness.fake)) == 2


def test_a_member_without_a_cached_profile_is_looked_up_once(harness: Harness, runtime: Runtime) -> None:
    harness.clock.now = at(2026, 11, 23, 14, 0)
    make_team(harness.db, harness.clock.now, [("U3", "America/New_York")])
    update(harness.db, "U3", locale=None, profile_refreshed_at=None)
    runtime.dispatcher.catch_up()
    assert len(harness.fake.calls_to("users.info")) == 1
    assert "Weekly pulse" in block_texts(posts(harness.fake, "DU3")[0])
    assert member_row(harness.db, "U3").locale == "en"


def test_the_reminder_is_a_broadcast_reply_in_the_pulse_thread_for_non_responders(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(harness.db, harness.clock.now, [("U1", OSLO), ("U2", OSLO)])
    update(harness.db, "U2", locale="en")
    runtime.dispatcher.run_daily(team_id, OSLO)
    intro_ts = harness.ts_of(posts(harness.fake, "DU2")[0])
    harness.answer_all(lambda item_id: 4, user_id="U1")  # U1 answers everything through the app
    harness.fake.reset()

    harness.clock.now = at(2026, 11, 24, 8, 0)  # Tuesday 09:00
    runtime.dispatcher.run_daily(team_id, OSLO)
    runtime.dispatcher.run_daily(team_id, OSLO)

    [reminder] = posts(harness.fake)
    assert reminder.response["channel"] == "DU2"
    assert reminder.params["reply_broadcast"] in (True, "true", "1")
    assert reminder.params["thread_ts"] == intro_ts
    assert t("en", "reminder.pulse_unstarted", total=7, minutes=1) in block_texts(reminder)
    assert "0 of 7" not in block_texts(reminder)  # nothing answered yet: said as such, not as a score
    assert status(harness.db, DeliveryKind.REMINDER, "U2", W48) == DeliveryStatus.SENT


def test_a_deactivated_user_is_marked_unreachable_and_not_posted_to(
    harness: Harness, runtime: Runtime
) -> None:
    harness.fake.add_user("U9", deleted=True)
    harness.clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(harness.db, harness.clock.now, [("U9", OSLO)])
    runtime.dispatcher.run_daily(team_id, OSLO)
    [opened] = harness.fake.calls_to("conversations.open")
    assert opened.response["error"] == "user_disabled"
    assert posts(harness.fake) == []
    assert status(harness.db, DeliveryKind.PULSE, "U9", W48) == DeliveryStatus.SKIPPED
    assert member_row(harness.db, "U9").dm_unavailable_at is not None


def test_a_workspace_wide_refusal_marks_nobody_and_the_pulse_arrives_once_it_is_fixed(
    harness: Harness, runtime: Runtime
) -> None:
    """The app's Messages tab switched off refuses every DM: blaming the member would stop their pulses
    for good (bot/senders/outcomes.py, the one table of Slack's errors)."""
    harness.clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(harness.db, harness.clock.now, [("U1", OSLO)])
    harness.fake.fail_next("chat.postMessage", status=200, error="messages_tab_disabled")
    runtime.dispatcher.run_daily(team_id, OSLO)
    assert posts(harness.fake) == []
    assert member_row(harness.db, "U1").dm_unavailable_at is None
    assert status(harness.db, DeliveryKind.PULSE, "U1", W48) == DeliveryStatus.CLAIMED

    harness.clock.advance(minutes=6)
    runtime.dispatcher.resume_unfinished()
    [intro] = posts(harness.fake, "DU1")
    assert "Ukens puls" in block_texts(intro) and "1/7" in block_texts(intro)
    assert status(harness.db, DeliveryKind.PULSE, "U1", W48) == DeliveryStatus.SENT


def test_a_slack_failure_keeps_the_claim_and_a_later_resume_delivers(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(harness.db, harness.clock.now, [("U1", OSLO)])
    harness.fake.fail_next("chat.postMessage", status=200, error="internal_error", times=3)
    runtime.dispatcher.run_daily(team_id, OSLO)
    assert status(harness.db, DeliveryKind.PULSE, "U1", W48) == DeliveryStatus.CLAIMED
    assert posts(harness.fake) == []

    harness.clock.advance(minutes=6)
    runtime.dispatcher.resume_unfinished()
    [intro] = posts(harness.fake, "DU1")
    assert "Ukens puls" in block_texts(intro) and "1/7" in block_texts(intro)
    assert status(harness.db, DeliveryKind.PULSE, "U1", W48) == DeliveryStatus.SENT


def test_sending_a_pulse_again_posts_nothing_once_it_is_in_the_dm(harness: Harness, runtime: Runtime) -> None:
    """What a resume after a crash between Slack's answer and the ledger update does: the flow's own
    records show the intro, carrying question 1, is there, so nothing is posted twice."""
    harness.clock.now = at(2026, 11, 23, 8, 0)
    make_team(harness.db, harness.clock.now, [("U1", OSLO)])
    sender = runtime.dispatcher.sender
    assert isinstance(sender, InstalledOnlySender) and isinstance(sender.sender, SlackSender)
    assert sender.send_pulse(WS, "U1") is SendResult.SENT
    assert len(posts(harness.fake)) == 1
    harness.clock.advance(minutes=6)
    assert sender.send_pulse(WS, "U1") is SendResult.SENT
    assert len(posts(harness.fake)) == 1


def test_a_pulse_whose_first_question_another_process_was_posting_is_not_counted_as_delivered(
    harness: Harness, runtime: Runtime
) -> None:
    harness.clock.now = at(2026, 11, 23, 8, 0)
    make_team(harness.db, harness.clock.now, [("U1", OSLO)])
    # A process posted the intro and claimed question 1, then died before posting it.
    flow = runtime.dispatcher.flow
    started = flow.start(WS, "U1", Kind.PULSE, "nb")
    assert started.run is not None and started.claimed
    flow.thread_started(WS, started.run.run_id, "DU1", "1700000000.000100")
    sender = runtime.dispatcher.sender
    assert isinstance(sender, InstalledOnlySender) and isinstance(sender.sender, SlackSender)

    # Seconds later the question's post may still be on its way: not delivered, nothing posted.
    harness.clock.advance(seconds=3)
    assert sender.send_pulse(WS, "U1") is SendResult.FAILED
    assert posts(harness.fake) == []
    # Once that window has passed, the question goes out, once.
    harness.clock.advance(seconds=20)
    assert sender.send_pulse(WS, "U1") is SendResult.SENT
    assert sender.send_pulse(WS, "U1") is SendResult.SENT
    assert ["1/7" in block_texts(c) for c in posts(harness.fake)] == [True]


def test_a_whole_week_pulse_answers_and_the_friday_summary(harness: Harness, runtime: Runtime) -> None:
    """Monday 09:00 the pulse, answers by tap, Friday 14:00 the channel summary with its chart and the
    managers' DM: the weekly loop a sales director installs the bot for."""
    sellers = [f"U{n}" for n in range(4, 9)]
    for user_id in sellers:
        harness.fake.add_user(user_id, locale="nb-NO", tz=OSLO)
    harness.fake.add_user("UMGR", locale="nb-NO", tz=OSLO)
    harness.clock.now = at(2026, 11, 23, 8, 0)  # Monday 09:00 in Oslo
    team_id = make_team(harness.db, harness.clock.now, [(u, OSLO) for u in sellers])

    runtime.dispatcher.run_daily(team_id, OSLO)
    for user_id in sellers:
        harness.answer_all(lambda item_id: 4 if not ITEMS_BY_ID[item_id].reverse else 2, user_id=user_id)

    harness.clock.now = at(2026, 11, 27, 13, 0)  # Friday 14:00 in Oslo
    assert runtime.dispatcher.publish_summaries(team_id)
    assert runtime.dispatcher.publish_summaries(team_id)  # a second trigger posts nothing again

    channel_posts = top_level(posts(harness.fake, "CTEAM"))
    assert len(channel_posts) == 1
    text = with_thread(harness.fake, channel_posts[0])
    assert t("nb", "zone.performance.name") in text
    assert "5" in text  # 5 of 5 answered
    upload = harness.fake.calls_to("files.completeUploadExternal")
    assert len(upload) == 1
    assert upload[0].params["thread_ts"] == harness.ts_of(channel_posts[0])
    assert next(iter(harness.fake.uploads.values())).startswith(b"\x89PNG")
    manager_dm = top_level(posts(harness.fake, "DUMGR"))
    assert len(manager_dm) == 1
    assert t("nb", "lever.press_both.manager") in block_texts(manager_dm[0])


def test_a_team_setup_change_re_derives_the_jobs(harness: Harness, runtime: Runtime) -> None:
    def job_ids() -> set[str]:
        return {job.id for job in runtime.scheduler.scheduler.get_jobs()}

    runtime.teams_changed()
    assert job_ids() == set()
    team_id = make_team(harness.db, harness.clock.now, [("U1", OSLO), ("U3", "America/New_York")])
    runtime.teams_changed()
    assert job_ids() == {f"pulse:{team_id}:{OSLO}", f"pulse:{team_id}:America/New_York", f"summary:{team_id}"}


def test_a_failing_reconcile_does_not_fail_the_setup_that_triggered_it(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(runtime.dispatcher, "plan", broken)
    runtime.teams_changed()  # logged, not raised
    assert "periodic reconcile" in caplog.text


def test_tapping_last_weeks_pulse_after_the_new_one_says_it_closed(
    harness: Harness, runtime: Runtime
) -> None:
    """A pulse stays open until the next one: last week's buttons then change nothing, and say why."""
    harness.clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(harness.db, harness.clock.now, [("U1", OSLO)])
    runtime.dispatcher.run_daily(team_id, OSLO)
    [last_week] = harness.questions("U1")
    harness.clock.now = at(2026, 11, 30, 8, 0)  # next Monday 09:00: the W49 pulse
    runtime.dispatcher.run_daily(team_id, OSLO)
    assert len(harness.questions("U1")) == 2
    harness.fake.reset()

    harness.tap(button(last_week, 4), last_week)

    [notice] = harness.fake.calls_to("chat.postEphemeral")
    assert t("nb", "answer.pulse_closed") in block_texts(notice)
    assert harness.fake.calls_to("chat.postMessage") == []  # no next question of a closed pulse
    assert harness.fake.calls_to("chat.update") == []


def test_nobody_but_the_seller_learns_who_has_not_answered(harness: Harness, runtime: Runtime) -> None:
    """Non-responders get one reminder in their own DM; the channel, the managers and the ledger-based
    counts never name them."""
    sellers = [f"U{n}" for n in range(4, 11)]
    for user_id in [*sellers, "UMGR"]:
        harness.fake.add_user(user_id, locale="nb-NO", tz=OSLO)
    harness.clock.now = at(2026, 11, 23, 8, 0)
    team_id = make_team(harness.db, harness.clock.now, [(u, OSLO) for u in sellers])
    runtime.dispatcher.run_daily(team_id, OSLO)
    answering, silent = sellers[:5], sellers[5:]
    for user_id in answering:
        harness.answer_all(lambda item_id: 4 if not ITEMS_BY_ID[item_id].reverse else 2, user_id=user_id)
    harness.fake.reset()

    harness.clock.now = at(2026, 11, 24, 8, 0)  # Tuesday: the reminders
    runtime.dispatcher.run_daily(team_id, OSLO)
    harness.clock.now = at(2026, 11, 27, 13, 0)  # Friday: the summary
    runtime.dispatcher.publish_summaries(team_id)

    reminded = sorted(c.response["channel"] for c in posts(harness.fake) if "påminnelse" in block_texts(c))
    assert reminded == sorted(f"D{u}" for u in silent)
    shared = [c for c in posts(harness.fake) if c.response["channel"] in ("CTEAM", "DUMGR")]
    assert len(top_level(shared)) == 2
    for call in shared:  # the summaries and the figures in their threads
        text = f"{call.params.get('text')} {block_texts(call)}"
        assert "<@" not in text and not any(user_id in text for user_id in sellers)
    for call in top_level(shared):
        assert "5 av 7" in f"{call.params.get('text')} {block_texts(call)}"
