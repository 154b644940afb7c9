"""The weekly summary through the real WebClient and the fake Slack: channel post, chart, manager DMs."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from slack_sdk.models.blocks import Block

from bot.messages import summary as msg
from bot.messages.mrkdwn import RenderingClient, rendered_payload
from bot.profiles import Profiles
from bot.senders.summaries import SummarySlackSender
from coaching.summary import AxisTrend, TeamSummary, Trend
from reports.charts import render_zone_chart
from scheduling.ports import SendResult
from scheduling.summaries import PublishOutcome, SummaryService
from storage import ledger, members
from storage.db import Database
from storage.ledger import DeliveryKind, DeliveryStatus
from storage.models import Member, Role
from survey_flows.profiles import ProfileStore
from survey_flows.views import TeamView
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import BOT_TOKEN, Clock, block_texts
from tests.support.shown import t
from tests.support.summary_weeks import PERIOD, SUMMARY_TIME, WS, add_member, answer_pulse, make_team, uniform

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class Setup:
    db: Database
    fake: FakeSlack
    service: SummaryService

    def team(self, locale: str = "sv", **settings: object) -> tuple[TeamView, list[Member]]:
        with self.db.session() as s:
            team = make_team(s, locale=locale, **settings)  # type: ignore[arg-type]
            sellers = [add_member(s, team, f"S{index}") for index in range(1, 9)]
            add_member(s, team, "U1", role=Role.MANAGER)  # nb-NO in the fake Slack
            add_member(s, team, "U3", role=Role.MANAGER)  # en-US
            return TeamView.of(team), sellers

    def answer(self, team: TeamView, sellers: list[Member], values: list[tuple[int, int]]) -> None:
        with self.db.session() as s:
            for member, (safety, standard) in zip(sellers, values, strict=False):
                answer_pulse(s, team.id, member, uniform(safety, standard, 4))

    def posts(self, channel: str) -> list[Call]:
        """The summaries posted in a channel or DM (not the replies in their threads)."""
        return [
            c
            for c in self.fake.calls_to("chat.postMessage")
            if c.params.get("channel") == channel and not c.params.get("thread_ts")
        ]

    def read(self, post: Call) -> str:
        """What a reader reads: the post and the replies in its thread."""
        ts = self.fake.ts_for(post)
        replies = [c for c in self.fake.calls_to("chat.postMessage") if c.params.get("thread_ts") == ts]
        return "\n".join(block_texts(call) for call in (post, *replies))


@pytest.fixture
def setup(fake_slack: FakeSlack, db_url: str) -> Iterator[Setup]:
    db = Database.from_url(db_url)
    clock = Clock(SUMMARY_TIME)
    client = RenderingClient(token=BOT_TOKEN, base_url=fake_slack.url)
    sender = SummarySlackSender(client, Profiles(ProfileStore(db, clock), "nb"), "nb")
    yield Setup(db, fake_slack, SummaryService(db, clock, sender))
    db.dispose()


def validate_blocks(fake: FakeSlack) -> int:
    checked = 0
    for call in fake.calls_to("chat.postMessage"):
        assert len(str(call.params.get("text", ""))) <= 4000
        blocks = call.params.get("blocks") or []
        assert 0 < len(blocks) <= 50
        for raw in blocks:
            block = Block.parse(raw)
            assert block is not None, raw
            block.validate_json()
            checked += 1
    return checked


def publish(setup: Setup, team: TeamView) -> PublishOutcome:
    return setup.service.publish(team, SUMMARY_TIME)


def test_the_summary_lands_in_the_channel_in_the_teams_language_with_the_chart(setup: Setup) -> None:
    team, sellers = setup.team(locale="sv")
    setup.answer(team, sellers, [(4, 4)] * 6)

    outcome = publish(setup, team)

    assert outcome.channel is SendResult.SENT
    (post,) = setup.posts("C_TEAM")
    text = setup.read(post)
    assert (
        t(
            "sv",
            "summary.zone",
            zone=t("sv", "zone.performance.name"),
            meaning=t("sv", "zone.performance.meaning"),
        )
        in text
    )
    assert t("sv", "result.axis", axis=t("sv", "axis.safety"), value="4,0") in text
    assert t("sv", "summary.response", answered=6, eligible=8) in text
    assert t("sv", "summary.no_previous") in text
    assert t("sv", "summary.zone_window") not in text  # one week: the zone rests on it alone
    assert t("sv", "summary.lever", advice="").split(":")[0] not in text  # the lever is for managers only

    (get_url,) = setup.fake.calls_to("files.getUploadURLExternal")
    (complete,) = setup.fake.calls_to("files.completeUploadExternal")
    assert get_url.params["filename"] == f"balansebrett-{PERIOD}.png"
    assert outcome.summary is not None
    alt = get_url.params["alt_txt"]
    assert alt == msg.chart_alt_text("sv", outcome.summary)
    assert t("sv", "zone.performance.name") in alt and "vecka 48: trygghet 4,0, standard 4,0" in alt
    assert complete.params["channel_id"] == "C_TEAM"
    assert complete.params["thread_ts"] == setup.fake.ts_for(post)
    assert complete.params["files"][0]["title"] == t("sv", "chart.file_title", week=48)
    (png,) = setup.fake.uploads.values()
    assert png.startswith(PNG_SIGNATURE)
    assert struct.unpack(">II", png[16:24]) == (1200, 900)  # the IHDR width and height
    assert validate_blocks(setup.fake) > 10


def test_each_manager_gets_the_summary_with_the_lever_in_their_language(setup: Setup) -> None:
    team, sellers = setup.team(locale="sv")
    setup.answer(team, sellers, [(5, 2)] * 6)  # comfort zone: more system leadership

    outcome = publish(setup, team)

    assert dict(outcome.managers) == {"U1": SendResult.SENT, "U3": SendResult.SENT}
    (nb_dm,) = setup.posts("DU1")
    (en_dm,) = setup.posts("DU3")
    assert t("nb", "summary.lever", advice=t("nb", "lever.more_system.manager")) in block_texts(nb_dm)
    assert "systemledelse" in block_texts(nb_dm)
    assert t("nb", "zone.comfort.name") in block_texts(nb_dm)
    assert t("en", "summary.lever", advice=t("en", "lever.more_system.manager")) in block_texts(en_dm)
    assert "5.0" in setup.read(en_dm)  # a decimal point in English
    assert "Salg Øst" in block_texts(en_dm)
    assert len(setup.fake.calls_to("files.getUploadURLExternal")) == 1  # the chart only in the channel
    with setup.db.session() as s:
        ids = [members.find_member(s, WS, user_id).id for user_id in ("U1", "U3")]  # type: ignore[union-attr]
        rows = [ledger.get(s, WS, DeliveryKind.SUMMARY_DM, f"{team.id}:{m}", PERIOD) for m in ids]
    assert all(row is not None and row.status == DeliveryStatus.SENT for row in rows)
    validate_blocks(setup.fake)


def test_a_suppressed_week_shows_the_count_only_and_no_chart(setup: Setup) -> None:
    team, sellers = setup.team(locale="nb")
    setup.answer(team, sellers, [(5, 5), (1, 1), (3, 2)])

    publish(setup, team)

    (post,) = setup.posts("C_TEAM")
    text = block_texts(post)
    assert "3 av 8 svarte – det trengs minst 5 svar før tall vises." in text
    assert set(re.findall(r"\d+", text)) <= {"3", "8", "5", "48"}  # counts and the week, no figures
    assert t("nb", "zone.comfort.name") not in text
    assert not re.search(r"\d[,.]\d", text)
    assert not setup.fake.calls_to("files.getUploadURLExternal")
    assert not setup.fake.uploads
    for dm in (setup.posts("DU1")[0], setup.posts("DU3")[0]):
        assert set(re.findall(r"\d+", block_texts(dm))) <= {"3", "8", "5", "48"}
    assert t("en", "summary.suppressed", answered=3, eligible=8, minimum=5) in block_texts(
        setup.posts("DU3")[0]
    )
    validate_blocks(setup.fake)


def test_a_channel_the_bot_cannot_reach_is_unreachable(setup: Setup) -> None:
    team, sellers = setup.team()
    setup.answer(team, sellers, [(4, 4)] * 6)
    setup.fake.fail_next("chat.postMessage", status=200, error="not_in_channel")

    outcome = publish(setup, team)

    assert outcome.channel is SendResult.UNREACHABLE
    assert not setup.fake.calls_to("files.getUploadURLExternal")


def test_a_workspace_wide_refusal_is_retried_not_skipped(setup: Setup) -> None:
    """The same table as the pulses: a workspace policy is not this channel's fault, so the week's summary
    stays claimed for a later run instead of being skipped for good."""
    team, sellers = setup.team()
    setup.answer(team, sellers, [(4, 4)] * 6)
    setup.fake.fail_next("chat.postMessage", status=200, error="restricted_action")

    outcome = publish(setup, team)

    assert outcome.channel is SendResult.FAILED
    assert [call for call in setup.posts("C_TEAM") if call.response.get("ok")] == []


def test_a_failed_chart_upload_still_counts_as_sent(setup: Setup) -> None:
    team, sellers = setup.team()
    setup.answer(team, sellers, [(4, 4)] * 6)
    setup.fake.fail_next("files.getUploadURLExternal", status=200, error="internal_error")

    outcome = publish(setup, team)

    assert outcome.channel is SendResult.SENT
    assert len(setup.posts("C_TEAM")) == 1


def test_a_manager_whose_dm_cannot_be_opened_is_unreachable(setup: Setup) -> None:
    team, sellers = setup.team()
    setup.answer(team, sellers, [(4, 4)] * 6)
    setup.fake.add_user("U3", locale="en-US", tz="America/New_York", deleted=True)

    outcome = publish(setup, team)

    assert outcome.managers["U3"] is SendResult.UNREACHABLE
    assert outcome.managers["U1"] is SendResult.SENT


# -- the message on its own ------------------------------------------------------------------------------


def test_numbers_use_the_locales_decimal_mark_and_a_real_minus() -> None:
    assert msg.number("nb", 3.26) == "3,3"
    assert msg.number("sv", 4.0) == "4,0"
    assert msg.number("en", 4.04) == "4.0"
    assert msg.number("nb", -0.64, signed=True) == "−0,6"
    assert msg.number("en", 0.36, signed=True) == "+0.4"
    assert msg.number("nb", -0.04, signed=True) == "±0,0"


def no_zone_summary() -> TeamSummary:
    """Enough respondents, but too few with a standard mean to place the team in a zone."""
    return TeamSummary(
        period=PERIOD,
        respondents=5,
        eligible=6,
        min_respondents=5,
        suppressed=False,
        zone=None,
        borderline=False,
        safety=AxisTrend(mean=3.8, change=None, trend=Trend.NONE, rolling=None),
        standard=None,
        administration=None,
        measured_traits=frozenset(),
        weakest_trait=None,
        split=False,
        lever=None,
        history=(),
    )


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_a_week_without_a_zone_says_so_and_has_no_chart(locale: str) -> None:
    summary = no_zone_summary()
    channel = msg.channel_summary(locale, "<!channel> & co", summary)  # type: ignore[arg-type]
    manager = msg.manager_summary(locale, "<!channel> & co", summary)  # type: ignore[arg-type]

    for message in (channel, manager):
        blocks = message.as_kwargs()["blocks"]
        text = "\n".join(str(block) for block in blocks)
        assert t(locale, "summary.no_zone") in text
        assert t(locale, "summary.lever", advice="x").split(":")[0] not in text
        for raw in blocks:
            Block.parse(raw).validate_json()  # type: ignore[union-attr]
    assert not msg.has_chart(summary)
    sent = rendered_payload("chat.postMessage", manager.as_kwargs())  # as it leaves for Slack
    assert "<!channel>" not in sent["text"] and "&lt;!channel&gt;" in str(sent["blocks"][1])


def test_a_long_team_name_keeps_the_header_within_slacks_limit() -> None:
    message = msg.channel_summary("nb", "Å" * 200, no_zone_summary())
    header = message.as_kwargs()["blocks"][0]
    assert header["type"] == "header" and len(header["text"]["text"]) <= 150


def test_the_post_and_the_dm_name_the_weakest_trait_but_show_no_trait_figure(setup: Setup) -> None:
    team, sellers = setup.team(locale="nb")
    setup.answer(team, sellers, [(4, 2)] * 6)  # safety 4,0, standard 2,0, administration 4,0

    outcome = publish(setup, team)

    assert outcome.summary is not None and outcome.summary.weakest_trait is not None
    weakest = t("nb", f"trait.{outcome.summary.weakest_trait}")
    for post in (*setup.posts("C_TEAM"), *setup.posts("DU1")):
        assert weakest in block_texts(post)
        lines = setup.read(post).splitlines()
        # Trait figures would let a reader solve for one seller's answer (tests/security/test_differencing.py):
        # the only numbers on a line are the three axes and the counts.
        for line in lines:
            if re.search(r"\d,\d", line):
                assert any(
                    t("nb", f"axis.{axis}") in line for axis in ("safety", "standard", "administration")
                )


def test_a_rise_of_the_same_sellers_against_their_own_weeks_before_is_called_up(setup: Setup) -> None:
    """Eight sellers who answered the four weeks before, each around their own level: when all of them
    answer higher on safety, the post says "up" for the same sellers; standard, unchanged, is stable."""
    team, sellers = setup.team(locale="nb")
    earlier = ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    levels = [2, 3, 4, 3, 2, 3, 4, 3]
    with setup.db.session() as s:
        for week, period in enumerate(earlier):
            for index, (member, level) in enumerate(zip(sellers, levels, strict=True)):
                wobble = (index + week) % 2  # each seller moves a step from week to week
                answer_pulse(s, team.id, member, uniform(level + wobble, level + wobble, 4), period=period)
        for index, (member, level) in enumerate(zip(sellers, levels, strict=True)):
            answer_pulse(s, team.id, member, uniform(level + 1 + index % 2, level + index % 2, 4))
    for back, period in enumerate(reversed(earlier), start=1):
        assert setup.service.publish(team, SUMMARY_TIME - timedelta(weeks=back)).period == period

    outcome = publish(setup, team)

    assert outcome.summary is not None and outcome.summary.safety is not None
    assert outcome.summary.safety.paired is True
    text = setup.read(setup.posts("C_TEAM")[-1])  # the post and the figures in its thread
    assert t("nb", "summary.trend_paired.up") in text
    assert t("nb", "summary.trend_paired.stable") in text  # standard: the same sellers, unchanged
    assert t("nb", "summary.zone_window") in text  # five weeks: the zone rests on all of them
    # the chart draws each of the five weeks inside its interval
    summary = outcome.summary
    assert len(summary.history_margins) == len(summary.history) == 5
    assert all(across > 0 and up > 0 for across, up in summary.history_margins)
    png = list(setup.fake.uploads.values())[-1]
    labels = msg.chart_labels("nb")
    drawn = render_zone_chart(
        summary.history, cutoff=team.cutoff, labels=labels, intervals=summary.history_margins
    )
    assert png == drawn != render_zone_chart(summary.history, cutoff=team.cutoff, labels=labels)


def test_the_teams_full_survey_of_the_month_joins_the_zone(setup: Setup) -> None:
    """Six sellers answer the pulse at 3 and took this month's full survey at 4 on both axes: alone the
    week is apathy; with the survey the zone is placed by both (3.5: performance), and the post says
    the zone rests on more than one week."""
    team, sellers = setup.team(locale="en")
    with setup.db.session() as s:
        for member in sellers[:6]:
            answer_pulse(s, team.id, member, uniform(4, 4, 4), period="2026-11", kind="survey")
            answer_pulse(s, team.id, member, uniform(3, 3, 4))

    outcome = publish(setup, team)

    assert outcome.summary is not None and outcome.summary.safety is not None
    assert outcome.summary.safety.mean == 3.0
    assert outcome.summary.safety.zone_level == 3.5
    assert outcome.summary.safety.level is None  # one week: no figure over the window to show
    assert outcome.summary.zone is not None and outcome.summary.zone.value == "performance"
    text = setup.read(setup.posts("C_TEAM")[-1])
    assert t("en", "summary.zone_window") in text
