"""Slack's formats read at the edge (bot/slack_text.py): the person mentioned, and plain text for the flows."""

from __future__ import annotations

import pytest

from bot.slack_text import first_mention, mentioned_users, plain_text, without_user
from coaching.observations import prefill
from coaching.situation import Situation
from survey_flows.advice_dialogue import observation_too_long


@pytest.mark.parametrize(
    ("text", "user"),
    [
        ("hvordan håndterer jeg <@U0ABC123>?", "U0ABC123"),
        ("<@U1|kari> og <@U2|ola>", "U1"),
        ("how about <@W9XYZ>", "W9XYZ"),
        ("hvordan håndterer jeg Kari?", None),
        ("<#C123|general>", None),
        ("", None),
    ],
)
def test_first_mention(text, user):
    assert first_mention(text) == user


def test_every_mention_in_order_and_the_bot_left_out():
    assert mentioned_users("<@U1|kari> og <@U2> og <#C1|x>") == ("U1", "U2")
    assert without_user("<@UBOT> hvordan håndterer jeg <@U2>?", "UBOT") == "hvordan håndterer jeg <@U2>?"
    assert without_user("<@UBOT> hei", None) == "<@UBOT> hei"


@pytest.mark.parametrize(
    "text",
    [
        "<@U123> er ny og usikker",
        "Hvordan håndterer jeg <@U123ABC|kari>? Hun er ny og usikker",
        "ny og usikker <@UNY0>",
        "*Ny* og _usikker_",
        "ny og usikker <https://example.com|lenke> <#C1|salg>",
    ],
)
def test_mentions_and_markup_never_reach_the_observations(text):
    assert prefill(plain_text(text), "nb") == Situation(experience="new", confidence="low")


def test_plain_text_undoes_slacks_escapes():
    assert plain_text("<@U1> Q&amp;A &lt;3 &gt; x") == "Q&A <3 > x"
    assert "<" not in plain_text("<@U1|kari> <#C1|general> <https://a.b|x>")


def test_the_mention_of_the_person_does_not_count_toward_the_limit():
    long = "ny og usikker " * 40  # 560 characters
    assert not observation_too_long(plain_text(f"<@U4|kari> {long[:490]}"))
    assert observation_too_long(plain_text(f"<@U4|kari> {long}"))
