"""The self-view's Block Kit, rendered without Slack: numbers, gap words and a hidden team."""

from __future__ import annotations

from decimal import Decimal

import pytest
from slack_sdk.models.blocks import Block

from bot.messages.self_view import self_result
from bot.messages.survey import result_blocks
from coaching.i18n import t
from coaching.numbers import number, rounded
from coaching.scoring import score
from coaching.self_view import Gap, compare
from survey_flows.self_view_text import gap_words, shown_difference
from survey_flows.views import Kind, ResultView


def texts(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        data = block.to_dict()
        if "text" in data:
            parts.append(data["text"]["text"])
        parts += [element["text"] for element in data.get("elements", []) if "text" in element]
    return "\n".join(parts)


def hidden_result(*, manages_team: bool) -> ResultView:
    answers = {"q04": 4, "q09": 4, "q05": 4}
    scores = score(answers)
    return ResultView(
        7, Kind.SELF, "2026-11", scores, None, compare(scores, None, answers=answers), None, manages_team
    )


@pytest.mark.parametrize(
    ("locale", "value", "signed", "expected"),
    [
        ("nb", 4.25, False, "4,3"),  # half up, as a reader rounds
        ("sv", 3.2 - 4.0, True, "−0,8"),
        ("en", 0.6000000000000001, True, "+0.6"),
        ("nb", 0.04, True, "±0,0"),
        ("en", None, False, "–"),
    ],
)
def test_numbers(locale: str, value: float | None, signed: bool, expected: str) -> None:
    assert number(locale, value, signed=signed) == expected


def test_the_shown_difference_adds_up_with_the_shown_figures() -> None:
    gap = Gap.between(4.25, 2.4)  # exactly -1.85
    assert (rounded(gap.self_value), rounded(gap.team_value)) == (Decimal("4.3"), Decimal("2.4"))
    assert shown_difference(gap) == Decimal("-1.9")


@pytest.mark.parametrize(
    ("own", "team", "key"),
    [
        (4.0, 3.2, "self.gap.less"),
        (4.0, 4.6, "self.gap.more"),
        (4.0, 3.8, "self.gap.same"),
        (4.0, 4.2, "self.gap.same"),
    ],
)
def test_gap_words(own: float, team: float, key: str) -> None:
    assert gap_words("nb", "krav og standard", Gap.between(own, team)) == t(
        "nb", key, what="krav og standard"
    )


@pytest.mark.parametrize("manages_team", [True, False])
@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_a_hidden_team_is_one_line(locale: str, manages_team: bool) -> None:
    message = self_result(locale, hidden_result(manages_team=manages_team))

    text = texts(message.blocks)
    shown = "self.team.hidden" if manages_team else "self.team.none"
    other = "self.team.none" if manages_team else "self.team.hidden"
    assert t(locale, shown) in text and t(locale, other) not in text
    assert t(locale, "self.gap.quote") not in text
    for raw in message.as_kwargs()["blocks"]:
        block = Block.parse(raw)
        assert block is not None
        block.validate_json()


def test_the_survey_renderer_hands_a_self_result_over_without_its_header() -> None:
    blocks = result_blocks("nb", hidden_result(manages_team=False), header=False)
    assert blocks[0].to_dict()["type"] == "section"
    assert t("nb", "result.self.title") not in texts(blocks)
    # One administration item of eight is too few for a mean: no figure, and no profile either.
    assert t("nb", "self.split.managing", value="–") in texts(blocks)
    assert t("nb", "self.profile.none") in texts(blocks)
