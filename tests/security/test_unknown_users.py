"""Nothing kept can name a person (issue 9, part 3): someone the bot never knew can ask for an export or a
forget-me, read the help, open App Home and tap a stale forget-me button, and is told in their language
that nothing is stored, while the database stays exactly as it was ("I store nothing about you"). A
first-time user still gets their language, and their Slack zone once a run makes their row."""

from __future__ import annotations

import pytest

from storage import members
from survey_flows.profiles import ProfileStore
from tests.support.harness import Harness, block_texts
from tests.support.privacy import dump
from tests.support.shown import t

USERS = [("U1", "nb"), ("U2", "sv"), ("U3", "en")]  # never seen by the bot; their Slack languages


def replies(harness: Harness) -> list[str]:
    return [block_texts(call) for call in harness.fake.calls_to("response_url")]


def member_row(harness: Harness, user_id: str) -> object:
    with harness.db.session() as s:
        return members.find_member(s, "T1", user_id)


@pytest.mark.parametrize(("user_id", "locale"), USERS)
def test_export_and_forget_me_from_someone_unknown_store_nothing_and_say_so(
    harness: Harness, user_id: str, locale: str
) -> None:
    before = dump(harness)

    harness.command("export", user_id=user_id)
    harness.command("forget-me", user_id=user_id)

    nothing = t(locale, "privacy.nothing_stored")
    export_reply, forget_reply = replies(harness)
    assert nothing in export_reply and nothing in forget_reply
    assert "forget_me_confirm" not in str(harness.fake.calls_to("response_url")[-1].params)  # no buttons
    assert harness.fake.calls_to("files.getUploadURLExternal") == [] and harness.fake.uploads == {}
    assert dump(harness) == before
    assert member_row(harness, user_id) is None


@pytest.mark.parametrize(("user_id", "locale"), USERS)
def test_help_app_home_and_stale_forget_me_buttons_store_nothing_either(
    harness: Harness, user_id: str, locale: str
) -> None:
    before = dump(harness)

    harness.command("help", user_id=user_id)
    harness.send(harness.requests.app_home_opened(user_id=user_id))
    for action_id in ("forget_me_cancel", "forget_me_confirm"):  # buttons of a confirmation from before
        harness.send(
            harness.requests.block_action(
                user_id=user_id,
                action_id=action_id,
                value="forget",
                block_id="forget_me",
                channel_id=f"D{user_id}",
            )
        )
    harness.command("coach <@U2|per>", user_id=user_id)  # refused: not a manager of anyone

    assert t(locale, "help.title") in replies(harness)[0]
    assert t(locale, "home.welcome") in block_texts(harness.fake.calls_to("views.publish")[0])
    assert t(locale, "privacy.forget.cancelled") in replies(harness)[1]
    assert dump(harness) == before
    assert member_row(harness, user_id) is None


def test_a_first_time_user_is_looked_up_once_and_their_first_run_gets_their_zone(harness: Harness) -> None:
    # U2 is Swedish, in Stockholm. Sunday 23:30 UTC is already Monday (week 49) in Stockholm.
    harness.clock.now = harness.clock.now.replace(day=29, hour=23, minute=30)
    harness.command("help", user_id="U2")
    assert member_row(harness, "U2") is None

    harness.command("puls", user_id="U2")

    assert t("sv", "command.sent_to_dm", kind=t("sv", "kind.pulse")) in replies(harness)[-1]
    assert "Veckans puls" in block_texts(harness.fake.calls_to("chat.postMessage")[0])
    row = member_row(harness, "U2")
    assert row is not None and (row.locale, row.tz) == ("sv", "Europe/Stockholm")  # type: ignore[attr-defined]
    assert "2026-W49" in str(harness.fake.calls_to("chat.postMessage")[0].params.get("metadata"))
    assert len(harness.fake.calls_to("users.info")) == 1  # asked once, remembered until the row existed


def test_forget_me_also_drops_what_the_process_heard_from_slack(harness: Harness) -> None:
    harness.send(harness.requests.app_home_opened(user_id="U2"))  # unknown: what Slack said stays in memory
    with harness.db.session() as s:  # then a team makes their row, refreshed by another process
        members.ensure_member(s, "T1", "U2", harness.clock())
    ProfileStore(harness.db, harness.clock).save("T1", "U2", slack_locale="sv-SE", tz="Europe/Stockholm")
    harness.command("glöm-mig", user_id="U2")
    harness.send(
        harness.requests.block_action(
            user_id="U2",
            action_id="forget_me_confirm",
            value="forget",
            block_id="forget_me",
            channel_id="DU2",
        )
    )
    assert member_row(harness, "U2") is None
    harness.fake.reset()

    harness.command("help", user_id="U2")

    assert [call.params["user"] for call in harness.fake.calls_to("users.info")] == ["U2"]  # nothing was kept
