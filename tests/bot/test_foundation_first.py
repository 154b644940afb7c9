"""The administration foundation first, as a seller and a manager see it: through the real Bolt app (the
seller's own result) and the real WebClient against the fake Slack (the managers' summary DM)."""

from __future__ import annotations

import pytest

from bot.messages.mrkdwn import RenderingClient
from bot.profiles import Profiles
from bot.senders.summaries import SummarySlackSender
from coaching.instrument import ITEMS_BY_ID, Axis
from scheduling.summaries import SummaryService
from storage.db import Database
from storage.models import Role
from survey_flows.profiles import ProfileStore
from survey_flows.views import Kind, TeamView
from tests.support.fake_slack import FakeSlack
from tests.support.harness import BOT_TOKEN, Clock, Harness, block_texts
from tests.support.phone import top_level
from tests.support.seeded_runs import all_but_the_last
from tests.support.shown import t
from tests.support.summary_weeks import SUMMARY_TIME, add_member, answer_pulse, make_team, uniform


def _comfort_with_admin(admin: int):
    """A seller who experiences comfort (safety 5, standard 2) and this administration score."""

    def values(item_id: str) -> int:
        item = ITEMS_BY_ID[item_id]
        raw = {Axis.SAFETY: 5, Axis.STANDARD: 2, Axis.ADMINISTRATION: admin}[item.axis]
        return 6 - raw if item.reverse else raw

    return values


@pytest.mark.parametrize(("admin", "first"), [(2, True), (4, False)])
def test_the_sellers_result_puts_a_failing_foundation_first(
    harness: Harness, admin: int, first: bool
) -> None:
    all_but_the_last(harness, "U1", "nb", _comfort_with_admin(admin), Kind.FULL)
    harness.command("undersøkelse")
    harness.answer_all(_comfort_with_admin(admin))

    text = block_texts(harness.fake.calls_to("chat.postMessage")[-1])
    foundation = t("nb", "lever.foundation_first.seller")
    then_system = t("nb", "lever.then", advice=t("nb", "lever.more_system.seller"))
    assert t("nb", "zone.comfort.name") in text
    if first:
        assert t("nb", "result.lever", advice=f"{foundation} {then_system}") in text
    else:
        assert foundation not in text
        assert t("nb", "result.lever", advice=t("nb", "lever.more_system.seller")) in text


def test_the_managers_dm_puts_a_failing_foundation_first_and_the_channel_sees_no_lever(
    fake_slack: FakeSlack, db_url: str
) -> None:
    db = Database.from_url(db_url)
    try:
        client = RenderingClient(token=BOT_TOKEN, base_url=fake_slack.url)
        clock = Clock(SUMMARY_TIME)
        service = SummaryService(
            db, clock, SummarySlackSender(client, Profiles(ProfileStore(db, clock), "nb"), "nb")
        )
        with db.session() as s:
            team = make_team(s, locale="nb")
            sellers = [add_member(s, team, f"S{index}") for index in range(1, 7)]
            add_member(s, team, "U1", role=Role.MANAGER)
            for seller in sellers:  # performance zone, administration 2: the foundation is failing
                answer_pulse(s, team.id, seller, uniform(4, 4, 2))
            view = TeamView.of(team)

        service.publish(view, SUMMARY_TIME)

        posts = {
            c.params["channel"]: block_texts(c) for c in top_level(fake_slack.calls_to("chat.postMessage"))
        }
        advice = f"{t('nb', 'lever.foundation_first.manager')} " + t(
            "nb", "lever.then", advice=t("nb", "lever.press_both.manager")
        )
        assert t("nb", "summary.lever", advice=advice) in posts["DU1"]
        assert t("nb", "lever.foundation_first.manager") not in posts["C_TEAM"]
    finally:
        db.dispose()
