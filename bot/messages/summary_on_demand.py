"""The replies to a manager's `/balanse oppsummering` (the summary itself is `summary.manager_summary`,
posted in the DM with its chart): the choice of team, the first-week status and the refusals."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, MarkdownTextObject, SectionBlock

from bot.ids import ActionId, BlockId
from bot.messages import Message, escape
from bot.messages.survey import notice
from coaching.i18n import t
from coaching.locale import Locale
from survey_flows.first_week import FirstWeek
from survey_flows.summary_on_demand import Progress, SummaryAnswer
from survey_flows.team_settings import NAME_MAX
from survey_flows.views import TeamView
from survey_flows.wording import not_yet_lines

MAX_TEAMS = 25
"""Buttons in one actions block (Slack's limit)."""


def choose_team(
    locale: Locale,
    answer: SummaryAnswer,
    action: str = ActionId.SUMMARY_TEAM,
    block_id: str = BlockId.SUMMARY_TEAMS,
    question: str = "summary_now.choose",
) -> Message:
    """One button per team the manager manages (`action` names what a tap asks for: the summary, the report)."""
    text = t(locale, question)
    buttons = [
        ButtonElement(text=team.name[:75], action_id=f"{action}_{team.id}", value=str(team.id))
        for team in answer.teams[:MAX_TEAMS]
    ]
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=text)),
        ActionsBlock(block_id=block_id, elements=buttons),
    ]
    return Message(text=text, blocks=blocks)


def not_yet(
    locale: Locale, team: TeamView, first: FirstWeek, progress: Progress | None, sellers: int
) -> Message:
    """When the first summary comes and how far the week has come (survey_flows.wording.not_yet_lines)."""
    return notice(
        "\n".join(not_yet_lines(locale, team, escape(team.name, NAME_MAX), first, progress, sellers))
    )


def sent(locale: Locale, team: TeamView) -> Message:
    return notice(t(locale, "summary_now.sent", team=escape(team.name, NAME_MAX)))


def refused(locale: Locale, *, asked_for_team: bool) -> Message:
    return notice(t(locale, "summary_now.gone" if asked_for_team else "summary_now.refused"))
