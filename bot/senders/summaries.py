"""Posts the weekly summary to Slack: the channel post with its chart in the thread, and the manager DMs.

This is the summary half of the `Sender` protocol (scheduling.ports); the pulse half lives in
bot/senders/slack_sender.py and the two are combined there. Each method performs one delivery and says how it went;
the ledger is kept by the caller.

- The channel summary is posted with chat.postMessage, its figures follow in its thread (so the post fits a
  phone; the managers' DMs likewise), and the zone chart (PNG) after them via
  the files upload v2 API (files.getUploadURLExternal, the upload, files.completeUploadExternal) with a
  localized title and alt text. A suppressed week, or one without a zone, gets no chart.
- Once the summary is in the channel the delivery counts as SENT even if the figures or the chart upload
  fail (logged): posting the summary again for a missing chart would show the team the same week twice.
- All three go through bot/posting.py: after a 5xx or a lost answer Slack is asked whether it shows the
  post (the summary and its figures by their metadata, the chart by its file name in the thread) before it
  is sent again, and a retaken claim looks first. Finding a post in the team channel is what
  channels:history and groups:history are for.
- Slack's errors are read in bot/senders/outcomes.py, the one table every sender shares: a channel or DM
  that cannot be reached is UNREACHABLE (skipped, never retried); anything else is FAILED.
"""

from __future__ import annotations

import logging
import uuid

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.messages import summary as msg
from bot.posting import Posted, post_once, share_file_once
from bot.profiles import Profiles
from bot.recovery import post_marker
from bot.senders.outcomes import failed
from coaching.locale import Locale, resolve_locale
from coaching.summary import TeamSummary
from reports.chart_texts import zone_chart
from scheduling.ports import Claim, SendResult
from survey_flows.views import TeamView

log = logging.getLogger(__name__)


class SummarySlackSender:
    def __init__(self, client: WebClient, profiles: Profiles, default_locale: Locale) -> None:
        self.client = client
        self.profiles = profiles
        self.default_locale = default_locale

    def _team_locale(self, team: TeamView) -> Locale:
        return resolve_locale(team.locale, self.default_locale)

    def post_channel_summary(
        self, team: TeamView, summary: TeamSummary, claim: Claim = Claim.NEW
    ) -> SendResult:
        """The anonymous weekly summary in the team channel, in the team's language, with the chart."""
        locale = self._team_locale(team)
        message = msg.channel_summary(locale, team.name, summary)
        retaken = claim is Claim.RETAKEN
        try:
            posted = post_once(
                self.client,
                channel=team.channel_id,
                marker=post_marker("summary", team_id=team.id, period=summary.period),
                look_first=retaken,
                **message.as_kwargs(),
            )
        except SlackApiError as exc:
            log.warning("weekly summary for team %s not posted: %s", team.id, exc.response.get("error"))
            return failed(exc, "summary")
        except (SlackClientError, OSError) as exc:
            log.warning("weekly summary for team %s not posted: %s", team.id, type(exc).__name__)
            return SendResult.FAILED
        self._post_details(team, summary, locale, "summary_figures", posted, retaken)
        if msg.has_chart(summary):
            self._upload_chart(team, summary, locale, posted, retaken)
        return SendResult.SENT

    def _post_details(
        self, team: TeamView, summary: TeamSummary, locale: Locale, kind: str, posted: Posted, retaken: bool
    ) -> None:
        """The figures in the summary's thread, shown once (`kind` names them in their marker). Once the
        summary is posted it counts as sent: a failure here is logged, never a reason to post it again."""
        details = msg.summary_details(locale, team.name, summary)
        if details is None:
            return
        try:
            post_once(
                self.client,
                channel=posted.channel,
                thread_ts=posted.ts,
                marker=post_marker(kind, team_id=team.id, period=summary.period),
                look_first=retaken,
                **details.as_kwargs(),
            )
        except SlackApiError as exc:
            log.warning("summary figures for team %s not posted: %s", team.id, exc.response.get("error"))
        except (SlackClientError, OSError) as exc:
            log.warning("summary figures for team %s not posted: %s", team.id, type(exc).__name__)

    def _upload_chart(
        self, team: TeamView, summary: TeamSummary, locale: Locale, posted: Posted, retaken: bool
    ) -> None:
        try:
            png = zone_chart(locale, summary, team.cutoff)
            if png is None:
                return
            share_file_once(
                self.client,
                channel=posted.channel,
                thread_ts=posted.ts,
                look_first=retaken,
                content=png,
                filename=f"balansebrett-{summary.period}.png",
                title=msg.chart_file_title(locale, summary),
                alt_txt=msg.chart_alt_text(locale, summary),
            )
        except SlackApiError as exc:
            log.warning("zone chart for team %s not uploaded: %s", team.id, exc.response.get("error"))
        except (SlackClientError, OSError, ValueError) as exc:
            log.warning("zone chart for team %s not uploaded: %s", team.id, type(exc).__name__)

    def send_manager_summary(
        self,
        team: TeamView,
        summary: TeamSummary,
        user_id: str,
        claim: Claim = Claim.NEW,
        *,
        chart: bool = False,
    ) -> SendResult:
        """The summary in the manager's DM (in the manager's language), led by the lever, its figures in
        its thread; with `chart`, the zone chart after them (a manager's `/balanse oppsummering`)."""
        try:
            locale = self.profiles.locale(self.client, team.workspace_id, user_id)
            channel = self.profiles.dm_channel(self.client, team.workspace_id, user_id)
            message = msg.manager_summary(locale, team.name, summary, chart=chart)
            # The weekly DM is named by team and week; one asked for is named afresh each time.
            names = {"team_id": team.id, "period": summary.period}
            marker = (
                post_marker("summary_asked", asked=uuid.uuid4().hex[:12], **names)
                if chart
                else post_marker("summary_dm", **names)
            )
            posted = post_once(
                self.client,
                channel=channel,
                marker=marker,
                look_first=claim is Claim.RETAKEN,
                **message.as_kwargs(),
            )
        except SlackApiError as exc:
            log.warning("weekly summary DM for team %s not sent: %s", team.id, exc.response.get("error"))
            return failed(exc, "summary")
        except (SlackClientError, OSError) as exc:
            log.warning("weekly summary DM for team %s not sent: %s", team.id, type(exc).__name__)
            return SendResult.FAILED
        self._post_details(team, summary, locale, "summary_dm_figures", posted, claim is Claim.RETAKEN)
        if chart and msg.has_chart(summary):
            self._upload_chart(team, summary, locale, posted, retaken=False)
        return SendResult.SENT
