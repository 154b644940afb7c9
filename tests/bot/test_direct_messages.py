"""Every top-level DM gets a short answer in the writer's language: help for greetings, help words and
anything not understood; for a manager, a seller of their teams named by display, full or first name starts
the coaching dialogue, and an ambiguous or unknown name is asked back with their own sellers as buttons.
Nobody outside the writer's teams is ever named; a seller who names someone gets help. Retried events are
answered once; the bot's own messages and message subtypes never. Real signed requests, real Bolt app."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from bot.messages.direct_messages import ask_back
from bot.messages.mrkdwn import to_mrkdwn
from storage.models import CoachingRequest
from survey_flows.direct_messages import ASK_BACK_MAX
from survey_flows.wording import help_text as neutral_help_text
from tests.support.coaching import count, parents, questions, setup_teams
from tests.support.fake_slack import Call
from tests.support.harness import Harness, block_texts
from tests.support.scheduling import update
from tests.support.shown import t
from tests.support.slack_requests import BOT_USER_ID

_TS = itertools.count(1)


def help_text(locale: str, *, manager: bool) -> str:
    """The help as Slack shows it (rendered on the way out)."""
    return to_mrkdwn(neutral_help_text(locale, manager=manager))


def dm(harness: Harness, user_id: str, text: str, **kwargs: Any) -> None:
    ts = kwargs.pop("ts", f"1800000000.{next(_TS):06d}")
    channel = kwargs.pop("channel_id", f"D{user_id}")
    harness.send(
        harness.requests.message_event(user_id=user_id, text=text, channel_id=channel, ts=ts, **kwargs)
    )


def posted_to(harness: Harness, user_id: str) -> list[Call]:
    return [
        c for c in harness.fake.calls_to("chat.postMessage") if c.response.get("channel") == f"D{user_id}"
    ]


def teams_with_names(harness: Harness) -> None:
    """Team Nord (manager U1, nb): Kari Nordmann (U4) and Ola Berg (U5). Team Sør (managers U2, sv, and
    U3, en): Per Olsen (U6) and Lisa Berg (U7)."""
    setup_teams(harness.db, harness.clock())
    for user_id, display, real in (
        ("U4", "Kari", "Kari Nordmann"),
        ("U5", "ola.b", "Ola Berg"),
        ("U6", "Per", "Per Olsen"),
        ("U7", "lisa", "Lisa Berg"),
    ):
        harness.fake.add_user(user_id, name=display, real_name=real)


def pick_buttons(call: Call) -> list[dict[str, Any]]:
    for block in call.params.get("blocks", []):
        if block.get("block_id") == "dm_pick":
            return list(block["elements"])
    return []


@pytest.mark.parametrize(
    ("user_id", "locale", "text"),
    [
        ("U1", "nb", "hei"),
        ("U1", "nb", "Hjelp"),
        ("U2", "sv", "hej!"),
        ("U2", "sv", "hjälp"),
        ("U3", "en", "hi"),
        ("U3", "en", "help"),
    ],
)
def test_a_greeting_or_a_help_word_gets_the_short_help_in_the_writers_language(
    harness: Harness, user_id: str, locale: str, text: str
) -> None:
    dm(harness, user_id, text)

    [reply] = posted_to(harness, user_id)
    assert "thread_ts" not in reply.params  # said in the DM itself, as the coaching refusal is
    shown = block_texts(reply)
    assert t(locale, "dm.hello") in shown
    assert help_text(locale, manager=False) in shown  # leads no team: no manager commands


@pytest.mark.parametrize(("user_id", "locale"), [("U1", "nb"), ("U2", "sv"), ("U3", "en")])
def test_text_that_is_not_understood_says_so_and_gives_the_help(
    harness: Harness, user_id: str, locale: str
) -> None:
    dm(harness, user_id, "hva med været i morgen")

    [reply] = posted_to(harness, user_id)
    assert t(locale, "dm.not_understood") in block_texts(reply)
    assert t(locale, "help.seller.title") in block_texts(reply)


def test_a_manager_gets_the_managers_commands_in_the_help(harness: Harness) -> None:
    teams_with_names(harness)
    dm(harness, "U1", "hei")
    assert help_text("nb", manager=True) in block_texts(posted_to(harness, "U1")[-1])
    assert count(harness.db, CoachingRequest) == 0


@pytest.mark.parametrize(
    ("user_id", "text", "subject"),
    [
        ("U1", "hvordan håndterer jeg Kari?", "U4"),  # display name
        ("U1", "Ola Berg er ny og usikker", "U5"),  # full name, no question words
        ("U2", "hur hanterar jag Lisa?", "U7"),  # first name of the full name
        ("U3", "how should I handle per?", "U6"),
    ],
)
def test_a_manager_naming_a_seller_of_their_team_starts_the_coaching_dialogue(
    harness: Harness, user_id: str, text: str, subject: str
) -> None:
    teams_with_names(harness)

    dm(harness, user_id, text)

    [parent] = parents(harness.fake, user_id)
    assert f"<@{subject}>" in block_texts(parent)
    assert len(questions(harness.fake, user_id)) == 1
    assert count(harness.db, CoachingRequest) == 1


def test_a_name_that_fits_two_sellers_is_asked_back_and_the_tap_starts_the_dialogue(harness: Harness) -> None:
    teams_with_names(harness)
    harness.fake.add_user("U5", name="kari.h", real_name="Kari Hansen")  # now two Karis in Team Nord

    dm(harness, "U1", "hvordan håndterer jeg Kari? Hun er ny")

    [ask] = posted_to(harness, "U1")
    assert t("nb", "dm.ask.which") in block_texts(ask)
    assert [b["text"]["text"] for b in pick_buttons(ask)] == ["Kari", "kari.h"]
    assert count(harness.db, CoachingRequest) == 0
    chosen = pick_buttons(ask)[1]

    harness.send(
        harness.requests.block_action(
            user_id="U1",
            action_id=chosen["action_id"],
            value=chosen["value"],
            block_id="dm_pick",
            channel_id="DU1",
            message_ts=harness.ts_of(ask),
        )
    )

    [parent] = parents(harness.fake, "U1")
    assert "<@U5>" in block_texts(parent)
    assert count(harness.db, CoachingRequest) == 1
    update = harness.fake.calls_to("chat.update")[0]
    assert update.params["ts"] == harness.ts_of(ask)
    assert t("nb", "dm.ask.chosen", person="<@U5>") in block_texts(update)
    assert pick_buttons(update) == []


def test_an_unknown_name_is_asked_back_with_the_managers_own_sellers_only(harness: Harness) -> None:
    teams_with_names(harness)

    dm(harness, "U1", "hvordan håndterer jeg Per?")  # Per is a seller of Team Sør, not U1's

    [ask] = posted_to(harness, "U1")
    assert t("nb", "dm.ask.who") in block_texts(ask)
    offered = [json.dumps(b) for b in pick_buttons(ask)]
    assert [b["text"]["text"] for b in pick_buttons(ask)] == ["Kari", "ola.b"]
    assert not any("U6" in button or "Per" in button.split('"value"')[0] for button in offered)
    everything = json.dumps([c.params for c in harness.fake.calls])
    assert "U6" not in everything and "Olsen" not in everything
    assert count(harness.db, CoachingRequest) == 0


@pytest.mark.parametrize(("user_id", "locale"), [("U4", "nb"), ("U7", "en")])
def test_a_seller_naming_someone_gets_help_and_no_name(harness: Harness, user_id: str, locale: str) -> None:
    teams_with_names(harness)
    harness.fake.add_user(user_id, locale={"nb": "nb-NO", "en": "en-US"}[locale])
    update(harness.db, user_id, locale=locale)

    dm(harness, user_id, "hvordan håndterer jeg Ola?" if locale == "nb" else "how should I handle Per?")

    [reply] = posted_to(harness, user_id)
    assert help_text(locale, manager=False) in block_texts(reply)
    assert pick_buttons(reply) == []
    assert "<@" not in block_texts(reply)
    assert count(harness.db, CoachingRequest) == 0
    assert harness.fake.calls_to("users.info") == [] or all(
        c.params.get("user") == user_id for c in harness.fake.calls_to("users.info")
    )


def test_a_retried_event_is_answered_once(harness: Harness) -> None:
    teams_with_names(harness)
    for retry in (None, 1, 2):
        dm(harness, "U1", "hei", ts="1800000000.900001", event_id="EvRETRY1", retry_num=retry)
    assert len(posted_to(harness, "U1")) == 1

    for retry in (None, 1):  # a coaching question named by first name, too
        dm(
            harness,
            "U1",
            "hvordan takler jeg Kari?",
            ts="1800000000.900002",
            event_id="EvRETRY2",
            retry_num=retry,
        )
    assert len(parents(harness.fake, "U1")) == 1
    assert count(harness.db, CoachingRequest) == 1


@pytest.mark.parametrize("channel", ["CSALES", "GPRIVATE", "\x82Ï", ""])
def test_a_message_said_to_be_a_dm_in_a_channel_that_is_not_one_gets_no_answer(
    harness: Harness, channel: str
) -> None:
    """Every answer goes to the event's channel: one that is not a DM (a malformed or forged payload naming a
    team channel) must get nothing, so nothing the bot says in a DM can land where others read it."""
    teams_with_names(harness)
    for text in ("hei", "hvordan takler jeg Kari?"):
        dm(harness, "U1", text, channel_id=channel)
        dm(harness, "U1", "4", channel_id=channel, thread_ts="1800000000.000001")
    assert harness.fake.calls_to("chat.postMessage") == []
    assert harness.fake.calls_to("chat.postEphemeral") == []


def test_the_bots_own_messages_and_message_subtypes_get_no_answer(harness: Harness) -> None:
    teams_with_names(harness)
    dm(harness, BOT_USER_ID, "hei")
    for subtype in ("message_changed", "channel_join", "bot_message"):
        event = {
            "type": "message",
            "subtype": subtype,
            "user": "U1",
            "text": "hei",
            "channel": "DU1",
            "ts": f"1800000001.{next(_TS):06d}",
            "channel_type": "im",
        }
        harness.send(harness.requests.event(event))
    bot_said = {
        "type": "message",
        "bot_id": "BBOT",
        "user": BOT_USER_ID,
        "text": "Hei! Jeg er Balansebrett.",
        "channel": "DU1",
        "ts": "1800000001.999999",
        "channel_type": "im",
    }
    harness.send(harness.requests.event(bot_said))

    assert harness.fake.calls_to("chat.postMessage") == []
    assert harness.fake.calls_to("chat.postEphemeral") == []


def test_a_forged_pick_for_someone_outside_the_team_gets_the_usual_refusal(harness: Harness) -> None:
    teams_with_names(harness)
    harness.send(
        harness.requests.block_action(
            user_id="U1",
            action_id="dm_pick_0",
            value="U6:hvordan håndterer jeg Per?",
            block_id="dm_pick",
            channel_id="DU1",
            message_ts="1800000002.000001",
        )
    )
    [said] = posted_to(harness, "U1")
    assert t("nb", "coach.refused") in block_texts(said)
    assert harness.fake.calls_to("chat.update") == []  # nothing says "you chose <@U6>"
    assert count(harness.db, CoachingRequest) == 0


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_the_ask_back_fits_slacks_limits_with_many_long_names_and_a_long_text(locale: str) -> None:
    names = {f"U{n:03d}": "Kari " + "Nordmann-" * 12 + str(n) for n in range(ASK_BACK_MAX)}
    message = ask_back(locale, names, "hvordan håndterer jeg Kari? " + "æ" * 3000, several=True)
    blocks = message.as_kwargs()["blocks"]  # slack_sdk validates every block here
    buttons = blocks[1]["elements"]
    assert len(buttons) == ASK_BACK_MAX
    assert all(len(b["text"]["text"]) <= 75 and len(b["value"]) <= 2000 for b in buttons)
