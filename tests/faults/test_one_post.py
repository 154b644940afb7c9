"""One tap, one post: however a seller comes back to an open run (`/balanse survey` again, a replayed
command, App Home's Continue, two of them at once) and whatever Slack did to the last post (took it after
the client's timeout, deleted it), the DM never holds more than one answerable copy of a question. A resume
links to the copy that waits; it posts only when no copy exists, and then once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from storage import runs
from storage.models import Prompt
from tests.faults.conftest import (
    answers_late,
    edits,
    fast_retries,
    posts,
    question_positions,
    send_together,
    shown_progress,
    stored,
    tap_request,
    unposted_claims,
)
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts, button
from tests.support.resuming import notes, waiting
from tests.support.shown import t


def hold_until_both_arrive(monkeypatch: pytest.MonkeyPatch, name: str) -> threading.Barrier:
    """Both requests reach `storage.runs.<name>` (the conditional claim) before either runs it."""
    barrier = threading.Barrier(2, timeout=10)
    claim: Callable[..., Any] = getattr(runs, name)

    def claim_when_both_are_here(*args: Any, **kwargs: Any) -> Any:
        barrier.wait()
        return claim(*args, **kwargs)

    monkeypatch.setattr(runs, name, claim_when_both_are_here)
    return barrier


def in_thread(harness: Harness, thread_ts: str) -> Counter[str]:
    """What the DM's thread shows now, its parent (the intro carrying question 1) included: how many
    messages carry each question's progress mark."""
    dm = harness.fake.messages.in_channel("DU1")
    shown = [m for m in dm if thread_ts in (m["ts"], m.get("thread_ts"))]
    return Counter(p for m in shown if (p := shown_progress(m)))


def survey_at_question_two(harness: Harness) -> Call:
    harness.command("survey")
    harness.send(tap_request(harness, harness.questions()[-1], 4))
    return harness.questions()[-1]


def test_asking_for_the_survey_again_links_to_the_open_question_and_posts_nothing(harness: Harness) -> None:
    second = survey_at_question_two(harness)
    before = len(harness.fake.calls_to("chat.postMessage"))

    harness.command("survey")
    harness.command("undersøkelse")

    assert len(harness.fake.calls_to("chat.postMessage")) == before  # no "welcome back", no copy
    assert notes(harness)[-2:] == [waiting(harness, second, "full", 2, 40)] * 2
    assert in_thread(harness, harness.thread_of(second)) == Counter({"1/40": 1, "2/40": 1})


def test_a_replayed_signed_command_posts_nothing(harness: Harness) -> None:
    command = harness.requests.slash_command("survey", user_id="U1")
    harness.send(command)
    first = harness.questions()[-1]
    before = len(harness.fake.calls_to("chat.postMessage"))

    # The same signed bytes again, inside Slack's five minutes: Bolt accepts them, twice at once too.
    send_together(harness, command, command)

    assert len(harness.fake.calls_to("chat.postMessage")) == before
    assert notes(harness)[-2:] == [waiting(harness, first, "full", 1, 40)] * 2


def test_a_question_slack_took_after_a_timeout_is_never_posted_again(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    harness.command("survey")
    answers_late(
        harness.fake, harness.app.client, "chat.postMessage"
    )  # question 2 lands after the client gave up
    harness.send(tap_request(harness, harness.questions()[-1], 4))
    harness.fake.wait_for("chat.postMessage", 2)  # the intro with question 1, then question 2
    late = harness.questions()[-1]
    assert unposted_claims(harness) == [2]

    harness.command("survey")  # at once: the claim may be a post in flight, so it is not posted
    assert notes(harness)[-1] == t("nb", "command.in_progress")
    harness.clock.advance(seconds=20)  # stale now: taken over, looked for, found, not posted
    harness.command("survey")
    harness.command("survey")

    assert question_positions(harness.fake) == Counter({"1/40": 1, "2/40": 1})
    assert notes(harness)[-2:] == [waiting(harness, late, "full", 2, 40)] * 2
    assert unposted_claims(harness) == []
    harness.send(tap_request(harness, late, 5))
    assert stored(harness) == [("q01", 4), ("q02", 5)]
    assert harness.fake.calls_to("chat.update")[-1].params["ts"] == harness.ts_of(late)
    assert question_positions(harness.fake) == Counter({"1/40": 1, "2/40": 1, "3/40": 1})


def test_a_tap_on_an_older_copy_marks_that_copy_and_counts_once(harness: Harness) -> None:
    harness.command("survey")
    older = harness.questions()[-1]
    # A second copy, as resumes posted before they linked instead; the newer one is the stored one.
    newer_ts = harness.app.client.chat_postMessage(**older.params)["ts"]
    with harness.db.session() as s:
        runs.set_prompt_ts(s, int(older.params["metadata"]["event_payload"]["run_id"]), 1, newer_ts)

    harness.send(tap_request(harness, older, 4))
    harness.send(tap_request(harness, older, 4))  # a double tap

    assert stored(harness) == [("q01", 4)]
    assert edits(harness.fake) == Counter({harness.ts_of(older): 1, newer_ts: 1})
    chosen = t("nb", "question.chosen", choice=t("nb", "scale.4"))
    shown = {m["ts"]: m for m in harness.fake.messages.in_channel("DU1")}
    assert chosen in str(shown[harness.ts_of(older)]["blocks"])  # the copy that was tapped
    assert chosen in str(shown[newer_ts]["blocks"])
    assert Counter(p for p in question_positions(harness.fake) if p != "1/40") == Counter({"2/40": 1})


def test_an_older_copy_left_open_by_a_resume_is_marked_when_tapped_after_the_answer(harness: Harness) -> None:
    """The seller answered on the newer copy; the older one still looked open. Tapping it with the same
    choice stores nothing new and posts nothing, but now marks that copy too."""
    harness.command("survey")
    older = harness.questions()[-1]
    newer_ts = harness.app.client.chat_postMessage(**older.params)["ts"]  # as resumes once posted
    run_id = int(older.params["metadata"]["event_payload"]["run_id"])
    with harness.db.session() as s:
        runs.set_prompt_ts(s, run_id, 1, newer_ts)
    newer = harness.fake.calls_to("chat.postMessage")[-1]
    harness.send(tap_request(harness, newer, 4))
    assert edits(harness.fake) == Counter({newer_ts: 1})
    posted = len(harness.fake.calls_to("chat.postMessage"))

    harness.send(tap_request(harness, older, 4))
    harness.send(tap_request(harness, older, 4))  # marked now: a double tap changes nothing more

    assert stored(harness) == [("q01", 4)]
    assert edits(harness.fake) == Counter({newer_ts: 1, harness.ts_of(older): 1})
    chosen = t("nb", "question.chosen", choice=t("nb", "scale.4"))
    shown = {m["ts"]: m for m in harness.fake.messages.in_channel("DU1")}
    assert chosen in str(shown[harness.ts_of(older)]["blocks"])
    assert len(harness.fake.calls_to("chat.postMessage")) == posted
    assert harness.fake.calls_to("chat.postEphemeral") == []


def test_a_deleted_question_is_posted_again_once_by_two_resumes_at_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = survey_at_question_two(harness)
    thread_ts = harness.thread_of(second)
    harness.app.client.chat_delete(channel="DU1", ts=harness.ts_of(second))  # e.g. a retention policy
    barrier = hold_until_both_arrive(monkeypatch, "release_gone_prompt")
    before = len(notes(harness))

    send_together(
        harness,
        harness.requests.slash_command("survey", user_id="U1"),
        harness.requests.slash_command("survey", user_id="U1"),
    )

    assert not barrier.broken  # both saw it gone and raced for the re-post
    again = harness.questions()[-1]
    assert again is not second and "2/40" in block_texts(again)
    assert in_thread(harness, thread_ts) == Counter({"1/40": 1, "2/40": 1})
    assert sorted(notes(harness)[before:]) == sorted(
        [waiting(harness, again, "full", 2, 40), t("nb", "command.in_progress")]
    )
    with harness.db.session() as s:
        assert s.scalar(select(Prompt.message_ts).where(Prompt.position == 2)) == harness.ts_of(again)


def test_two_continue_clicks_after_a_failed_post_post_the_question_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    harness.command("survey")
    first = harness.questions()[-1]
    harness.fake.fail_next("chat.postMessage", status=500, times=3)  # down beyond the retries
    harness.send(tap_request(harness, first, 4))
    assert unposted_claims(harness) == [2]
    harness.clock.advance(seconds=20)
    barrier = hold_until_both_arrive(monkeypatch, "reclaim_stale_prompt")
    run_id = first.params["metadata"]["event_payload"]["run_id"]
    click = {"user_id": "U1", "action_id": "continue_run", "value": str(run_id)}

    send_together(harness, harness.requests.block_action(**click), harness.requests.block_action(**click))

    assert not barrier.broken
    assert Counter(question_positions(harness.fake)) == Counter({"1/40": 1, "2/40": 1})
    assert in_thread(harness, harness.thread_of(first)) == Counter({"1/40": 1, "2/40": 1})
    second = harness.questions()[-1]
    published = [block_texts(c) for c in harness.fake.calls_to("views.publish")]
    assert any(waiting(harness, second, "full", 2, 40) in text for text in published)
    assert unposted_claims(harness) == []
    assert len(posts(harness.fake)) == 2  # the intro with question 1, question 2


def test_a_tap_from_outside_the_runs_dm_edits_only_the_runs_own_copy(harness: Harness) -> None:
    harness.command("survey")
    first = harness.questions()[-1]
    choice = button(first, 4)

    harness.send(  # the run's own button, as if it were shown in another conversation
        harness.requests.block_action(
            user_id="U1",
            action_id=choice["action_id"],
            value=choice["value"],
            block_id="answer_buttons",
            channel_id="CELSEWHERE",
            message_ts="1700000999.000100",
        )
    )

    assert stored(harness) == [("q01", 4)]
    assert [(c.params["channel"], c.params["ts"]) for c in harness.fake.calls_to("chat.update")] == [
        ("DU1", harness.ts_of(first))
    ]
