"""Nobody is put into a team without being told: the notices a team change owes, through the real app.

Each seller added gets a DM in their own language: which team, who added them, when the pulse comes, who
sees what and how to leave. The managers of a team that loses a seller learn which team took them, and
nothing else. A notice is sent once, also when its post timed out after Slack took it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from storage.models import Notice
from tests.faults.conftest import answers_late, fast_retries, posts
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts, running
from tests.support.shown import t
from tests.support.team_setup import CHANNEL, open_setup, submit, team_of


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    for user_id, locale, name in (
        ("UKARI", "nb-NO", "Kari"),
        ("ULISA", "sv-SE", "Lisa"),
        ("UJO", "en-GB", "Jo"),
    ):
        harness.fake.add_user(user_id, locale=locale, name=name)
    harness.fake.set_members(CHANNEL, ["U1", "U2", "UKARI", "ULISA", "UJO", "UBOT"])
    harness.fake.set_members("CWEST", ["U1", "U3", "UKARI", "UBOT"])
    with running(harness) as built:
        yield built


def set_up_east(harness: Harness) -> None:
    submit(
        harness,
        open_setup(harness),
        setup_name="Team Øst",
        setup_managers=["U1", "U2"],
        setup_members=["UKARI", "ULISA", "UJO"],
        setup_pulse_day="1",
        setup_pulse_time="08:30",
    )


def dms(harness: Harness, user_id: str) -> list[Call]:
    return [c for c in posts(harness.fake) if c.response.get("channel") == f"D{user_id}"]


def sent_notices(harness: Harness) -> int:
    with harness.db.session() as s:
        return len(s.scalars(select(Notice).where(Notice.sent_at.is_not(None))).all())  # type: ignore[union-attr]


def test_each_seller_is_told_in_their_language_who_added_them_who_sees_what_and_how_to_leave(
    harness: Harness, runtime: Runtime
) -> None:
    set_up_east(harness)
    harness.fake.reset()

    assert runtime.notices is not None and runtime.notices.send_pending() == 3

    for user_id, locale, leave in (
        ("UKARI", "nb", "forlat"),
        ("ULISA", "sv", "lämna"),
        ("UJO", "en", "leave"),
    ):
        (notice,) = dms(harness, user_id)
        text = block_texts(notice)
        assert t(locale, "notice.added.title", team="Team Øst") in text
        assert t(locale, "notice.added.by", actor="<@U1>", team="Team Øst", channel=f"<#{CHANNEL}>") in text
        day = t(locale, "setup.weekday.1")
        assert t(locale, "notice.added.pulse", day=day, time="08:30") in text
        managers = t(locale, "notice.and", first="<@U1>", last="<@U2>")
        assert t(locale, "notice.added.who_sees", managers=managers, channel=f"<#{CHANNEL}>", min=5) in text
        assert f"`/balanse {leave}`" in text
    assert dms(harness, "U1") == [] and dms(harness, "U2") == []  # managers are not "added"
    assert runtime.notices.send_pending() == 0  # sent once


def test_the_old_teams_managers_learn_which_team_took_their_seller_and_nothing_else(
    harness: Harness, runtime: Runtime
) -> None:
    set_up_east(harness)
    assert runtime.notices is not None
    runtime.notices.send_pending()
    harness.fake.reset()

    # U1 manages Team Øst, so U1 may move Kari to a new team of U1's and U3's.
    view = open_setup(harness, channel_id="CWEST")
    submit(harness, view, setup_name="Team Vest", setup_managers=["U1", "U3"], setup_members=["UKARI"])
    runtime.notices.send_pending()

    (told,) = dms(harness, "U2")  # the other manager of Team Øst (U2 reads Swedish)
    assert (
        block_texts(told)
        .strip()
        .startswith(t("sv", "notice.moved", subject="<@UKARI>", team="Team Øst", other="Team Vest"))
    )
    assert dms(harness, "U1") == []  # the one who moved Kari knows
    (welcome,) = dms(harness, "UKARI")
    assert t("nb", "notice.added.title", team="Team Vest") in block_texts(welcome)
    assert "UKARI" not in team_of(harness)[2]


def test_a_notice_that_timed_out_but_arrived_is_not_posted_again(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast_retries(harness.app.client, monkeypatch)
    submit(harness, open_setup(harness), setup_name="Team Øst", setup_members=["UKARI"])
    assert runtime.notices is not None
    answers_late(
        harness.fake, harness.app.client, "chat.postMessage", times=3
    )  # the client and its retries all time out

    assert runtime.notices.send_pending() == 0  # Slack has it; we do not know
    harness.fake.wait_for("chat.postMessage")
    harness.clock.advance(minutes=1)
    assert runtime.notices.send_pending() == 0  # the failed claim waits out its stale window ...
    harness.clock.advance(minutes=5)
    assert runtime.notices.send_pending() == 1  # ... then is found by its metadata, not posted again

    assert len(dms(harness, "UKARI")) == 1
    assert sent_notices(harness) == 1


def test_a_seller_who_left_before_the_notice_went_out_is_not_told_they_were_added(
    harness: Harness, runtime: Runtime
) -> None:
    submit(harness, open_setup(harness), setup_name="Team Øst", setup_members=["UKARI", "ULISA"])
    harness.command("forlat", user_id="UKARI")
    assert runtime.notices is not None

    runtime.notices.send_pending()

    assert dms(harness, "UKARI") == [] and len(dms(harness, "ULISA")) == 1


def test_leave_takes_a_seller_out_privately_in_their_language(harness: Harness, runtime: Runtime) -> None:
    set_up_east(harness)
    harness.fake.reset()

    harness.command("lämna", user_id="ULISA")
    harness.command("leave", user_id="ULISA")
    harness.command("forlat", user_id="U1")

    first, again, manager = (c.params["text"] for c in harness.fake.calls_to("response_url"))
    assert first == t("sv", "leave.done", team="Team Øst")
    assert again == t("sv", "leave.none")
    assert manager == t("nb", "leave.manager", teams="**Team Øst**")
    assert team_of(harness)[2] == ("UKARI", "UJO")
    assert posts(harness.fake) == []  # nothing posted anywhere: only the one who left knows


@pytest.mark.parametrize(
    ("word", "user_id", "locale"), [("hjelp", "U1", "nb"), ("hjälp", "U2", "sv"), ("help", "U3", "en")]
)
def test_help_says_how_to_leave_a_team(harness: Harness, word: str, user_id: str, locale: str) -> None:
    harness.command(word, user_id=user_id)
    assert t(locale, "help.leave") in block_texts(harness.fake.calls_to("response_url")[-1])


def test_sellers_learn_when_a_manager_is_added_and_the_minimum_lowered(
    harness: Harness, runtime: Runtime
) -> None:
    set_up_east(harness)
    assert runtime.notices is not None
    runtime.notices.send_pending()
    harness.fake.reset()

    view = open_setup(harness)
    submit(harness, view, setup_managers=["U1", "U2", "U3"], setup_min_respondents="3")
    runtime.notices.send_pending()

    for user_id, locale in (("UKARI", "nb"), ("ULISA", "sv"), ("UJO", "en")):
        (changed,) = dms(harness, user_id)
        text = block_texts(changed)
        assert t(locale, "notice.changed.by", actor="<@U1>", team="Team Øst") in text
        managers = t(locale, "notice.and", first="<@U1>, <@U2>", last="<@U3>")
        assert t(locale, "notice.added.who_sees", managers=managers, channel=f"<#{CHANNEL}>", min=3) in text
    assert dms(harness, "U3") == []  # the new manager is no seller
