"""App Home for a team's managers: their teams at a glance (next pulse, next summary, how many answered this
week's pulse so far, by the same rule as `/balanse oppsummering`: a count only from the team's minimum on)
and the leader's mirror (`/balanse selv`). The coaching section follows (coaching_home.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from slack_sdk.models.blocks import Block, ButtonElement, DividerBlock, MarkdownTextObject, SectionBlock

from bot.ids import ActionId
from bot.messages import escape
from coaching.i18n import t
from coaching.locale import Locale
from coaching.markup import channel
from survey_flows.periods import spoken_moment
from survey_flows.team_glance import TeamGlance
from survey_flows.wording import progress_text


def _moment(locale: Locale, moment: datetime | None, tz: str) -> str:
    return spoken_moment(locale, moment, tz) if moment is not None else t(locale, "home.team.none")


def manager_section(locale: Locale, glances: Sequence[TeamGlance]) -> list[Block]:
    """Nothing for someone who manages no team."""
    if not glances:
        return []
    title = SectionBlock(text=MarkdownTextObject(text=t(locale, "home.teams.title")))
    blocks: list[Block] = [DividerBlock(), title]
    for glance in glances:
        team = glance.team
        line = t(
            locale,
            "home.team.line",
            team=escape(team.name, 80),
            channel=channel(team.channel_id),
            pulse=_moment(locale, glance.next_pulse, team.tz),
            summary=_moment(locale, glance.next_summary, team.tz),
            progress=progress_text(locale, glance.progress),
        )
        blocks.append(SectionBlock(text=MarkdownTextObject(text=line)))
    mirror = ButtonElement(text=t(locale, "home.start_self"), action_id=ActionId.START_SELF, value="self")
    blocks.append(SectionBlock(text=MarkdownTextObject(text=t(locale, "home.self")), accessory=mirror))
    return blocks
