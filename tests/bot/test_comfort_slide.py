"""A slide toward the comfort zone leads the managers' summary DM as urgent (its notification text too),
and the team channel gets the same figures without the alarm. Real WebClient against the fake Slack."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.messages.mrkdwn import RenderingClient
from bot.profiles import Profiles
from bot.senders.summaries import SummarySlackSender
from coaching.comfort import Slide
from scheduling.summaries import SummaryService
from storage.db import Database
from storage.models import Role
from survey_flows.profiles import ProfileStore
from survey_flows.views import TeamView
from tests.support.fake_slack import Call, FakeSlack
from tests.support.harness import BOT_TOKEN, Clock, block_texts
from tests.support.phone import top_level
from tests.support.shown import t
from tests.support.summary_weeks import SUMMARY_TIME, add_member, answer_pulse, make_team, uniform, week_of


class Weeks:
    def __init__(self, db: Database, fake: FakeSlack) -> None:
        self.db, self.fake = db, fake
        client = RenderingClient(token=BOT_TOKEN, base_url=fake.url)
        clock = Clock(SUMMARY_TIME)
        self.service = SummaryService(
            db, clock, SummarySlackSender(client, Profiles(ProfileStore(db, clock), "nb"), "nb")
        )
        with db.session() as s:
            team = make_team(s, locale="nb")
            self.sellers = [add_member(s, team, f"S{index}") for index in range(1, 9)]
            add_member(s, team, "U1", role=Role.MANAGER)  # nb
            add_member(s, team, "U3", role=Role.MANAGER)  # en
            self.team = TeamView.of(team)

    def week(self, period: str, safety: int, standard: int) -> None:
        with self.db.session() as s:
            for seller in self.sellers:
                answer_pulse(s, self.team.id, seller, uniform(safety, standard, 4), period=period)
        self.service.publish(self.team, week_of(period))

    def last(self, channel: str) -> Call:
        """The last summary in a channel or DM (not a reply in its thread)."""
        return top_level(
            c for c in self.fake.calls_to("chat.postMessage") if c.params.get("channel") == channel
        )[-1]


@pytest.fixture
def weeks(fake_slack: FakeSlack, db_url: str) -> Iterator[Weeks]:
    db = Database.from_url(db_url)
    yield Weeks(db, fake_slack)
    db.dispose()


def test_sliding_into_comfort_leads_the_managers_dm_as_urgent(weeks: Weeks) -> None:
    weeks.week("2026-W47", 4, 4)  # performance
    weeks.week("2026-W48", 4, 2)  # comfort

    nb_dm, en_dm, channel = weeks.last("DU1"), weeks.last("DU3"), weeks.last("C_TEAM")
    assert t("nb", "summary.slide.into_comfort") in block_texts(nb_dm)
    assert t("nb", "summary.slide.why") in block_texts(nb_dm)
    assert str(nb_dm.params["text"]).startswith(t("nb", "summary.slide.notice"))
    blocks = nb_dm.params["blocks"]
    first_section = next(b for b in blocks if b["type"] == "section")
    assert (
        t("nb", "summary.slide.into_comfort") in first_section["text"]["text"]
    )  # before the zone and figures
    assert t("en", "summary.slide.into_comfort") in block_texts(en_dm)
    assert t("nb", "summary.slide.why") not in block_texts(channel)
    assert t("nb", "zone.comfort.meaning") in block_texts(channel)  # the channel sees why comfort matters


def test_a_falling_standard_while_safety_holds_is_urgent_with_its_figure(weeks: Weeks) -> None:
    weeks.week("2026-W47", 5, 5)
    weeks.week("2026-W48", 5, 4)  # still performance, the standard fell by 1.0

    text = block_texts(weeks.last("DU1"))
    assert t("nb", "summary.slide.toward_comfort", change="1,0") in text
    assert t("en", "summary.slide.toward_comfort", change="1.0") in block_texts(weeks.last("DU3"))


def test_a_steady_week_has_no_alarm(weeks: Weeks) -> None:
    weeks.week("2026-W47", 4, 4)
    weeks.week("2026-W48", 4, 4)

    dm = weeks.last("DU1")
    assert t("nb", "summary.slide.why") not in block_texts(dm)
    assert not str(dm.params["text"]).startswith(t("nb", "summary.slide.notice"))
    assert weeks.service.latest(weeks.team.id).slide is None  # type: ignore[union-attr]


def test_the_frozen_week_keeps_its_slide(weeks: Weeks) -> None:
    weeks.week("2026-W47", 4, 4)
    weeks.week("2026-W48", 4, 2)
    latest = weeks.service.latest(weeks.team.id)
    assert latest is not None and latest.slide is Slide.INTO_COMFORT
