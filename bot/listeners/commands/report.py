"""`/balanse rapport` (`report`) and the team buttons of its choice: a manager's team report, the published
weekly summaries of the last 12 weeks as Markdown and as a PDF to forward, in their DM (a file cannot be
ephemeral), with an ephemeral note saying so. The same rule as `/balanse oppsummering` decides who gets it
(a manager of the team; one of several teams chooses; everyone else gets the same polite refusal)."""

from __future__ import annotations

import re
import uuid

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.ids import ActionId, BlockId
from bot.messages import escape, summary_on_demand
from bot.messages.survey import notice
from bot.posting import post_once, share_file_once
from bot.recovery import post_marker
from bot.services import Services
from coaching.i18n import t
from coaching.locale import Locale
from coaching.summary_text import week_number
from reports.team_report import DEFAULT_WEEKS, TeamReport
from survey_flows.summary_on_demand import SummaryAsk
from survey_flows.team_settings import NAME_MAX

REPORT_BUTTON = re.compile(rf"^{ActionId.REPORT_TEAM}_\d+$")


def show_report(
    services: Services,
    client: WebClient,
    workspace_id: str,
    user_id: str,
    respond: Respond,
    locale: Locale,
    team_id: int | None = None,
) -> None:
    answer = services.summaries.ask(workspace_id, user_id, team_id)
    reply = {"response_type": "ephemeral", "replace_original": team_id is not None}
    if answer.status is SummaryAsk.NOT_MANAGER:
        respond(**reply, **summary_on_demand.refused(locale, asked_for_team=team_id is not None).as_kwargs())
        return
    if answer.status is SummaryAsk.CHOOSE:
        message = summary_on_demand.choose_team(
            locale, answer, ActionId.REPORT_TEAM, BlockId.REPORT_TEAMS, "report.slack.choose"
        )
        respond(**reply, **message.as_kwargs())
        return
    if answer.team is None:
        return
    name = escape(answer.team.name, NAME_MAX)
    report = services.reports.of(answer.team, locale=locale)
    if not report.weeks:
        respond(**reply, **notice(t(locale, "report.slack.none", team=name)).as_kwargs())
        return
    try:
        _send(services, client, workspace_id, user_id, report)
    except (SlackApiError, SlackClientError, OSError):
        respond(**reply, text=t(locale, "error.slack"))
        return
    respond(**reply, **notice(t(locale, "report.slack.sent", team=name)).as_kwargs())


def _send(services: Services, client: WebClient, workspace_id: str, user_id: str, report: TeamReport) -> None:
    """The report's intro in the manager's DM, the Markdown and the PDF in its thread."""
    from reports.render import render_markdown, render_pdf

    locale, name = report.locale, report.team.name
    channel = services.profiles.dm_channel(client, workspace_id, user_id)
    intro = t(locale, "report.slack.intro", team=escape(name, NAME_MAX), weeks=DEFAULT_WEEKS)
    marker = post_marker("report", team_id=report.team.id, asked=uuid.uuid4().hex[:12])
    posted = post_once(client, channel=channel, marker=marker, text=intro)
    first, last = (week_number(report.weeks[n].summary.period) for n in (0, -1))
    title = t(locale, "report.slack.file_title", team=name, first=first, last=last)
    stem = f"balansebrett-{report.team.id}-{report.weeks[-1].summary.period}"
    for filename, content in (
        (f"{stem}.md", render_markdown(report).encode("utf-8")),
        (f"{stem}.pdf", render_pdf(report)),
    ):
        share_file_once(
            client,
            channel=posted.channel,
            thread_ts=posted.ts,
            filename=filename,
            content=content,
            title=title,
        )
