"""The weekly summary in a team's first weeks, through the real app: set up on a Tuesday with this week's
pulse sent now, sellers answer by tapping, the Friday summary is published in the channel.

- A trait the week's rotation did not ask enough sellers is "not measured this time", not "too few
  answers", and the weakest trait is picked among the measured ones only.
- The first summary has nothing to compare with, so no "up or down only when ..." footnote; the second
  one, which compares, has it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.runtime import Runtime
from coaching.instrument import ITEMS_BY_ID, Trait
from coaching.pulse import pulse_items
from reports import charts
from tests.support.harness import Harness, running
from tests.support.phone import top_level, with_thread
from tests.support.shown import t
from tests.support.team_setup import CHANNEL, WS, open_setup, submit, team_of

OSLO = "Europe/Oslo"
SELLERS = ("UKARI", "ULISA", "UJO", "UPER")
ANSWERING = SELLERS[:3]
MINIMUM = 3
TUESDAY = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # 10:30 in Oslo, week 49
FRIDAY = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)  # 14:00 in Oslo: the summary


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    for user_id in SELLERS:
        harness.fake.add_user(user_id, locale="nb-NO", tz=OSLO)
    harness.fake.set_members(CHANNEL, ["U1", *SELLERS, "UBOT"])
    with running(harness) as built:
        yield built


def traits_asked(period: str) -> dict[Trait, int]:
    """How many of the answering sellers the week's rotation asks about each trait (from the public
    rotation, not from the summary)."""
    asked = dict.fromkeys(Trait, 0)
    for user_id in ANSWERING:
        for trait in {item.trait for item in pulse_items(f"{WS}:{user_id}", period)}:
            asked[trait] += 1
    return asked


def channel_summaries(harness: Harness) -> list[str]:
    """Each summary as its readers read it: the post and the figures in its thread."""
    posts = top_level(harness.fake.calls_to("chat.postMessage"))
    return [
        with_thread(harness.fake, c)
        for c in posts
        if c.response.get("ok") and c.response.get("channel") == CHANNEL
    ]


def answer_week(harness: Harness, period: str, weakest: Trait | None) -> None:
    """Every answering seller taps through their pulse, as scored: 2 for `weakest`, 1 for traits asked too
    few to be measured (lower still: they must not be picked), 4 for the rest."""
    asked = traits_asked(period)

    def value(item_id: str) -> int:
        item = ITEMS_BY_ID[item_id]
        scored = 1 if asked[item.trait] < MINIMUM else 2 if item.trait == weakest else 4
        # the value as scored: a reverse-keyed item is answered the other way round, so every seller's
        # trait means are exactly these and the weakest is the weakest beyond any noise
        return 6 - scored if item.reverse else scored

    for user_id in ANSWERING:
        harness.answer_all(value, user_id=user_id)


@pytest.mark.parametrize(("locale", "week"), [("nb", "uke 49"), ("sv", "v. 49"), ("en", "W49")])
def test_the_first_summary_names_what_was_not_measured_and_has_no_footnote_on_change(
    harness: Harness, runtime: Runtime, monkeypatch: pytest.MonkeyPatch, locale: str, week: str
) -> None:
    drawn: list[str] = []

    def label_weeks(axes: object, placer: object, points: list[tuple[str, float, float]]) -> None:
        drawn.extend(label for label, _x, _y in points)
        original(axes, placer, points)

    original = charts.label_weeks
    monkeypatch.setattr(charts, "label_weeks", label_weeks)
    harness.clock.now = TUESDAY
    assert runtime.scheduler.tick()
    submit(
        harness,
        open_setup(harness),
        setup_name="Team Øst",
        setup_members=list(SELLERS),
        setup_min_respondents=str(MINIMUM),
        setup_locale=locale,
    )
    runtime.scheduler.run_first_pulses()
    asked = traits_asked("2026-W49")
    unmeasured = [trait for trait in Trait if asked[trait] < MINIMUM]
    measured = [trait for trait in Trait if asked[trait] >= MINIMUM]
    assert unmeasured and len(measured) >= 2  # the rotation of these sellers this week (a precondition)
    weakest = measured[-1]
    answer_week(harness, "2026-W49", weakest)

    harness.clock.now = FRIDAY
    assert runtime.dispatcher.publish_summaries(team_of(harness)[0].id)

    (first,) = channel_summaries(harness)
    names = [t(locale, f"trait.{trait}") for trait in unmeasured]
    listed = (
        names[0] if len(names) == 1 else t(locale, "notice.and", first=", ".join(names[:-1]), last=names[-1])
    )
    assert t(locale, "summary.not_measured", traits=listed) in first
    trait = t(locale, f"trait.{weakest}")
    suggestion = t(locale, f"trait.{weakest}.suggestion")
    assert t(locale, "summary.weakest_measured", trait=trait, suggestion=suggestion) in first
    assert t(locale, "summary.noise") not in first  # nothing to compare with on a team's first summary
    assert t(locale, "summary.no_previous") in first
    assert drawn == [week]  # the chart in the summary's thread labels its one week in the team's language


def test_the_second_summary_compares_and_explains_up_and_down(harness: Harness, runtime: Runtime) -> None:
    harness.clock.now = TUESDAY
    assert runtime.scheduler.tick()
    view = open_setup(harness)
    submit(harness, view, setup_members=list(SELLERS), setup_min_respondents=str(MINIMUM), setup_name="Øst")
    runtime.scheduler.run_first_pulses()
    team_id = team_of(harness)[0].id
    answer_week(harness, "2026-W49", None)
    harness.clock.now = FRIDAY
    runtime.dispatcher.publish_summaries(team_id)

    harness.clock.now = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # Monday 09:00: the scheduled pulse
    runtime.dispatcher.run_daily(team_id, OSLO)
    answer_week(harness, "2026-W50", None)
    harness.clock.now = FRIDAY + timedelta(weeks=1)
    runtime.dispatcher.publish_summaries(team_id)

    first, second = channel_summaries(harness)
    assert t("nb", "summary.noise") not in first
    assert t("nb", "summary.noise") in second
