"""A figure hidden once stays hidden (issue 9, part 2), end to end: the manager changes the team's anonymity
minimum through the real `/balanse setup` form between published weeks, and no later surface (channel post,
manager DM, chart, self-view, coaching context) lets an earlier week's hidden cell back in."""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from coaching.instrument import Axis
from tests.support.coaching import answer_dialogue
from tests.support.harness import Harness, block_texts
from tests.support.minimum_changes import MANAGER, MinimumTeam, minimum_team
from tests.support.self_views import leader
from tests.support.shown import t

W47, W48 = "2026-W47", "2026-W48"


def axis_line(text: str, axis: Axis) -> str:
    """The summary's line for one axis ("Opplevd standard: *5,0* av 5 · …")."""
    start = t("nb", "result.axis", axis=t("nb", f"axis.{axis}"), value="").split(":")[0] + ":"
    (line,) = [line for line in text.splitlines() if line.startswith(start)]
    return line


def week_48_is_alone(team: MinimumTeam, standard: str) -> None:
    """Week 48's channel post, manager DM and chart: the standard figure has nothing of week 47."""
    channel, dm = team.posts("C_TEAM")[-1], team.posts(f"D{MANAGER}")[-1]
    for post in (channel, dm):
        text = team.read(post)
        assert t("nb", "summary.title", team="Salg Øst", week=48) in text
        line = axis_line(text, Axis.STANDARD)
        value = t("nb", "result.axis", axis=t("nb", "axis.standard"), value=standard)
        assert line == f"{value} · {t('nb', 'summary.no_previous')}", line  # no change, no rolling mean
        assert t("nb", "summary.rolling", value="").strip() not in line
    (alt,) = [text for text in team.chart_alt_texts() if "uke 48" in text]
    assert "uke 47" not in alt  # week 47 is not on the chart's path


def test_lowering_the_minimum_does_not_reveal_an_earlier_hidden_cell(
    harness: Harness, runtime: Runtime
) -> None:
    # The issue's attack: with minimum 5, week 47's standard (3 answers, mean 2.0) is hidden.
    team = minimum_team(harness, runtime, sellers=5, minimum=5)
    team.publish_week(W47, [(4, 2), (4, 2), (4, 2), (4, None), (4, None)])
    week_47 = team.read(team.posts("C_TEAM")[-1])
    assert t("nb", "summary.no_zone") in week_47
    assert "2,0" not in week_47

    # The manager lowers it to 3 through the form, which says that this applies to future weeks only.
    view = team.open_form()
    (block,) = [b for b in view["blocks"] if b.get("block_id") == "setup_min_respondents"]
    assert block["hint"]["text"] == t("nb", "setup.min_respondents.hint")
    assert "kommende uker" in block["hint"]["text"]
    team.save_minimum(3)

    # Week 48 shows 5.0: without the defence it said "+3,0" against week 47, pooled week 47 into the
    # rolling mean (3.9) and drew week 47 on the chart, giving away the hidden 3-person mean of 2.0.
    team.publish_week(W48, [(4, 5)] * 5)

    week_48_is_alone(team, "5,0")
    for post in (team.posts("C_TEAM")[-1], team.posts(f"D{MANAGER}")[-1]):
        text = team.read(post)
        assert "+3,0" not in text and "3,9" not in text
        assert "±0,0" in axis_line(text, Axis.SAFETY)  # the safety cell of week 47 (5 people) still counts
        assert t("nb", "summary.anonymous", minimum=3) in text
    assert team.stored_minimum(W47) == 5 and team.stored_minimum(W48) == 3

    # The self-view and the coaching context read week 48 only.
    harness.command("selv", user_id=MANAGER)
    harness.answer_all(leader(4, 4, 4), user_id=MANAGER)
    result = block_texts(harness.fake.calls_to("chat.postMessage")[-1])
    assert t("nb", "self.team.title", team="Salg Øst", week=48) in result
    assert "2,0" not in result and "uke 47" not in result
    harness.command("coach <@US1|kari>", user_id=MANAGER)
    advice = block_texts(answer_dialogue(harness, {"competence": "high", "will": "high"}, full=True))
    assert t("nb", "coach.answer.team_note", week=48) in advice
    assert "uke 47" not in advice


def test_raise_then_lower_keeps_the_strictest_minimum_for_earlier_weeks(
    harness: Harness, runtime: Runtime
) -> None:
    team = minimum_team(harness, runtime, sellers=8, minimum=5)
    # Week 47 with minimum 5: 7 answered, standard from 6 of them (mean 2.0), so both axes were shown.
    team.publish_week(W47, [(4, 2)] * 6 + [(4, None)])
    week_47 = team.read(team.posts("C_TEAM")[-1])
    assert t("nb", "result.axis", axis=t("nb", "axis.standard"), value="2,0") in week_47

    team.save_minimum(7)  # week 47's standard (6 people) is now below the minimum in force ...
    assert team.stored_minimum(W47) == 7
    team.save_minimum(3)  # ... and lowering it again affects future weeks only
    assert team.stored_minimum(W47) == 7

    team.publish_week(W48, [(4, 5)] * 8)

    week_48_is_alone(team, "5,0")
    for post in (team.posts("C_TEAM")[-1], team.posts(f"D{MANAGER}")[-1]):
        assert "±0,0" in axis_line(team.read(post), Axis.SAFETY)  # week 47's safety had 7 people
    (alt,) = [text for text in team.chart_alt_texts() if "uke 48" in text]
    assert "uke 47" not in alt


@pytest.mark.parametrize(
    ("user_id", "locale", "words"),
    [
        ("U1", "nb", "bare kommende uker"),
        ("U2", "sv", "bara kommande veckor"),
        ("U3", "en", "future weeks only"),
    ],
)
def test_the_form_says_lowering_the_minimum_affects_future_weeks_only(
    harness: Harness, user_id: str, locale: str, words: str
) -> None:
    harness.fake.set_members("C_NEW", [user_id, "UBOT"])
    harness.command("setup", user_id=user_id, channel_id="C_NEW")

    view = harness.fake.calls_to("views.open")[-1].params["view"]
    (block,) = [b for b in view["blocks"] if b.get("block_id") == "setup_min_respondents"]
    assert block["hint"]["text"] == t(locale, "setup.min_respondents.hint")
    assert words in block["hint"]["text"]
