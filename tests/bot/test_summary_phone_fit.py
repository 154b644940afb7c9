"""The weekly summary fits a phone: the channel post says where the team is and what to work on, the
manager's DM leads with their lever instead of repeating the post, and the figures, the footnotes and the
chart are one tap away in each message's thread. Real WebClient against the fake Slack."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.messages.mrkdwn import RenderingClient
from bot.profiles import Profiles
from bot.senders.summaries import SummarySlackSender
from coaching.instrument import Axis
from scheduling.summaries import PublishOutcome, SummaryService
from storage.db import Database
from storage.models import Role
from survey_flows.profiles import ProfileStore
from survey_flows.views import TeamView
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import BOT_TOKEN, Clock, block_texts
from tests.support.phone import replies_to, text_lines, top_level
from tests.support.shown import t
from tests.support.summary_weeks import SUMMARY_TIME, add_member, answer_pulse, make_team, uniform, week_of

PHONE_LINES = 8  # the old post ran to 16 lines, and the DM repeated all of them


class Team:
    def __init__(self, db: Database, fake: FakeSlack, locale: str) -> None:
        self.db, self.fake = db, fake
        client = RenderingClient(token=BOT_TOKEN, base_url=fake.url)
        clock = Clock(SUMMARY_TIME)
        self.service = SummaryService(
            db, clock, SummarySlackSender(client, Profiles(ProfileStore(db, clock), "nb"), "nb")
        )
        with db.session() as s:
            team = make_team(s, locale=locale)
            self.sellers = [add_member(s, team, f"S{index}") for index in range(1, 9)]
            add_member(s, team, "U1", role=Role.MANAGER)  # nb-NO in the fake Slack
            add_member(s, team, "U3", role=Role.MANAGER)  # en-US
            self.team = TeamView.of(team)

    def week(self, period: str, answers: list[tuple[int, int]], administration: int = 4) -> PublishOutcome:
        with self.db.session() as s:
            for seller, (safety, standard) in zip(self.sellers, answers, strict=False):
                answer_pulse(
                    s, self.team.id, seller, uniform(safety, standard, administration), period=period
                )
        return self.service.publish(self.team, week_of(period))

    def last(self, channel: str) -> Call:
        calls = self.fake.calls_to("chat.postMessage")
        return top_level(c for c in calls if c.params.get("channel") == channel)[-1]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.from_url(db_url)
    yield database
    database.dispose()


def _heavy_week(team: Team) -> PublishOutcome:
    """Everything a week can carry: a slide into the comfort zone, a split team and a weakest trait."""
    # the performance zone, already split on safety: the split is read over the weeks, not one week
    # systematic follow-up (the administration item) at 1 from everyone both weeks: reliably the weakest
    team.week("2026-W47", [(5, 4)] * 5 + [(2, 4)] * 3, administration=1)
    return team.week("2026-W48", [(5, 2)] * 5 + [(2, 2)] * 3, administration=1)


def test_the_channel_post_fits_a_phone_and_the_figures_are_in_its_thread(
    fake_slack: FakeSlack, db: Database
) -> None:
    team = Team(db, fake_slack, "nb")
    outcome = _heavy_week(team)
    summary = outcome.summary
    assert summary is not None and summary.split and summary.weakest_trait is not None

    post = team.last("C_TEAM")
    lines = text_lines(post)
    assert len(lines) <= PHONE_LINES, lines
    assert lines[0] == t("nb", "summary.title", team=team.team.name, week=48)
    assert lines[1].startswith(t("nb", "summary.zone", zone=t("nb", "zone.comfort.name"), meaning="").strip())
    weakest = t("nb", f"trait.{summary.weakest_trait}.suggestion")
    assert any(weakest in line for line in lines)  # what to work on, in the post itself
    assert t("nb", "summary.in_thread.chart") in lines[-1]
    assert t("nb", "axis.safety") not in block_texts(post)

    (figures,) = replies_to(fake_slack, post)
    text = block_texts(figures)
    for axis in (Axis.SAFETY, Axis.STANDARD, Axis.ADMINISTRATION):
        assert t("nb", f"axis.{axis}") + ": *" in text
    down = t("nb", "summary.trend_paired.down")  # the same sellers, against their own week before
    assert t("nb", "summary.change", change="−2,0", trend=down) in text
    assert t("nb", "summary.noise") in text
    assert t("nb", "summary.anonymous", minimum=5) in text
    chart = fake_slack.calls_to("files.completeUploadExternal")[-1]
    assert chart.params["thread_ts"] == fake_slack.ts_for(post)  # the chart after the figures


@pytest.mark.parametrize(("manager", "locale"), [("U1", "nb"), ("U3", "en")])
def test_the_managers_dm_leads_with_the_lever_and_does_not_repeat_the_post(
    fake_slack: FakeSlack, db: Database, manager: str, locale: str
) -> None:
    team = Team(db, fake_slack, "nb")
    outcome = _heavy_week(team)
    assert outcome.summary is not None and outcome.summary.lever is not None

    dm = team.last(f"D{manager}")
    lines = text_lines(dm)
    assert len(lines) <= PHONE_LINES + 2, lines  # plus the urgent slide and why it matters
    sections = [b["text"]["text"] for b in dm.params["blocks"] if b["type"] == "section"]
    assert sections[0].startswith(t(locale, "summary.slide.into_comfort"))
    assert sections[1].startswith(t(locale, "summary.lever", advice="").strip())
    assert t(locale, "zone.comfort.meaning") not in block_texts(dm)  # the channel post explains the zone
    zone = t(locale, "summary.zone", zone=t(locale, "zone.comfort.name"), meaning="").strip()
    assert zone not in block_texts(dm)  # the urgent lead has named it already
    channel_lines = set(text_lines(team.last("C_TEAM")))
    assert len(channel_lines & set(lines)) <= 3  # the title, the split and the weakest trait at most

    (figures,) = replies_to(fake_slack, dm)
    assert t(locale, "summary.anonymous", minimum=5) in block_texts(figures)
    assert t(locale, "axis.standard") in block_texts(figures)


def test_a_suppressed_week_has_nothing_in_the_thread(fake_slack: FakeSlack, db: Database) -> None:
    team = Team(db, fake_slack, "sv")
    team.week("2026-W48", [(4, 4)] * 3)  # 3 of 8, below the minimum of 5

    for channel in ("C_TEAM", "DU1", "DU3"):
        post = team.last(channel)
        assert len(text_lines(post)) <= 5
        assert replies_to(fake_slack, post) == []
    assert not fake_slack.calls_to("files.getUploadURLExternal")
