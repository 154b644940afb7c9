"""`/balanse forget-me` through the real Bolt app and the fake Slack: it asks first, cancel keeps
everything, and confirming deletes exactly that person's rows in every table (a seller's and a manager's),
leaves everyone else's and the team's frozen snapshot alone, and a later survey starts from zero."""

from __future__ import annotations

from typing import Any

import pytest

from coaching.i18n import t
from survey_flows.commands import Command, parse_command
from tests.support.coaching import validate_everything
from tests.support.harness import Harness, block_texts
from tests.support.isolation import B, workspace_harness
from tests.support.privacy import SNAPSHOT_FIGURES, World, about, dump, populate, removed


def last_response(harness: Harness) -> Any:
    return harness.fake.calls_to("response_url")[-1]


def forget_buttons(harness: Harness) -> dict[str, dict[str, Any]]:
    """The buttons of the last ephemeral reply, by action id."""
    blocks = last_response(harness).params.get("blocks", [])
    found = [e for b in blocks if b.get("block_id") == "forget_me" for e in b["elements"]]
    return {e["action_id"]: e for e in found}


def tap(harness: Harness, user_id: str, action_id: str) -> None:
    """Tap a button of the ephemeral confirmation, as Slack sends it (with the command's response_url)."""
    harness.send(
        harness.requests.block_action(
            user_id=user_id,
            action_id=action_id,
            value="forget",
            block_id="forget_me",
            channel_id=f"D{user_id}",
            container={
                "type": "message",
                "message_ts": "1.1",
                "channel_id": f"D{user_id}",
                "is_ephemeral": True,
            },
        )
    )


@pytest.fixture
def world(harness: Harness) -> World:
    return populate(harness)


@pytest.mark.parametrize("word", ["forget-me", "glem-meg", "glöm-mig", "glom-mig", "GLEM-MEG"])
def test_every_alias_names_forget_me(word: str) -> None:
    assert parse_command(word).command is Command.FORGET_ME


def test_forget_me_asks_first_and_deletes_nothing(harness: Harness, world: World) -> None:
    before = dump(harness)

    harness.command("glem-meg", user_id="U4")

    assert removed(before, dump(harness)) == {}
    reply = last_response(harness)
    assert reply.params["response_type"] == "ephemeral"
    assert t("nb", "privacy.forget.kept") in block_texts(reply)
    buttons = forget_buttons(harness)
    danger = buttons["forget_me_confirm"]
    assert danger["style"] == "danger"
    assert danger["text"]["text"] == t("nb", "privacy.forget.button")
    assert danger["confirm"]["style"] == "danger"
    assert danger["confirm"]["title"]["text"] == t("nb", "privacy.forget.confirm_title")
    assert "forget_me_cancel" in buttons
    assert validate_everything(harness.fake) > 10


def test_cancel_keeps_everything(harness: Harness, world: World) -> None:
    harness.command("forget-me", user_id="U4")
    before = dump(harness)

    tap(harness, "U4", "forget_me_cancel")

    assert removed(before, dump(harness)) == {}
    reply = last_response(harness)
    assert reply.params["replace_original"] is True
    assert t("nb", "privacy.forget.cancelled") in block_texts(reply)


def test_confirm_deletes_exactly_the_sellers_rows_in_every_table(harness: Harness, world: World) -> None:
    harness.command("forget-me", user_id="U4")
    before = dump(harness)
    expected = about(before, world.u4, "DU4")
    # The world really has something of U4's in every table forget-me covers.
    assert set(expected) == {
        "member",
        "team_membership",
        "survey_run",
        "answer",
        "prompt",
        "coaching_request",
        "follow_up",
        "inbound_event",
        "delivery",
        "notice",
    }

    tap(harness, "U4", "forget_me_confirm")

    after = dump(harness)
    gone = removed(before, after)
    assert {table: len(rows) for table, rows in gone.items()} == {
        table: len(rows) for table, rows in expected.items()
    }
    assert gone == expected
    # U5's runs and answers, U1's membership and the team's frozen snapshot are all still there.
    assert any(r["member_id"] == world.u5 for r in after["survey_run"].values())
    assert len(after["answer"]) == len(before["answer"]) - len(expected["answer"]) > 0
    (snapshot,) = after["summary_snapshot"].values()
    assert snapshot == next(iter(before["summary_snapshot"].values()))
    assert snapshot["figures"] == SNAPSHOT_FIGURES
    assert [r["event_key"] for r in after["inbound_event"].values()] == ["msg:CNORD:1800000000.000200"]
    reply = last_response(harness)
    assert reply.params["replace_original"] is True
    assert t("nb", "privacy.forget.done") in block_texts(reply)
    home = harness.fake.calls_to("views.publish")[-1]  # App Home no longer shows anything of theirs
    assert home.params["user_id"] == "U4"
    assert t("nb", "home.no_result") in block_texts(home)
    assert validate_everything(harness.fake) > 10


def test_a_second_tap_is_harmless_and_a_new_survey_starts_from_zero(harness: Harness, world: World) -> None:
    harness.command("forget-me", user_id="U4")
    tap(harness, "U4", "forget_me_confirm")
    once = dump(harness)

    tap(harness, "U4", "forget_me_confirm")

    assert removed(once, dump(harness)) == {}
    assert t("nb", "privacy.forget.done") in block_texts(last_response(harness))
    harness.command("survey", user_id="U4")
    first = harness.questions("U4")[-1]
    assert "1/40" in block_texts(first)
    after = dump(harness)
    (run,) = [row for key, row in after["survey_run"].items() if key not in once["survey_run"]]
    assert run["team_id"] is None  # no longer in a team: nothing of the old member came back
    assert not any(r["run_id"] == run["id"] for r in after["answer"].values())


def test_a_manager_forgets_their_coaching_requests_and_memberships(harness: Harness, world: World) -> None:
    harness.command("glöm-mig", user_id="U1")
    before = dump(harness)
    expected = about(before, world.u1, "DU1")
    assert len(expected["coaching_request"]) == 2
    assert len(expected["follow_up"]) == 1
    assert [r["kind"] for r in expected["delivery"]] == ["summary_dm"]
    assert [r["kind"] for r in expected["notice"]] == ["seller_moved"]  # told about U5: U1's, so it goes

    tap(harness, "U1", "forget_me_confirm")

    after = dump(harness)
    # U4's notice that U1 put them in the team is U4's: it stays, without U1's name.
    (u4_notice,) = [key for key, r in before["notice"].items() if r["recipient_member_id"] == world.u4]
    assert after["notice"][u4_notice]["actor_member_id"] is None
    before["notice"][u4_notice]["actor_member_id"] = None
    assert removed(before, after) == expected
    # The sellers the requests were about keep everything of their own, and the channel summary stays.
    for seller in (world.u4, world.u5):
        assert any(r["member_id"] == seller for r in after["survey_run"].values())
        assert any(r["member_id"] == seller for r in after["team_membership"].values())
    assert any(r["kind"] == "summary" for r in after["delivery"].values())
    assert len(after["summary_snapshot"]) == 1
    assert validate_everything(harness.fake) > 10


def test_forget_me_is_scoped_to_the_workspace(harness: Harness, world: World) -> None:
    """The same user id confirming forget-me in another workspace's installation is someone else there (the
    workspace is the one the request is authorized for, tests/security/test_workspace_isolation.py)."""
    before = dump(harness)
    other = workspace_harness(harness.fake, harness.settings.database_url, harness.clock, B)
    try:
        other.send(
            other.requests.block_action(
                user_id="U4",
                action_id="forget_me_confirm",
                value="forget",
                block_id="forget_me",
                channel_id="DU4",
            )
        )
    finally:
        other.close()

    assert removed(before, dump(harness)) == {}


@pytest.mark.parametrize(("word", "locale"), [("hjelp", "nb"), ("help", "en")])
def test_help_names_export_and_forget_me(harness: Harness, word: str, locale: str) -> None:
    harness.command(word, user_id="U3" if locale == "en" else "U1")

    text = block_texts(last_response(harness))
    assert t(locale, "help.privacy") in text
    assert ("`/balanse glem-meg`" if locale == "nb" else "`/balanse forget-me`") in text
