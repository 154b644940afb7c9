"""Posts the weekly summary to Slack: the channel post with its chart in the thread, and the manager DMs.

This is the summary half of the `Sender` protocol (survey_flows.delivery); the pulse half lives in
bot/delivery.py and the two are combined there. Each method performs one delivery and says how it went;
the ledger is kept by the caller.

- The channel summary is posted with chat.postMessage; the zone chart (PNG) follows in its thread via
  the files upload v2 API (files.getUploadURLExternal, the upload, files.completeUploadExternal) with a
  localized title and alt text. A suppressed week, or one without a zone, gets no chart.
- Once the summary is in the channel the delivery counts as SENT even if the chart upload fails (it is
  logged): posting the summary again for a missing chart would show the team the same week twice.
- channel_not_found, not_in_channel and is_archived mean the channel cannot be reached: UNREACHABLE
  (skipped, never retried). A DM that cannot be opened (user_disabled, user_not_found, ...) likewise.
  Anything else (Slack down after the client's own retries, a network error) is FAILED.
"""

from __future__ import annotations

import logging
from typing import Final

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.charts import render_zone_chart
from bot.messages import summary as msg
from bot.profiles import Profiles
from coaching.locale import Locale, resolve_locale
from coaching.summary import TeamSummary
from survey_flows.delivery import SendResult, TeamView

log = logging.getLogger(__name__)

UNREACHABLE_ERRORS: Final[frozenset[str]] = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "user_is_bot",
        "account_inactive",
        "messages_tab_disabled",
        "restricted_action",
    }
)


def _result_of(exc: SlackApiError) -> SendResult:
    error = str(exc.response.get("error", ""))
    return SendResult.UNREACHABLE if error in UNREACHABLE_ERRORS else SendResult.FAILED


class SummarySlackSender:
    def __init__(self, client: WebClient, profiles: Profiles, default_locale: Locale) -> None:
        self.client = client
        self.profiles = profiles
        self.default_locale = default_locale

    def _team_locale(self, team: TeamView) -> Locale:
        return resolve_locale(team.locale, self.default_locale)

    def post_channel_summary(self, team: TeamView, summary: TeamSummary) -> SendResult:
        """The anonymous weekly summary in the team channel, in the team's language, with the chart."""
        locale = self._team_locale(team)
        message = msg.channel_summary(locale, team.name, summary)
        try:
            posted = self.client.chat_postMessage(channel=team.channel_id, **message.as_kwargs())
        except SlackApiError as exc:
            log.warning("weekly summary for team %s not posted: %s", team.id, exc.response.get("error"))
            return _result_of(exc)
        except (SlackClientError, OSError) as exc:
            log.warning("weekly summary for team %s not posted: %s", team.id, type(exc).__name__)
            return SendResult.FAILED
        if msg.has_chart(summary):
            self._upload_chart(
                team, summary, locale, str(posted.get("channel") or team.channel_id), posted["ts"]
            )
        return SendResult.SENT

    def _upload_chart(
        self, team: TeamView, summary: TeamSummary, locale: Locale, channel: str, thread_ts: str
    ) -> None:
        try:
            png = render_zone_chart(
                summary.history,
                cutoff=team.cutoff,
                labels=msg.chart_labels(locale),
                intervals=summary.history_margins,
            )
            self.client.files_upload_v2(
                channel=channel,
                thread_ts=thread_ts,
                content=png,
                filename=f"balansebrett-{summary.period}.png",
                title=msg.chart_file_title(locale, summary),
                alt_txt=msg.chart_alt_text(locale, summary),
            )
        except SlackApiError as exc:
            log.warning("zone chart for team %s not uploaded: %s", team.id, exc.response.get("error"))
        except (SlackClientError, OSError, ValueError) as exc:
            log.warning("zone chart for team %s not uploaded: %s", team.id, type(exc).__name__)

    def send_manager_summary(self, team: TeamView, summary: TeamSummary, user_id: str) -> SendResult:
        """The same summary in the manager's DM (in the manager's language), plus the lever line."""
        try:
            locale = self.profiles.locale(self.client, team.workspace_id, user_id)
            channel = self.profiles.dm_channel(self.client, team.workspace_id, user_id)
            message = msg.manager_summary(locale, team.name, summary)
            self.client.chat_postMessage(channel=channel, **message.as_kwargs())
        except SlackApiError as exc:
            log.warning("weekly summary DM for team %s not sent: %s", team.id, exc.response.get("error"))
            return _result_of(exc)
        except (SlackClientError, OSError) as exc:
            log.warning("weekly summary DM for team %s not sent: %s", team.id, type(exc).__name__)
            return SendResult.FAILED
        return SendResult.SENT
