"""The team setup form, its confirmation, the reminder and the weekly summaries stay within Slack's Block
Kit limits at their extremes (an 80-character team name, a channel of 1,000 members), in every language."""

from __future__ import annotations

import json

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.messages import Message
from bot.messages.reminder import pulse_reminder
from bot.messages.setup import saved, setup_modal
from bot.messages.summary import channel_summary, manager_summary
from coaching.instrument import Trait
from coaching.summary import AxisTrend, TeamSummary, Trend
from coaching.zones import Lever, Zone
from survey_flows.team_settings import NAME_MAX, TeamSettings
from survey_flows.views import Kind, RunView, TeamView

LOCALES = ("nb", "sv", "en")
LONG_NAME = "Salg & <Øst> " + "x" * (NAME_MAX - 13)
CHANNEL_MEMBERS = tuple(f"U{n:09d}" for n in range(1000))


def check_message(message: Message) -> None:
    assert 0 < len(message.text) <= 4000
    assert len(message.blocks) <= 50
    for block in message.blocks:
        block.validate_json()
        assert Block.parse(block.to_dict()) is not None


def team_view(locale: str) -> TeamView:
    return TeamView(
        1, "T1", "C1", LONG_NAME, locale, "America/Argentina/ComodRivadavia", 0, 540, 4, 840, 5, 3.5, ()
    )  # type: ignore[arg-type]


def full_summary() -> TeamSummary:
    trend = AxisTrend(mean=3.96, change=-1.04, trend=Trend.DOWN, rolling=4.41)
    history = tuple((f"2026-W{week}", 1.0 + week / 20, 5.0 - week / 20) for week in range(41, 49))
    return TeamSummary(
        period="2026-W48",
        respondents=999,
        eligible=1000,
        min_respondents=5,
        suppressed=False,
        zone=Zone.STRESS,
        borderline=True,
        safety=trend,
        standard=trend,
        administration=2.04,
        measured_traits=frozenset(Trait),
        weakest_trait=Trait.CLEAR_EXPECTATIONS,
        split=True,
        lever=Lever.MORE_RELATION,
        history=history,
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_the_setup_form_for_a_channel_of_a_thousand_members(locale: str) -> None:
    settings = TeamSettings(
        name=LONG_NAME,
        manager_ids=CHANNEL_MEMBERS[:10],
        member_ids=CHANNEL_MEMBERS,
        no_send_dates=tuple(f"2026-12-{day:02d}" for day in range(1, 32)),
    )
    view = setup_modal(locale, "C0123456789", settings, "America/Argentina/ComodRivadavia", editing=True)  # type: ignore[arg-type]
    raw = view.to_dict()  # validates every block and element
    View(**raw).validate_json()
    assert len(raw["title"]["text"]) <= 24 and len(raw["submit"]["text"]) <= 24
    assert len(raw["blocks"]) <= 100
    assert len(raw["private_metadata"]) <= 3000
    members = next(b for b in raw["blocks"] if b.get("block_id") == "setup_members")
    assert len(members["element"]["initial_users"]) == 1000
    assert len(json.dumps(raw)) < 100_000


@pytest.mark.parametrize("locale", LOCALES)
def test_the_confirmation_the_reminder_and_the_summaries_at_their_longest(locale: str) -> None:
    team = team_view(locale)
    check_message(saved(locale, team, CHANNEL_MEMBERS[:10], CHANNEL_MEMBERS, created=False))  # type: ignore[arg-type]
    check_message(pulse_reminder(locale, RunView(1, Kind.PULSE, "2026-W48", 7, 6, "D1", "1.2", False)))  # type: ignore[arg-type]
    summary = full_summary()
    for message in (channel_summary(locale, LONG_NAME, summary), manager_summary(locale, LONG_NAME, summary)):  # type: ignore[arg-type]
        check_message(message)
        header = message.blocks[0].to_dict()
        assert header["type"] == "header" and len(header["text"]["text"]) <= 150
