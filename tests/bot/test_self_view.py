"""The leader's self-view through the real Bolt app and the fake Slack: the mirror questions in a DM
thread, the profile, the gaps to a published team week, and nothing of a hidden team."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from coaching.instrument import ITEMS_BY_ID, Axis, Trait
from coaching.mirror_items import mirror_text
from scheduling.summaries import SummaryService
from tests.support.harness import Harness, block_texts, button
from tests.support.resuming import notes, waiting
from tests.support.seeded_runs import all_but_the_last
from tests.support.self_views import (
    TEAM_NUMBERS,
    TEAM_WEEK,
    SummaryOnlySender,
    leader,
    published_team,
    suppressed_team,
    team_with_weeks,
)
from tests.support.shown import t

VALIDATED_SEEDED = 15
"""Blocks a seeded self-view sends at least: the intro, question 40, their updates and the result."""
WORDS = {"U1": ("nb", "selv"), "U2": ("sv", "själv"), "U3": ("en", "self")}


def validated(harness: Harness) -> int:
    """Every block the app sent, parsed and validated by slack_sdk; returns how many."""
    checked = 0
    for method in ("chat.postMessage", "chat.update", "response_url", "views.publish"):
        for call in harness.fake.calls_to(method):
            blocks = call.params.get("blocks") or call.params.get("view", {}).get("blocks") or []
            assert len(blocks) <= (100 if method == "views.publish" else 50)
            for raw in blocks:
                block = Block.parse(raw)
                assert block is not None, raw
                block.validate_json()
                checked += 1
    return checked


def run_self_view(
    harness: Harness, user: str, choose: Callable[[str], int], *, every_tap_in_slack: bool = False
) -> str:
    """`/balanse selv` (in the user's language) answered through; the text of the posted result. Unless
    `every_tap_in_slack`, the first 39 answers are seeded through the flow and only the last is tapped."""
    locale, word = WORDS[user]
    if not every_tap_in_slack:
        all_but_the_last(harness, user, locale, choose)
    harness.command(word, user_id=user)
    harness.answer_all(choose, user_id=user)
    result = harness.fake.calls_to("chat.postMessage")[-1]
    assert result.params["reply_broadcast"] is True
    assert result.response.get("channel") == f"D{user}"
    return block_texts(result)


def gap_line(locale: str, key: str, own: str, team: str, difference: str, words: str) -> str:
    kind, _, name = key.partition(".")
    if kind == "axis":
        measure = t(locale, f"axis.{Axis(name)}")
    else:
        trait = t(locale, f"trait.{Trait(name)}")
        measure = trait[:1].upper() + trait[1:]
    return t(locale, "self.gap.line", measure=measure, own=own, team=team, difference=difference, words=words)


def less(locale: str, what: str) -> str:
    return t(locale, "self.gap.less", what=what)


def more(locale: str, what: str) -> str:
    return t(locale, "self.gap.more", what=what)


def test_selv_posts_the_mirror_wording_in_a_dm_thread(harness: Harness) -> None:
    harness.command("selv", channel_id="C_GENERAL")

    [parent] = harness.fake.calls_to("chat.postMessage")  # the intro carries question 1
    first = parent
    assert parent.params["channel"] == "DU1"
    assert t("nb", "intro.self.title") in block_texts(parent)
    assert t("nb", "intro.self.privacy") in block_texts(parent)
    assert t("nb", "intro.privacy") not in block_texts(parent)
    assert "1/40" in block_texts(first)
    assert mirror_text("q01", "nb") in block_texts(first)
    assert ITEMS_BY_ID["q01"].text("nb") not in block_texts(first)
    reply = harness.fake.calls_to("response_url")[0].params
    assert reply["response_type"] == "ephemeral"
    assert reply["text"] == t("nb", "command.sent_to_dm", kind=t("nb", "kind.self"))

    harness.tap(button(first, 4), first)
    update = harness.fake.calls_to("chat.update")[-1]
    assert mirror_text("q01", "nb") in block_texts(update)
    assert button(update, 4).get("style") == "primary"
    second = harness.questions("U1")[-1]
    assert mirror_text("q02", "nb") in block_texts(second)

    harness.send(
        harness.requests.message_event(
            user_id="U1", text="5", channel_id="DU1", ts="1800000000.000001", thread_ts=harness.ts_of(parent)
        )
    )
    third = harness.questions("U1")[-1]
    assert "3/40" in block_texts(third)
    assert mirror_text("q03v2", "nb") in block_texts(third)
    assert validated(harness) > 5


def test_a_self_view_resumes_after_a_restart(harness: Harness) -> None:
    harness.command("selv")
    for _ in range(5):
        last = harness.questions()[-1]
        harness.tap(button(last, 3), last)
    question = harness.questions()[-1]

    harness.restart()
    harness.fake.forget_calls()
    harness.command("selv")

    assert harness.fake.calls_to("chat.postMessage") == []
    assert notes(harness) == [waiting(harness, question, "self", 6, 40)]
    assert "6/40" in block_texts(question)
    assert mirror_text("q06", "nb") in block_texts(question)


# (safety, standard, administration) as the manager sees themself -> profile and the seed's tier;
# managing = administration; leading = four safety items and the why (q42, a standard item), so
# (4 * safety + standard) / 5.
CORNERS = [
    ((5, 2, 3), "relation_leader", "self.tier.most", "self.split.managing_lower"),
    ((2, 5, 4), "system_leader", "self.tier.most", "self.split.leading_lower"),
    ((2, 2, 2), "flat", None, "self.split.balanced"),
    ((3, 3, 3), "balanced", "self.tier.good", "self.split.balanced"),
    ((4, 5, 4), "best", "self.tier.best", "self.split.balanced"),
]


@pytest.mark.parametrize(("values", "profile", "tier", "split"), CORNERS)
def test_the_whole_self_view_gives_the_profile_of_each_corner(
    harness: Harness, values: tuple[int, int, int], profile: str, tier: str | None, split: str
) -> None:
    safety, standard, administration = values
    # The first corner taps all 40 questions through Slack: that path is what it proves. The others (and
    # the tests below) seed the first 39 answers through the flow and tap only the last.
    every_tap_in_slack = values == CORNERS[0][0]

    text = run_self_view(harness, "U1", leader(*values), every_tap_in_slack=every_tap_in_slack)

    assert t("nb", "result.self.title") in text
    name = t("nb", f"self.profile.{profile}.name")
    assert t("nb", "self.profile.title", profile=name) in text
    assert t("nb", f"self.profile.{profile}.text") in text
    assert t("nb", "self.own.title") in text
    for axis, value in (
        (Axis.SAFETY, safety),
        (Axis.STANDARD, standard),
        (Axis.ADMINISTRATION, administration),
    ):
        assert t("nb", "result.axis", axis=t("nb", f"axis.{axis}"), value=f"{value},0") in text
    assert not re.search(
        r"\d+\s?% relasjon · \d+\s?% system", text
    )  # a ratio of self-perceptions is no balance
    tiers = {"self.tier.most", "self.tier.good", "self.tier.best"}
    assert all((t("nb", key) in text) == (key == tier) for key in tiers)
    # profile A or B is told that the advice about sellers will name its blind spot
    assert (t("nb", "self.profile.feeds_advice") in text) == (profile in ("relation_leader", "system_leader"))
    assert t("nb", "self.split.managing", value=f"{administration},0") in text
    leading = f"{(4 * safety + standard) / 5:.1f}".replace(".", ",")
    assert t("nb", "self.split.leading", value=leading) in text
    assert t("nb", split) in text
    assert t("nb", "self.team.none") in text  # U1 manages no team here
    assert t("nb", "self.gap.quote") not in text
    others = {p for _, p, _, _ in CORNERS} - {profile}
    assert not any(t("nb", f"self.profile.{other}.text") in text for other in others)
    parent_update = harness.fake.calls_to("chat.update")[-1]
    assert t("nb", "intro.done") in block_texts(parent_update)
    assert validated(harness) > (40 if every_tap_in_slack else VALIDATED_SEEDED)


@pytest.mark.parametrize("user", ["U1", "U2", "U3"])
def test_with_a_published_week_the_gaps_to_the_team_appear(harness: Harness, user: str) -> None:
    locale, _word = WORDS[user]
    published_team(harness.db, user)

    text = run_self_view(harness, user, leader(4, 4, 4))

    def n(value: str) -> str:
        return value.replace(",", ".") if locale == "en" else value

    assert t(locale, "self.team.title", team="Salg Øst", week=48) in text
    what = {axis: t(locale, f"self.what.{axis}") for axis in Axis}
    expected = [
        gap_line(locale, "axis.safety", n("4,0"), n("3,2"), n("−0,8"), less(locale, what[Axis.SAFETY])),
        # +0.6 lies within the noise of one sitting against one week of the team: "about the same"
        gap_line(locale, "axis.standard", n("4,0"), n("4,6"), n("+0,6"), t(locale, "self.gap.same")),
        gap_line(
            locale,
            "axis.administration",
            n("4,0"),
            n("2,4"),
            n("−1,6"),
            less(locale, what[Axis.ADMINISTRATION]),
        ),
    ]
    for line in expected:
        assert line in text, line
    # The team's trait figures are never shown (coaching.summary.TeamSummary): no gap line per trait.
    team_trait = gap_line(
        locale,
        "trait.systematic_follow_up",
        n("4,0"),
        n("2,4"),
        n("−1,6"),
        less(locale, t(locale, "trait.systematic_follow_up")),
    )
    assert team_trait not in text
    largest = t(
        locale,
        "self.gap.largest",
        measure=t(locale, "axis.administration"),
        difference=n("−1,6"),
        words=less(locale, what[Axis.ADMINISTRATION]),
    )
    assert largest in text
    assert t(locale, "self.gap.quote") in text
    assert t(locale, "self.profile.title", profile=t(locale, "self.profile.best.name")) in text
    assert t(locale, "self.split.managing", value=n("4,0")) in text
    assert t(locale, "self.team.hidden") not in text
    assert mirror_text("q40", locale) in block_texts(harness.questions(user)[-1])
    assert validated(harness) > VALIDATED_SEEDED


@pytest.mark.parametrize(
    "weeks",
    [
        [("2026-W48", TEAM_WEEK[:4])],  # four answers, the minimum is five
        [("2026-W47", TEAM_WEEK), ("2026-W48", TEAM_WEEK[:4])],  # shown before, suppressed now
    ],
    ids=["below-minimum", "latest-suppressed"],
)
@pytest.mark.parametrize("user", ["U1", "U2", "U3"])
def test_a_hidden_team_shows_one_line_and_no_team_figure(
    harness: Harness, weeks: list[Any], user: str
) -> None:
    locale, _word = WORDS[user]
    team_with_weeks(harness.db, user, weeks)

    text = run_self_view(harness, user, leader(4, 4, 4))

    assert t(locale, "self.team.hidden") in text
    for number in TEAM_NUMBERS:
        assert number not in text, number
    assert t(locale, "self.team.title", team="Salg Øst", week=48) not in text
    assert t(locale, "self.gap.quote") not in text
    assert ":mag:" not in text  # no largest gap
    assert "Salg Øst" not in text
    own = "4.0" if locale == "en" else "4,0"
    assert t(locale, "self.split.managing", value=own) in text
    assert t(locale, "self.profile.title", profile=t(locale, "self.profile.best.name")) in text
    assert validated(harness) > VALIDATED_SEEDED


def test_the_suppressed_team_was_published_as_suppressed(harness: Harness) -> None:
    team_id = suppressed_team(harness.db, "U1")
    summary = SummaryService(harness.db, harness.clock, SummaryOnlySender()).latest(team_id)
    assert summary is not None and summary.suppressed and summary.respondents == 4


def test_the_result_again_and_on_app_home(harness: Harness) -> None:
    published_team(harness.db, "U1")
    run_self_view(harness, "U1", leader(5, 2, 4))
    harness.fake.reset()

    harness.command("selv")
    ephemeral = harness.fake.calls_to("response_url")[-1]
    assert ephemeral.params["response_type"] == "ephemeral"
    assert t("nb", "run.already_done.self") in block_texts(ephemeral)
    name = t("nb", "self.profile.relation_leader.name")
    assert t("nb", "self.profile.title", profile=name) in block_texts(ephemeral)
    assert not harness.fake.calls_to("chat.postMessage")

    harness.send(harness.requests.app_home_opened(user_id="U1"))
    home = harness.fake.calls_to("views.publish")[-1]
    text = block_texts(home)
    assert t("nb", "home.last_result", kind=t("nb", "kind.self"), period="november 2026") in text
    assert t("nb", "self.profile.title", profile=name) in text
    assert t("nb", "self.team.title", team="Salg Øst", week=48) in text
    assert t("nb", "result.self.title") not in text  # the home has its own title line
    assert validated(harness) > 20
